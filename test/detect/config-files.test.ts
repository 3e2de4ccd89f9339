// Configuration files by name, documentation by name, and real URL hosts, as tables.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isConfigFile, isDocumentation, isRealHost, urlHost } from '../../src/detect/config-files.js';

describe('config files', () => {
  const config = ['.env', '.env.production', 'deploy/app.env', 'config/database.yml', 'docker-compose.override.yml', 'compose.yaml',
    'src/main/resources/application.properties', 'my.cnf', 'php.ini', 'setup.cfg', 'nginx.conf', 'Cargo.toml', 'prod.tfvars',
    'Web.config', 'wp-config.php', 'sites/default/settings.php', 'mysite/settings.py', 'appsettings.Development.json',
    'config.json', 'settings.xml', 'tomcat-users.xml', '.npmrc', '.pypirc', '.netrc', '.pgpass', '.s3cfg'];
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
});
