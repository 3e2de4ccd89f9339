// The syntaxes the assignment detector reads, as a table: what follows a credential-like name, or a whole form
// with its own anchor (CLI flags, SQL, URLs). Each row carries examples, which test/detect/assignment-syntaxes walks.

/** `{V}` in `text` stands for the value: the tests put a generated one there, so no value sits in the source. */
export interface SyntaxExample {
  text: string;
  file?: string;
  name: string;
  /** `basic`: the value is HTTP Basic credentials, base64 of `user:password` (the tests encode a generated password);
   *  `long`: a syntax that reads only strong values (prose, glued forms) gets a long random one. */
  shape?: 'basic' | 'long';
}

/** What a syntax's form says about the value it holds (see `kind` below). */
export type SyntaxKind = 'command';

/** A form read after a name: `after` is sticky at the name's end and ends where the value begins. */
export interface NamedSyntax {
  id: string;
  description: string;
  /** `command`: the form's own anchor says a password follows (a client's password flag, an SQL statement), so even
   *  a weak password in it is real in any file but documentation (generic-stage.ts reads it for the weak rules). */
  kind?: SyntaxKind;
  after: RegExp;
  /** The text before the name (its line up to the name) must match, when set. */
  before?: RegExp;
  /** Every character `before` can end with (what must sit just before the name): a test of one character before
   *  `before` scans the line (test/detect/assignment-syntaxes checks it against `before`). */
  beforeEnds?: string;
  /** The name itself must match, when set (a cheap test before `before`). */
  names?: RegExp;
  /** Value forms: quoted only, or also unquoted (config files; in code only when it cannot be an expression). */
  values: 'quoted' | 'any';
  examples: SyntaxExample[];
}

/** A form with its own anchor; `value` is the named group holding the secret, `name` what it is. */
export interface AnchoredSyntax {
  id: string;
  description: string;
  /** `command`: the form's own anchor says a password follows (a client's password flag, an SQL statement), so even
   *  a weak password in it is real in any file but documentation (generic-stage.ts reads it for the weak rules). */
  kind?: SyntaxKind;
  /** Lower-case literals one of which every match holds (the examples' test checks it); gating the regex on them
   *  was measured and saved nothing, as each regex starts with its literal anchor. */
  keywords: string[];
  regex: RegExp;
  name: string;
  examples: SyntaxExample[];
}

// Operators of assignments and key/value pairs across languages: make's `::=`/`:::=`/`?=`, Go's `:=`, PHP's `.=`, Ruby/PHP `=>`.
const OPERATOR = String.raw`(?::::=|::=|:=|\?=|\+=|\.=|=>|->|=(?!=)|:(?!:))`;
// A closing quote (also JSON-escaped `\"`) or bracket of the name itself: `"password": …`, `ENV['TOKEN'] = …`.
const CLOSE = String.raw`(?:\\?["'\x60])?\]?`;

