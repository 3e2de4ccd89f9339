// Configuration files by name, documentation by name, and real URL hosts, as tables.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isConfigFile, isConnectionPassword, isDocumentation, isRealHost, urlHost } from '../../src/detect/config-files.js';

describe('config files', () => {
  const config = ['.env', '.env.production', 'deploy/app.env', 'config/database.yml', 'docker-compose.override.yml', 'compose.yaml',
    'src/main/resources/application.properties', 'my.cnf', 'php.ini', 'setup.cfg', 'nginx.conf', 'Cargo.toml', 'prod.tfvars',
    'Web.config', 'wp-config.php', 'sites/default/settings.php', 'mysite/settings.py', 'appsettings.Development.json',
    'config.json', 'settings.xml', 'tomcat-users.xml', '.npmrc', '.pypirc', '.netrc', '.pgpass', '.s3cfg',
    'AppData/Roaming/postgresql/pgpass.conf', '.muttrc', '.mutt/muttrc', '.msmtprc', '.esmtprc', '.fetchmailrc', 'etc/fstab', '.ivy2/.credentials', '.smbcredentials'];
  for (const path of config) it(`calls ${path} configuration`, () => assert.equal(isConfigFile(path), true));

  const other = ['src/db.js', 'app/models/user.rb', 'main.go', 'README.md', 'package.json', 'pom.xml', '.env.example', 'config.yml.dist',
    '.env.sample', 'settings.py.template', 'nginx.conf.in', 'docs/install.txt'];
  for (const path of other) it(`does not call ${path} configuration`, () => assert.equal(isConfigFile(path), false));

  const docs = ['README.md', 'docs/index.rst', 'wget.info', 'man5/apt_auth.conf.5', 'ChangeLog', 'NEWS', 'guide.html'];
  for (const path of docs) it(`calls ${path} documentation`, () => assert.equal(isDocumentation(path), true));
  for (const path of ['.env', 'src/db.py', 'config.yml']) it(`does not call ${path} documentation`, () => assert.equal(isDocumentation(path), false));

  const hosts = [
    { name: 'reads a host before its port', text: 'db.internal:5432/app', want: 'db.internal' },
    { name: 'reads an IPv6 literal', text: '[2001:db8::1]:5432', want: '[2001:db8::1]' },
    { name: 'reads a host at the end', text: 'cache', want: 'cache' },
  ];
  for (const { name, text, want } of hosts) it(name, () => assert.equal(urlHost(`x@${text}`, 2), want));

  for (const host of ['db.internal', 'cache', '10.0.3.7', 'mq-1.prod.internal', '[2001:db8::1]']) it(`calls ${host} a real host`, () => assert.equal(isRealHost(host), true));
  for (const host of ['localhost', '127.0.0.1', 'host', 'example.com', 'db.example.org', 'proxy.company.com', 'your-db-host', 'app.test', 'example', '']) {
    it(`does not call ${host || 'an empty host'} a real host`, () => assert.equal(isRealHost(host), false));
  }

  const connections = [
    { name: 'calls an ADO.NET password beside its server a connection password', line: 'Server=sql01.prod.internal;Database=shop;User Id=sa;Password=', want: true },
    { name: 'calls a password before its Data Source a connection password', line: '"Password=', after: ';Data Source=sql01;"', want: true },
    { name: 'reads a SQL Server port after a comma', line: 'Data Source=10.0.3.7,1433;Pwd=', want: true },
    { name: "reads a JDBC URL's host", line: 'jdbc:mysql://db01.prod.internal:3306/shop?user=app&password=', want: true },
    { name: "reads an Oracle thin URL's host before its SID", line: 'jdbc:oracle:thin:@ora01:1521:orcl;password=', want: true },
    { name: 'calls a libpq keyword password beside its host a connection password', line: 'host=pg01 dbname=shop password=', want: true },
    { name: 'does not call a password of localhost one', line: 'Server=localhost;User Id=sa;Password=', want: false },
    { name: 'does not call a password of a local SQL Server instance one', line: 'Server=.\\SQLEXPRESS;User Id=sa;Password=', want: false },
    { name: 'does not call a password of a templated server one', line: 'Server={0};User Id=sa;Password=', want: false },
    { name: 'does not call a longer name ending in password one', line: 'Server=sql01;db_password=', want: false },
    { name: 'does not call a password without a server one', line: 'User Id=sa;Password=', want: false },
  ];
  for (const { name, line, after, want } of connections) it(name, () => assert.equal(isConnectionPassword(line, line + 'x' + (after ?? '')), want));
});
