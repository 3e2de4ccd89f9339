// Which files are configuration by their name, and which URL hosts are real: where a password made of words is
// still a real password (a person typed it into the file a service reads), not an example in code or prose.

// Templates of a configuration (`.env.example`, `config.yml.dist`): their values are meant to be replaced.
const TEMPLATE_SUFFIX = /[.\-_](?:example|examples|sample|samples|template|tmpl|tpl|dist|default|defaults|skel|orig|bak|in|md|txt)$/i;

// Formats that hold settings only: whatever they assign is a value, never an expression.
const CONFIG_EXTENSION = /\.(?:env|properties|ini|cfg|conf|cnf|toml|ya?ml|tfvars|config)$/i;

// Names a settings file has in every ecosystem: dotenv, docker-compose, credentials files of clients (npm, pip,
// netrc, libpq, MySQL, s3cmd, boto, mail clients, Ivy, mount.cifs), fstab, and the code files that frameworks read as configuration (WordPress, Drupal,
// MediaWiki, Joomla, Django, Laravel's config folder).
const CONFIG_NAME = /^(?:\.env(?:\.[\w-]+)?|[\w.-]*\.env|\.envrc|docker-compose[\w.-]*|compose\.ya?ml|\.npmrc|\.yarnrc|\.pypirc|pip\.conf|\.netrc|_netrc|\.pgpass|pgpass\.conf|\.my\.cnf|\.?(?:muttrc|msmtprc|esmtprc|fetchmailrc)|fstab|\.credentials|\.smbcredentials|\.s3cfg|\.boto|\.git-credentials|\.dockercfg|wp-config\.php|settings\.php|LocalSettings\.php|configuration\.php|(?:local_|production_|prod_|dev_)?settings\.py|[\w.-]*config\.(?:php|py|rb|json|xml)|[\w-]*settings\.(?:json|xml)|appsettings(?:\.[\w-]+)?\.json|(?:secrets|credentials|parameters|database)\.(?:json|php|xml)|(?:web|app|server|context|tomcat-users|standalone|persistence|hibernate[\w.-]*|applicationContext[\w-]*)\.xml)$/i;

/** The file's own name (the path's last part), without the folders. */
function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/** A configuration file by its name, not a template of one (`.env` and `db.yml` are; `.env.example`, `app.js` are not). */
export function isConfigFile(path: string): boolean {
  const name = baseName(path);
  if (TEMPLATE_SUFFIX.test(name) && !/^\.env$/i.test(name)) return false;
  return CONFIG_EXTENSION.test(name) || CONFIG_NAME.test(name);
}

// Hosts of documentation and of a developer's own machine (RFC 2606/6761 names, loopback, `host` and `<host>`-like
// words, the domains manuals invent: `company.com`, `acme.com`): a URL naming one shows how a connection is written.
const PLACEHOLDER_HOST = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|::1|host|hostname|server|servername|domain|address|ip|example|test|invalid|xxx+|x+\.x+\.x+\.x+|your[\w.-]*|my[-_]?(?:host|server|domain)[\w.-]*|[\w.-]*\.(?:example|test|invalid|localhost|local)|(?:[\w-]+\.)*(?:example|(?:my|your|some)?(?:company|domain|host|server|site|corp)|acme|foo|bar|baz)\.(?:com|net|org|tld|io))$/i;

// Manuals, info pages, READMEs and changelogs: a URL there is an example of how one is written.
const DOCUMENTATION = /\.(?:md|markdown|mdx|rst|txt|adoc|asciidoc|info|texi|html?|tex|pod|rdoc|org|[1-9][a-z]{0,3})$|^(?:readme|changelog|changes|news|history|faq|install)(?:\.[\w-]+)?$/i;

/** Documentation by its name: a manual, an info page, a README or a changelog (`/usr/share/man/man5/x.conf.5`). */
export function isDocumentation(path: string): boolean {
  return DOCUMENTATION.test(baseName(path));
}

/** The host of a URL starting at `at` (just after `user:password@`): its name, up to a port, path or the end. */
export function urlHost(text: string, at: number): string {
  let end = at;
  while (end < text.length && end - at < 253 && /[A-Za-z0-9.\-_[\]%:]/.test(text[end] as string)) end++;
  const host = text.slice(at, end);
  // A port after the name, not the colons of an IPv6 literal.
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] as string);
}

/** A host a service may really live at: a name or an address, not a placeholder, loopback or a template. */
export function isRealHost(host: string): boolean {
  return host.length > 0 && !PLACEHOLDER_HOST.test(host) && !/[%[\]]/.test(host.replace(/^\[[0-9a-f:]+\]$/i, ''));
}

// A connection's server on the password's line: ADO.NET/ODBC/OLE DB keys (`Server=…;Pwd=…`), libpq keywords (`host=…
// password=…`), a connect call's arguments (`connect(host="…", password="…")`), or a JDBC URL's host (`jdbc:mysql://…`).
const SERVER_KEY = /(?:^|[;?&\s"'`(,])(?:server|data[ \t]?source|host|hostname|hostaddr|address|addr|network[ \t]address)[ \t]*=[ \t]*["']?(?:tcp:)?([^\s;"'`,\\)]+)|\bjdbc:[a-z0-9]+(?::[a-z0-9]+)?:(?:\/\/|@\/\/|@)([^\s;"'`,\\/)?]+)/gi;
// The password's own key in such a string: after a separator of its pairs, not a word of a longer name (`db_password=`).
const PASSWORD_KEY = /(?:^|[;?&\s"'`(,])(?:password|pwd)[ \t]*=[ \t]*["']?$/i;
const HOST_NAME = /^(?:[A-Za-z0-9][\w.-]*|\[[0-9a-f:]+\])$/i;

/** A password at `before`'s end is a connection's, and the line names a real server for it (`Server=db01;…;Password=`). */
export function isConnectionPassword(before: string, line: string): boolean {
  if (!PASSWORD_KEY.test(before)) return false;
  for (const m of line.matchAll(SERVER_KEY)) {
    // A port or an Oracle SID after the name (`db01:5432`, SQL Server's `db01,1433`, `@db01:1521:orcl`).
    const found = m[1] ?? m[2] ?? '';
    const host = found.startsWith('[') ? found.slice(0, found.indexOf(']') + 1) : (found.split(/[:,]/)[0] as string);
    if (HOST_NAME.test(host) && isRealHost(host)) return true;
  }
  return false;
}