export const NAMED_SYNTAXES: readonly NamedSyntax[] = [
  {
    id: 'cli-flag',
    kind: 'command',
    description: 'a command-line flag: --password=…, --password …, -Password … (PowerShell), --client-secret …',
    before: /(?:^|[\s"'(])--?$/,
    beforeEnds: '-',
    after: /(?:=|[ \t]{1,4})/y,
    values: 'any',
    examples: [
      { text: 'mytool --password={V} --verbose', file: 'run.sh', name: 'password' },
      { text: './deploy.sh --client-secret {V}', file: 'README.md', name: 'client-secret' },
      { text: 'Invoke-Spray -UserList users.txt -Password {V}', file: 'notes.md', name: 'Password' },
    ],
  },
  {
    id: 'shell-default',
    description: 'a shell or compose default of a variable: ${DB_PASSWORD:-…}, ${API_TOKEN:=…}, ${SECRET=…}, ${TOKEN-…} (the literal is used when the variable is unset)',
    // Before `assignment`, whose `:` operator would read `-…` as the value.
    before: /\$\{$/,
    after: /:?[-=](?=[^}\s])/y,
    values: 'any',
    examples: [
      { text: 'environment:\n  ACME_URL: https://${ACME_TOKEN:-{V}}@api.acme.test', file: 'docker-compose.yml', name: 'ACME_TOKEN' },
      { text: ': "${DB_PASSWORD:={V}}"', file: 'run.sh', name: 'DB_PASSWORD' },
      { text: 'psql "postgres://app:${DB_PASSWORD={V}}@db/app"', file: 'run.sh', name: 'DB_PASSWORD' },
      // `-` is also a name character: the name is cut at the hyphen after its credential word (assignment.ts).
      { text: 'echo "${ACME_API_KEY-{V}}" | acme login', file: 'run.sh', name: 'ACME_API_KEY' },
    ],
  },
  {
    id: 'env-fallback',
    description: "a literal fallback of an environment read: process.env['X'] || '…', os.getenv('X') or '…', ENV['X'] || '…', ENV.fetch('X') { '…' }, getenv('X') ?: '…', $_ENV['X'] ?? '…'",
    before: /(?:(?:\b(?:env|ENV|environ)|\$_ENV|\$_SERVER)\[|\b(?:getenv|get|fetch|GetEnvironmentVariable|env)\()[ \t]{0,4}["'`]$/,
    after: /["'`][ \t]{0,4}[\])][ \t]{0,4}(?:(?:\|\||\?\?|\?:|or(?=[ \t]))[ \t]{0,8}|\{[ \t]{0,4})/y,
    values: 'quoted',
    examples: [
      { text: "const token = process.env['ACME_TOKEN'] || '{V}';", file: 'client.js', name: 'ACME_TOKEN' },
      { text: "api_key = os.getenv('ACME_API_KEY') or '{V}'", file: 'settings.py', name: 'ACME_API_KEY' },
      { text: 'secret = os.environ.get("ACME_SECRET") or "{V}"', file: 'settings.py', name: 'ACME_SECRET' },
      { text: "token = ENV['ACME_TOKEN'] || '{V}'", file: 'config.rb', name: 'ACME_TOKEN' },
      { text: 'token = ENV.fetch("ACME_TOKEN") { "{V}" }', file: 'config.rb', name: 'ACME_TOKEN' },
      { text: "$secret = getenv('APP_SECRET') ?: '{V}';", file: 'config.php', name: 'APP_SECRET' },
      { text: "$password = $_ENV['DB_PASSWORD'] ?? '{V}';", file: 'config.php', name: 'DB_PASSWORD' },
      { text: 'val token = System.getenv("ACME_TOKEN") ?: "{V}"', file: 'Config.kt', name: 'ACME_TOKEN' },
      { text: 'var key = Environment.GetEnvironmentVariable("ACME_API_KEY") ?? "{V}";', file: 'Config.cs', name: 'ACME_API_KEY' },
    ],
  },
  {
    id: 'env-fallback-member',
    description: "a literal fallback of a member read of the environment: process.env.API_TOKEN || '…', import.meta.env.VITE_API_KEY ?? '…'",
    names: /^(?:process\.env|import\.meta\.env|Deno\.env)\.[A-Za-z_$][\w$]*$/,
    after: /[ \t]{0,4}(?:\|\||\?\?)[ \t]{0,8}/y,
    values: 'quoted',
    examples: [
      { text: 'const apiKey = process.env.ACME_API_KEY || "{V}";', file: 'client.ts', name: 'process.env.ACME_API_KEY' },
      { text: "token: import.meta.env.VITE_ACME_TOKEN ?? '{V}',", file: 'config.ts', name: 'import.meta.env.VITE_ACME_TOKEN' },
    ],
  },
  {
    id: 'assignment',
    description: 'NAME = value and NAME: value in shell, .env, Dockerfile ARG/ENV, docker -e, compose, YAML, JSON, TOML, INI, properties, HCL, XML attributes, make, and code (JS/TS, Python, Go, Java/Kotlin, C#, Ruby, PHP, Rust, Swift)',
    // `NAME= value` (a space after `=` only) is an empty shell assignment followed by a word, not a value.
    after: new RegExp(String.raw`${CLOSE}(?:[ \t]{1,32}${OPERATOR}[ \t]{0,32}|=(?![=\s])|(?!=)${OPERATOR}[ \t]{0,32})`, 'y'),
    values: 'any',
    examples: [
      { text: 'export DB_PASSWORD={V}', file: 'deploy.sh', name: 'DB_PASSWORD' },
      { text: 'API_TOKEN="{V}"', file: '.env', name: 'API_TOKEN' },
      { text: 'ENV MYSQL_PASSWORD={V}', file: 'Dockerfile', name: 'MYSQL_PASSWORD' },
      { text: 'ARG NPM_SECRET={V}', file: 'Dockerfile', name: 'NPM_SECRET' },
      { text: 'docker run -e POSTGRES_PASSWORD={V} -d postgres', file: 'README.md', name: 'POSTGRES_PASSWORD' },
      { text: '      - REDIS_PASSWORD={V}', file: 'docker-compose.yml', name: 'REDIS_PASSWORD' },
      { text: 'db:\n  password: {V}', file: 'config.yml', name: 'password' },
      { text: '{"client_secret": "{V}"}', file: 'app.json', name: 'client_secret' },
      { text: '"CONNECT {\\"user\\":\\"derek\\",\\"pass\\":\\"{V}\\"}"', file: 'server.go', name: 'pass' },
      { text: 'api_key = "{V}"', file: 'config.toml', name: 'api_key' },
      { text: '[client]\npassword = {V}', file: 'my.cnf', name: 'password' },
      { text: 'secret_key = {V}', file: '.s3cfg', name: 'secret_key' },
      { text: 'spring.datasource.password={V}', file: 'application.properties', name: 'spring.datasource.password' },
      { text: '<server password="{V}" />', file: 'settings.xml', name: 'password' },
      { text: 'const apiKey = "{V}";', file: 'client.ts', name: 'apiKey' },
      { text: "SECRET = '{V}'", file: 'settings.py', name: 'SECRET' },
      { text: 'token := "{V}"', file: 'main.go', name: 'token' },
      { text: 'private static final String PASSWORD = "{V}";', file: 'Db.java', name: 'PASSWORD' },
      { text: 'var password = @"{V}";', file: 'Db.cs', name: 'password' },
      { text: "config.password = '{V}'", file: 'app.rb', name: 'config.password' },
      { text: "'secret' => '{V}',", file: 'config.php', name: 'secret' },
      { text: "$password .= '{V}';", file: 'db.php', name: 'password' },
      { text: 'let password = "{V}";', file: 'main.rs', name: 'password' },
      { text: 'DB_PASSWORD ?= {V}', file: 'Makefile', name: 'DB_PASSWORD' },
      { text: 'DB_PASSWORD ::= {V}', file: 'Makefile', name: 'DB_PASSWORD' },
      { text: 'DB_PASSWORD := {V}', file: 'Makefile', name: 'DB_PASSWORD' },
      { text: 'DB_PASSWORD :::= {V}', file: 'Makefile', name: 'DB_PASSWORD' },
      { text: "settings = { 'password': '{V}' }", file: 'conf.py', name: 'password' },
      { text: 'm := map[string]string{"api_key": "{V}"}', file: 'client.go', name: 'api_key' },
      { text: "curl -H 'Authorization: Bearer {V}' https://api.example.com/v1/me", file: 'README.md', name: 'Authorization' },
      { text: 'curl --header "X-Api-Key: {V}" https://api.example.com/v1/me', file: 'notes.md', name: 'X-Api-Key' },
    ],
  },
  {
    id: 'dockerfile-env-legacy',
    description: 'Dockerfile ENV in its legacy form, a blank between name and value: ENV MYSQL_PASSWORD …',
    before: /^[ \t]{0,8}ENV[ \t]{1,8}$/,
    beforeEnds: ' \t',
    after: /[ \t]{1,8}(?=[^\s=])/y,
    values: 'any',
    examples: [{ text: 'FROM mysql:8\nENV MYSQL_ROOT_PASSWORD {V}', file: 'Dockerfile', name: 'MYSQL_ROOT_PASSWORD' }],
  },
  {
    id: 'kotlin-pair',
    description: 'a Kotlin pair of a map literal: mapOf("password" to "…")',
    // An argument or element (after `(` or `,`), so prose that quotes words (`set "password" to "…"`) is not a pair.
    before: /[(,][ \t]{0,4}["']$/,
    beforeEnds: `"'`,
    after: /["'][ \t]{1,4}to[ \t]{1,4}/y,
    values: 'quoted',
    examples: [{ text: 'val headers = mapOf("X-Api-Key" to "{V}", "Accept" to "application/json")', file: 'Client.kt', name: 'X-Api-Key' }],
  },
  {
    id: 'hcl-variable',
    description: 'a Terraform/HCL variable block with a default: variable "db_password" { default = "…" }',
    before: /\bvariable[ \t]{1,4}"$/,
    beforeEnds: '"',
    // `terraform fmt` aligns the `=` of a block's attributes, so `default` beside `description` is padded by five spaces or more.
    after: /"[ \t]{0,4}\{[^}]{0,400}?\bdefault[ \t]{0,32}=[ \t]{0,4}/y,
    values: 'quoted',
    examples: [
      { text: 'variable "db_password" {\n  type    = string\n  default = "{V}"\n}', file: 'main.tf', name: 'db_password' },
      { text: 'variable "admin_password" {\n  description = "the admin login"\n  default     = "{V}"\n}', file: 'variables.tf', name: 'admin_password' },
    ],
  },
  {
    id: 'typed-assignment',
    description: 'a typed declaration: TS/Kotlin/Swift `name: String = "…"`, Rust `name: &str = "…"`, Go `var name string = "…"`',
    after: new RegExp(String.raw`(?:[ \t]{0,8}:[ \t]{0,8}(?:string|String|str|&'static str|&str)|[ \t]{1,8}string)[ \t]{0,8}=[ \t]{0,8}`, 'y'),
    values: 'quoted',
    examples: [
      { text: 'const password: string = "{V}";', file: 'db.ts', name: 'password' },
      { text: 'val apiKey: String = "{V}"', file: 'Api.kt', name: 'apiKey' },
      { text: 'let token: String = "{V}"', file: 'Api.swift', name: 'token' },
      { text: 'const PASSWORD: &str = "{V}";', file: 'main.rs', name: 'PASSWORD' },
      { text: 'var password string = "{V}"', file: 'main.go', name: 'password' },
    ],
  },
  {
    id: 'comparison',
    description: 'a comparison against a literal: `if token == "…"`, `password === \'…\'`',
    after: new RegExp(String.raw`${CLOSE}[ \t]{0,8}(?:===?|!==?)[ \t]{0,8}`, 'y'),
    values: 'quoted',
    examples: [
      { text: 'if token == "{V}" {', file: 'auth.go', name: 'token' },
      { text: "if (req.password !== '{V}') throw err", file: 'auth.js', name: 'req.password' },
    ],
  },
  {
    id: 'call-pair',
    description: 'a quoted name and a quoted value as two arguments or a pair: Header.Set("X-Api-Key", "…"), setProperty("PASSWORD", "…"), getenv("X", "default"), define(\'AUTH_KEY\', \'…\'), {"password", "…"}',
    before: /[({][ \t]{0,4}["']$/,
    beforeEnds: `"'`,
    after: /["'][ \t]{0,8},[ \t]{0,8}/y,
    values: 'quoted',
    examples: [
      { text: 'req.Header.Set("X-Api-Key", "{V}")', file: 'client.go', name: 'X-Api-Key' },
      { text: 'props.setProperty("PASSWORD", "{V}");', file: 'Db.java', name: 'PASSWORD' },
      { text: 'token = os.getenv("API_TOKEN", "{V}")', file: 'app.py', name: 'API_TOKEN' },
      { text: "define('AUTH_KEY', '{V}');", file: 'wp-config.php', name: 'AUTH_KEY' },
    ],
  },
  {
    id: 'gradle-build-config',
    description: 'an Android Gradle build field: buildConfigField \'String\', \'API_KEY\', \'"…"\' (the value is a Java literal inside a string)',
    before: /\bbuildConfigField[ \t]{0,4}\(?[ \t]{0,4}["'][\w.]{1,40}["'][ \t]{0,4},[ \t]{0,4}["']$/,
    beforeEnds: `"'`,
    after: /["'][ \t]{0,8},[ \t]{0,8}(?:'(?=")|"(?=\\"))?/y,
    values: 'quoted',
    examples: [
      { text: "buildConfigField 'String', 'API_KEY', '\"{V}\"'", file: 'build.gradle', name: 'API_KEY' },
      { text: 'buildConfigField("String", "CLIENT_SECRET", "\\"{V}\\"")', file: 'build.gradle.kts', name: 'CLIENT_SECRET' },
    ],
  },
  {
    id: 'setter-call',
    description: 'a setter or builder called with a literal: SetAuthToken("…"), config.setJwtSecretKey("…"), withApiKey("…")',
    names: /(?:^|\.)(?:set|Set|with|With)[A-Z_]/,
    after: /[ \t]{0,4}\([ \t]{0,4}/y,
    values: 'quoted',
    examples: [
      { text: 'client.SetAuthToken("{V}")', file: 'main.go', name: 'client.SetAuthToken' },
      { text: 'config.setJwtSecretKey("{V}");', file: 'Config.java', name: 'config.setJwtSecretKey' },
    ],
  },
  {
    id: 'key-value-pair',
    description: 'a name held by a key/name field and its value in the value field after it, on the same or the next line: Kubernetes env, Postman, .NET <add key= value=>',
    before: /\b(?:key|name|Key|Name)["']?[ \t]{0,4}[:=][ \t]{0,4}["']?$/,
    beforeEnds: `:= \t"'`,
    after: /["']?[ \t]{0,4},?[ \t]{0,4}(?:\r?\n[ \t]{0,40}(?:-[ \t]{1,4})?)?["']?(?:value|Value)["']?[ \t]{0,4}[:=][ \t]{0,4}/y,
    values: 'any',
    examples: [
      { text: '        - name: DB_PASSWORD\n          value: {V}', file: 'deploy.yaml', name: 'DB_PASSWORD' },
      { text: '{ "key": "Authorization", "value": "Bearer {V}" }', file: 'api.postman_collection.json', name: 'Authorization' },
      { text: '<add key="ApiToken" value="{V}" />', file: 'Web.config', name: 'ApiToken' },
    ],
  },
  {
    id: 'list',
    description: 'a list under a plural or header name: `"tokens": ["…"]`, YAML `passwords:\\n  - …`, a VCR cassette `Authorization:\\n- Bearer …`',
    names: /s$|authorization$/i,
    after: new RegExp(String.raw`${CLOSE}[ \t]{0,8}(?:[:=][ \t]{0,8}\[[ \t]{0,8}(?:\r?\n[ \t]{0,40})?|:[ \t]{0,8}\r?\n[ \t]{0,40}-[ \t]{1,8})`, 'y'),
    values: 'any',
    examples: [
      { text: '"tokens": ["{V}", "x"]', file: 'tokens.json', name: 'tokens' },
      { text: 'passwords:\n  - {V}', file: 'users.yml', name: 'passwords' },
      { text: '      Authorization:\n      - Bearer {V}', file: 'cassette.yml', name: 'Authorization' },
    ],
  },
  {
    id: 'xml-element',
    description: 'an XML element: <password>…</password>, <ApiKey>…</ApiKey>, the value alone on the line inside',
    before: /<(?:[\w.-]{1,40}:)?$/,
    beforeEnds: '<:',
    after: /(?:[ \t][^>\n]{0,200})?>(?:[ \t]{0,8}\r?\n[ \t]{0,40})?/y,
    values: 'any',
    examples: [
      { text: '<password>{V}</password>', file: 'settings.xml', name: 'password' },
      { text: '<ApiKey>{V}</ApiKey>', file: 'app.config', name: 'ApiKey' },
      { text: '<acmeToken>\n    {V}\n</acmeToken>', file: 'config.xml', name: 'acmeToken' },
    ],
  },
  {
    id: 'sql-password',
    kind: 'command',
    description: 'SQL: CREATE/ALTER USER|ROLE … WITH [LOGIN] PASSWORD \'…\'',
    names: /^password$/i,
    before: /\b(?:CREATE|ALTER)[ \t]{1,4}(?:USER|ROLE|LOGIN)\b[^\n]{0,120}[ \t]$/i,
    beforeEnds: ' \t',
    after: /[ \t]{0,4}(?:=[ \t]{0,4})?/y,
    values: 'any',
    examples: [
      { text: "CREATE ROLE app WITH LOGIN PASSWORD '{V}';", file: 'init.sql', name: 'PASSWORD' },
      { text: 'CREATE ROLE app WITH LOGIN PASSWORD {V};', file: 'init.sql', name: 'PASSWORD' },
    ],
  },
  {
    id: 'netrc',
    description: '.netrc: machine HOST login USER password VALUE',
    names: /^password$/,
    before: /\b(?:login|machine)[ \t]+\S{1,200}[ \t]+$/,
    beforeEnds: ' \t',
    after: /[ \t]{1,8}/y,
    values: 'any',
    examples: [{ text: 'machine api.example.com login deploy password {V}', file: '.netrc', name: 'password' }],
  },
  {
    id: 'prose',
    description: 'a credential word and a long random value separated by blanks only, as in READMEs, chat pastes and logs: `flickr key …`, `linenotify TOKEN …`, `api secret …`',
    // Only after a blank or at a line's start (`--token …` is a flag), and not where the line speaks of a hash or a
    // fingerprint (`sha256 key …`, `RSA key …` of gpg's output).
    before: /^(?![^\n]{0,240}\b(?:sha\d{0,3}|md5|checksum|digest|hash|fingerprint|commit|gpg|pgp|rsa|dsa|ecdsa|ed25519)\b)(?:[^\n]{0,240}[ \t])?$/i,
    // A strong value only: 16 characters or more of a key's alphabet, with a digit and a letter, ending at a blank,
    // a line's end or punctuation (so a sentence's next word or a path is no value).
    // Upper-case hex alone is an OpenPGP key id or fingerprint (`Add Jane's key B1D2…`), as gpg and changelogs write it.
    after: /[ \t]{1,4}(?=(?=[\w+/=-]{0,200}?\d)(?=[\w+/=-]{0,200}?[A-Za-z])(?![0-9A-F]{16,}(?![\w+/=-]))[A-Za-z0-9][\w+/-]{15,511}={0,2}(?:[\s"'`,;)\]]|\.?$|\.\s))/y,
    values: 'any',
    examples: [
      { text: 'flickr KEY {V}', file: 'notes.txt', name: 'KEY', shape: 'long' },
      { text: 'the linenotify token {V} was revoked', file: 'README.md', name: 'token', shape: 'long' },
      { text: 'deepgramKEY {V}', file: 'chat.log', name: 'deepgramKEY', shape: 'long' },
    ],
  },
  {
    id: 'glued',
    description: 'a credential word glued to its value by a hyphen: `dd-apikey-…`, `acme-secret-<uuid>` (a standalone word: a Kubernetes object name\'s short hash is too weak a value)',
    before: /(?:^|[\s"'`=:(,])$/,
    // A UUID, or 20 characters or more of a key's alphabet with a digit and a letter and no hyphen, ending the word.
    after: /-(?=(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|(?=[\w+/=]{0,200}?\d)(?=[\w+/=]{0,200}?[A-Za-z])[A-Za-z0-9][\w+/]{19,511}={0,2})(?![\w.+/=-]))/y,
    values: 'any',
    examples: [
      { text: 'dd-apikey-{V}', file: 'notes.txt', name: 'dd-apikey', shape: 'long' },
      { text: 'export ACME=acme-secret-{V}', file: 'run.sh', name: 'acme-secret', shape: 'long' },
    ],
  },
];

export const ANCHORED_SYNTAXES: readonly AnchoredSyntax[] = [
  {
    id: 'url-credentials',
    description: 'a URL of any scheme with user:password@ (nats://, mqtt://, amqp://, redis://, ftp://, …)',
    keywords: ['://'],
    regex: /:\/\/(?<=\b[a-z][a-z0-9+.-]{1,20}:\/\/)[^\s:@/"'`<>\\]{1,64}:(?<value>[^\s:@/"'`<>\\{}$]{3,128})@[A-Za-z0-9.\-_[\]%]/g,
    name: 'url_password',
    examples: [
      { text: 'nc, _ := nats.Connect("nats://svc:{V}@127.0.0.1:4222")', file: 'main.go', name: 'url_password' },
      { text: "'uri' => 'mqtt://user:{V}@broker.example.com:1883'", file: 'conf.rb', name: 'url_password' },
    ],
  },
  {
    id: 'curl-user',
    kind: 'command',
    description: 'curl -u/--user USER:PASSWORD (the user may be empty, the password quoted alone, the flag on a continued line)',
    keywords: ['curl'],
    regex: /\bcurl\b(?:[^\n\\]|\\\r?\n|\\){0,400}?[ \t](?:-u|--user)(?:[ \t]{1,4}|=)(["']?)[^\s:"'$]{0,64}:(["']?)(?<value>[^\s"'$]{1,128})\2\1(?![^\s"'])/g,
    name: 'password',
    examples: [
      { text: 'curl -s --user "admin:{V}" https://registry.local/v2/', file: 'notes.md', name: 'password' },
      { text: "curl --user kevin:'{V}' -X PATCH https://api.local/", file: 'notes.md', name: 'password' },
      { text: 'curl -u ":{V}" https://localhost:9200', file: 'notes.md', name: 'password' },
      { text: 'curl -k -X POST https://cache.local/rest \\\n  -H "Content-type: text/plain" \\\n  -u developer:{V}', file: 'notes.md', name: 'password' },
    ],
  },
  {
    id: 'curl-user-key',
    description: 'curl -u KEY: (an API key as the user name, the password empty: Stripe, Paystack and others document it so)',
    keywords: ['curl'],
    // `-u name:` sends an empty password without a prompt: what stands before the colon is the credential.
    regex: /\bcurl\b(?:[^\n\\]|\\\r?\n|\\){0,400}?[ \t](?:-u|--user)(?:[ \t]{1,4}|=)(["']?)(?<value>[^\s:"'$]{8,128}):\1(?=\s|$)/g,
    name: 'api_key',
    examples: [
      { text: 'curl https://api.acme.test/v1/charges -u {V}: -d amount=2000', file: 'README.md', name: 'api_key' },
      { text: 'curl -u "{V}:" https://localhost:9200', file: 'notes.md', name: 'api_key' },
    ],
  },
  {
    id: 'mysql-p',
    kind: 'command',
    description: 'mysql/mysqldump/mysqladmin -pPASSWORD (no space)',
    keywords: ['mysql'],
    regex: /\bmysql(?:dump|admin|import|sh)?\b[^\n]{0,200}?[ \t]-p(?<value>[^\s"'`$-][^\s"'`$]{2,127})/g,
    name: 'password',
    examples: [{ text: 'mysql -u root -p{V} mydb < dump.sql', file: 'restore.sh', name: 'password' }],
  },
  {
    id: 'tool-p',
    kind: 'command',
    description: 'sshpass -p PASSWORD, psexec -p PASSWORD, mongo/mongosh/mongodump… -p PASSWORD',
    keywords: ['sshpass', 'psexec', 'mongo'],
    regex: /\b(?:sshpass|psexec(?:\.exe)?|mongo(?:sh|dump|restore|import|export|stat|top)?)\b[^\n]{0,200}?[ \t]-p[ \t]{1,4}(["']?)(?<value>[^\s"'$]{3,128})\1/gi,
    name: 'password',
    examples: [
      { text: "sshpass -p '{V}' ssh deploy@host", file: 'deploy.sh', name: 'password' },
      { text: 'psexec \\\\srv -u admin -p {V} cmd', file: 'notes.md', name: 'password' },
      { text: "mongosh admin -u root -p '{V}' --eval 'db.stats()'", file: 'backup.sh', name: 'password' },
    ],
  },
  {
    id: 'net-use',
    kind: 'command',
    description: 'Windows: net use \\\\SERVER\\SHARE PASSWORD /user:USER, or the password after /user:USER (`*` asks for it)',
    keywords: ['net use'],
    regex: /\bnet[ \t]{1,4}use\b[^\n]{0,200}?(?:\\\\[^\s"']{1,200}|\/user:(?:"[^"\n]{1,64}"|[^\s"']{1,64}))[ \t]{1,4}(["']?)(?<value>[^\s"'/*%$][^\s"']{2,127})\1(?=\s|$)/gi,
    name: 'password',
    examples: [
      { text: 'net use Z: \\\\files01\\shared {V} /user:CORP\\svc_backup /persistent:no', file: 'map.bat', name: 'password' },
      { text: 'net use \\\\files01\\shared /user:CORP\\svc_backup {V}', file: 'map.cmd', name: 'password' },
    ],
  },
  {
    id: 'htpasswd-b',
    kind: 'command',
    description: 'htpasswd -b [FILE] USER PASSWORD (the password on the command line, batch mode)',
    keywords: ['htpasswd'],
    // Flags grouped or apart (`-cb`, `-b -c`, `-nbB`); `-n` prints instead of writing a file, so the file is optional.
    regex: /\bhtpasswd(?:[ \t]{1,4}-[A-Za-z]{1,6})*?[ \t]{1,4}-[A-Za-z]{0,5}b[A-Za-z]{0,5}(?:[ \t]{1,4}-[A-Za-z]{1,6}|[ \t]{1,4}-C[ \t]{1,4}\d{1,3})*[ \t]{1,4}(?:[^\s-][^\s]{0,199}[ \t]{1,4})?[^\s-][^\s]{0,63}[ \t]{1,4}(["']?)(?<value>[^\s"'$-][^\s"'$]{2,127})\1(?=\s|$)/g,
    name: 'password',
    examples: [
      { text: 'RUN htpasswd -cb /etc/nginx/.htpasswd admin {V}', file: 'Dockerfile', name: 'password' },
      { text: 'htpasswd -nbB deploy "{V}" > auth/htpasswd', file: 'setup.sh', name: 'password' },
    ],
  },
  {
    id: 'redis-cli-a',
    kind: 'command',
    description: 'redis-cli -a PASSWORD (also with -h/-p before it)',
    keywords: ['redis-cli'],
    regex: /\bredis-cli\b[^\n]{0,200}?[ \t]-a[ \t]{1,4}(["']?)(?<value>[^\s"'$-][^\s"'$]{2,127})\1(?=\s|$)/g,
    name: 'password',
    examples: [{ text: 'redis-cli -h cache01 -p 6379 -a {V} ping', file: 'healthcheck.sh', name: 'password' }],
  },
  {
    id: 'docker-login-p',
    kind: 'command',
    description: 'docker login -p PASSWORD (--password is read as a flag)',
    keywords: ['docker login'],
    regex: /\bdocker[ \t]{1,4}login\b[^\n]{0,200}?[ \t]-p[ \t]{1,4}(["']?)(?<value>[^\s"'$-][^\s"'$]{2,127})\1(?=\s|$)/g,
    name: 'password',
    examples: [{ text: '  - docker login -u ci -p {V} registry.corp.net', file: '.gitlab-ci.yml', name: 'password' }],
  },
  {
    id: 'sqlcmd-P',
    kind: 'command',
    description: 'SQL Server clients: sqlcmd/osql/bcp -P PASSWORD (upper case; -p prints statistics)',
    keywords: ['sqlcmd', 'osql', 'bcp'],
    regex: /\b(?:sqlcmd|osql|bcp)(?:\.exe)?\b[^\n]{0,200}?[ \t]-P[ \t]{0,4}(["']?)(?<value>[^\s"'$%-][^\s"'$]{2,127})\1(?=\s|$)/g,
    name: 'password',
    examples: [{ text: 'sqlcmd -S sql01 -U sa -P {V} -i migrate.sql', file: 'migrate.cmd', name: 'password' }],
  },
  {
    id: 'ldap-w',
    kind: 'command',
    description: 'OpenLDAP clients: ldapsearch/ldapadd/ldapmodify… -w PASSWORD (the bind password)',
    keywords: ['ldapsearch', 'ldapadd', 'ldapmodify', 'ldapdelete', 'ldappasswd', 'ldapwhoami'],
    regex: /\bldap(?:search|add|modify|delete|passwd|whoami)\b[^\n]{0,300}?[ \t]-w[ \t]{1,4}(["']?)(?<value>[^\s"'$-][^\s"'$]{2,127})\1(?=\s|$)/g,
    name: 'password',
    examples: [{ text: 'ldapsearch -x -H ldap://ldap01 -D cn=admin,dc=shop -w {V} -b dc=shop', file: 'check.sh', name: 'password' }],
  },
  {
    id: 'smbclient-u',
    kind: 'command',
    description: 'Samba clients: smbclient/rpcclient -U USER%PASSWORD',
    keywords: ['smbclient', 'rpcclient'],
    regex: /\b(?:smbclient|rpcclient)\b[^\n]{0,200}?[ \t](?:-U|--user=?)[ \t]{0,4}(["']?)[^\s%"'$]{1,64}%(?<value>[^\s"'$%][^\s"'$]{2,127})\1(?=\s|$)/g,
    name: 'password',
    examples: [{ text: "smbclient //files01/backup -U 'svc_backup%{V}' -c 'put db.tar'", file: 'backup.sh', name: 'password' }],
  },
  {
    id: 'freerdp-p',
    kind: 'command',
    description: 'FreeRDP: xfreerdp /u:USER /p:PASSWORD',
    keywords: ['freerdp'],
    regex: /\b[xw]freerdp3?\b[^\n]{0,300}?[ \t][/+]p:(["']?)(?<value>[^\s"'$%][^\s"']{2,127})\1(?=\s|$)/g,
    name: 'password',
    examples: [{ text: 'xfreerdp /v:term01 /u:ops /p:{V} /cert:ignore', file: 'rdp.sh', name: 'password' }],
  },
  {
    id: 'chpasswd',
    kind: 'command',
    description: "chpasswd fed by echo: echo 'USER:PASSWORD' | chpasswd (Dockerfiles, cloud-init, provisioning scripts)",
    keywords: ['chpasswd'],
    regex: /\becho[ \t]{1,4}(?:-[en][ \t]{1,4})?(["']?)[a-z_][\w.-]{0,31}:(?<value>[^\s"':$][^\s"':]{2,127})\1[ \t]{0,4}\|[ \t]{0,4}(?:sudo[ \t]{1,4})?chpasswd\b/g,
    name: 'password',
    examples: [{ text: 'RUN useradd -m deploy && echo "deploy:{V}" | chpasswd', file: 'Dockerfile', name: 'password' }],
  },
  {
    id: 'rabbitmqctl-user',
    kind: 'command',
    description: 'RabbitMQ: rabbitmqctl add_user|change_password USER PASSWORD',
    keywords: ['rabbitmqctl'],
    regex: /\brabbitmqctl(?:\.bat)?[ \t]{1,4}(?:add_user|change_password)[ \t]{1,4}(["']?)[^\s"']{1,64}\1[ \t]{1,4}(["']?)(?<value>[^\s"'$%-][^\s"'$]{2,127})\2(?=\s|$)/g,
    name: 'password',
    examples: [{ text: 'rabbitmqctl add_user orders {V}', file: 'init-mq.sh', name: 'password' }],
  },
  {
    id: 'openssl-pass',
    kind: 'command',
    description: 'OpenSSL: -passin/-passout/-pass pass:PASSWORD (a key or PKCS#12 password on the command line)',
    keywords: ['pass:'],
    regex: /\bopenssl\b[^\n]{0,300}?[ \t]-pass(?:in|out)?[ \t]{1,4}(["']?)pass:(?<value>[^\s"'$][^\s"']{2,127})\1(?=\s|$)/g,
    name: 'password',
    examples: [{ text: 'openssl pkcs12 -export -in tls.crt -inkey tls.key -out tls.p12 -passout pass:{V}', file: 'make-cert.sh', name: 'password' }],
  },
  {
    id: 'archive-p',
    kind: 'command',
    description: 'archivers: zip/zipcloak/unzip -P PASSWORD, 7z/7za/7zz … -pPASSWORD (the archive password on the command line)',
    keywords: ['zip', '7z'],
    // 7-Zip takes the password glued to -p; a bare -p asks for it.
    regex: /\b(?:(?:un|funz)?zip(?:cloak)?\b[^\n]{0,200}?[ \t]-P[ \t]{1,4}|7z[az]?\b[^\n]{0,200}?[ \t]-p)(["']?)(?<value>[^\s"'$-][^\s"'$]{2,127})\1(?=\s|$)/g,
    name: 'password',
    examples: [
      { text: 'zip -r -P {V} backup.zip /var/backups/db', file: 'backup.sh', name: 'password' },
      { text: 'unzip -o -P "{V}" export.zip -d /srv/import', file: 'import.sh', name: 'password' },
      { text: '7z a -t7z -p{V} -mhe=on backup.7z db.sql', file: 'backup.sh', name: 'password' },
    ],
  },
  {
    id: 'openssl-enc-k',
    kind: 'command',
    description: 'OpenSSL: enc … -k PASSWORD (the legacy pass-phrase flag of openssl enc)',
    keywords: ['openssl'],
    regex: /\bopenssl[ \t]{1,4}(?:enc\b|-?aes-|-?des|-?camellia|-?chacha|-?bf-)[^\n]{0,300}?[ \t]-k[ \t]{1,4}(["']?)(?<value>[^\s"'$-][^\s"'$]{2,127})\1(?=\s|$)/g,
    name: 'password',
    examples: [{ text: 'openssl enc -aes-256-cbc -salt -in db.sql -out db.sql.enc -k {V}', file: 'backup.sh', name: 'password' }],
  },
  {
    id: 'sql-identified-by',
    kind: 'command',
    description: "SQL: CREATE/ALTER USER or GRANT … IDENTIFIED [WITH plugin] BY '…' (GRANT creates the user in MySQL before 8)",
    keywords: ['identified'],
    regex: /\b(?:(?:create|alter)[ \t]{1,4}(?:user|role|login)|grant)\b[^\n;]{0,200}?\bIDENTIFIED[ \t]{1,4}(?:WITH[ \t]{1,4}\w{1,40}[ \t]{1,4})?BY[ \t]{1,4}(?:PASSWORD[ \t]{1,4})?(["']?)(?<value>[^\s"';]{3,128})\1/gi,
    name: 'password',
    examples: [
      { text: "ALTER USER 'root'@'localhost' IDENTIFIED WITH mysql_native_password BY '{V}';", file: 'init.sql', name: 'password' },
      { text: 'create user app identified by {V} temporary tablespace temp;', file: 'notes.txt', name: 'password' },
      { text: "GRANT ALL PRIVILEGES ON shop.* TO 'shop'@'%' IDENTIFIED BY '{V}';", file: 'init.sql', name: 'password' },
    ],
  },
  {
    id: 'sql-set-password',
    kind: 'command',
    description: "MySQL: SET PASSWORD [FOR user] = PASSWORD('…') (or OLD_PASSWORD('…'), or the bare literal of MySQL 5.7 and later)",
    keywords: ['set password'],
    regex: /\bSET[ \t]{1,4}PASSWORD\b[^\n;=]{0,200}=[ \t]{0,4}(?:(?:OLD_)?PASSWORD[ \t]{0,4}\([ \t]{0,4})?(["'])(?<value>[^"'\n]{3,128})\1/gi,
    name: 'password',
    examples: [
      { text: "SET PASSWORD FOR 'app'@'localhost' = PASSWORD('{V}');", file: 'init.sql', name: 'password' },
      { text: "SET PASSWORD = '{V}';", file: 'init.sql', name: 'password' },
    ],
  },
  {
    id: 'basic-credentials',
    description: "a quoted HTTP Basic credential, whatever names it: 'Basic dXNlcjpwYXNz' in an assertion, a header map, a Postman value",
    keywords: ['basic '],
    regex: /["'`]Basic[ \t]{1,4}(?<value>[A-Za-z0-9+/]{8,512}={0,2})["'`]/g,
    name: 'authorization',
    examples: [
      { text: 'assert.Equal(t, "Basic {V}", r.Header.Get("Authorization"))', file: 'client_test.go', name: 'authorization', shape: 'basic' },
      { text: '{ "key": "Authorization", "type": "text", "value": "Basic {V}" }', file: 'api.postman_collection.json', name: 'authorization', shape: 'basic' },
    ],
  },
  {
    id: 'secure-string',
    kind: 'command',
    description: "PowerShell: ConvertTo-SecureString '…' -AsPlainText",
    keywords: ['convertto-securestring'],
    regex: /\bConvertTo-SecureString[ \t]{1,4}(?:-String[ \t]{1,4})?(["'])(?<value>[^"'\n]{3,128})\1/gi,
    name: 'password',
    examples: [{ text: "$pw = ConvertTo-SecureString '{V}' -AsPlainText -Force", file: 'setup.ps1', name: 'password' }],
  },
];
