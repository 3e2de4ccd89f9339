// Generic credential rules: assignments to credential names are reported only when the value looks generated.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectFragment, rejectReason } from '../../src/detect/engine.js';
import { compileRule } from '../../src/rules/compile.js';
import { builtinRuleSet } from '../helpers/rules.js';
import { base62, crc32 } from '../../src/detect/checksum.js';
import { classifyValue } from '../../src/detect/value-classifier.js';
import { ALNUM, randomString, seededRandom } from '../helpers/tokens.js';

const { ruleSet } = builtinRuleSet();
const random = seededRandom(1415);
const genericIds = (text: string, file = 'src/config.ts'): string[] =>
  detectFragment({ file, text }, ruleSet)
    .map((f) => f.ruleId)
    .filter((id) => id.startsWith('generic-'));

describe('generic rules', () => {
  const reported: { name: string; text: string[]; want: string; file?: string }[] = [
    { name: 'reports a quoted password constant', text: ['DB_PASSWORD = "Tq8#v', 'L2mZ9!kW4x"'], want: 'generic-password-assignment' },
    { name: 'reports a client secret in YAML', text: ["client_secret: 'x9Lq2Vm7", "Tz4Kp8Wn3Rj6Yb1F'"], want: 'generic-secret-assignment' },
    { name: 'reports an API key in a JS object', text: ['  apiKey: "k7Rm2Qx9Lp4V', 'n8Tz3Wc6Yb1H",'], want: 'generic-api-key-assignment' },
    { name: 'reports a refresh token in JSON', text: ['"refresh_token": "R8mQ2xL7p', 'V4nT9zK3wC6yB1h"'], want: 'generic-token-assignment' },
    { name: 'reports aligned HCL assignments', text: ['admin_password        = "Hq3#', 'vN8@rT5zW1kP"'], want: 'generic-password-assignment' },
    { name: 'reports a password holding a stopword only inside a word (RedisPass1!)', text: ['redis_password = "Redis', 'Pass1!"'], want: 'generic-password-assignment' },
    { name: 'reports the literal fallback of a JS environment read', text: ["const apiKey = process.env.ACME_API_KEY || 'k7Rm2Qx9Lp4V", "n8Tz3Wc6Yb1H';"], want: 'generic-api-key-assignment' },
    { name: "reports the literal fallback of Python's getenv", text: ["token = os.getenv('ACME_TOKEN') or 'R8mQ2xL7p", "V4nT9zK3wC6yB1h'"], want: 'generic-token-assignment' },
    { name: 'reports the literal default of a shell variable', text: ['password: ${DB_PASSWORD:-Hq3#', 'vN8@rT5zW1kP}'], want: 'generic-password-unquoted', file: 'docker-compose.yml' },
  ];
  for (const { name, text, want, file } of reported) it(name, () => assert.deepEqual(genericIds(text.join(''), file), [want]));

  const quiet: { name: string; text: string; file?: string }[] = [
    { name: 'ignores password = "changeme"', text: 'password = "changeme"' },
    { name: 'ignores token = process.env.X', text: 'token = process.env.X' },
    { name: 'ignores template references', text: 'password: "${DB_PASSWORD}"' },
    { name: 'ignores a secret name', text: 'secret_name = "prod/db/credentials-2024"' },
    { name: 'ignores a header name', text: 'api_key_header = "X-Api-Key-V2"' },
    { name: 'ignores a token URL', text: 'token_url = "https://oauth2.example.com/token"' },
    { name: 'ignores a password hash column', text: 'password_hash = "e3b0c44298fc1c149afbf4c8996fb924"' },
    { name: 'ignores stopword values', text: 'password = "Password123!"' },
    { name: 'ignores values without a digit or symbol', text: 'SECRET = "ABCDEFGHIJKLMNOPQRSTUV"' },
    { name: 'ignores masked values', text: 'password: "xxxxxxxxxxxx"' },
    { name: 'ignores low-entropy values', text: 'api_key = "aaaabbbb11112222"' },
    { name: 'ignores i18n keys', text: 'password = "errors.password.too_short"' },
    { name: 'ignores a placeholder fallback of an environment read', text: "const apiKey = process.env.ACME_API_KEY || 'your-api-key-here';" },
    { name: 'ignores an enum word in camelCase assigned to an …Auth option', text: '#jdk.http.ntlm.transparentAuth=allHosts', file: 'conf/net.properties' },
    { name: 'ignores a shell default that is another variable', text: 'password: ${DB_PASSWORD:-$FALLBACK_PASSWORD}', file: 'compose.yml' },
  ];
  for (const { name, text, file } of quiet) it(name, () => assert.deepEqual(genericIds(text, file), []));

  const weak: { name: string; text: string[]; file: string; want: string[] }[] = [
    { name: 'reports a word password in a .env file, at low severity', text: ['DB_PASS=mysecret', 'password'], file: '.env', want: ['generic-password-weak low'] },
    { name: 'reports a word password in a Rails database.yml', text: ['production:\n  adapter: postgresql\n  password: rootpass', '123'], file: 'config/database.yml', want: ['generic-password-weak low'] },
    { name: 'reports a word password in Spring properties', text: ['spring.datasource.password=Welc', 'ome1'], file: 'application.properties', want: ['generic-password-weak low'] },
    { name: "reports WordPress's define() of a word password", text: ["define('DB_PASSWORD', 'wp_db_", "2021pass');"], file: 'wp-config.php', want: ['generic-password-weak low'] },
    { name: "reports a Django settings.py's word password", text: ["DATABASES = {'default': {'USER': 'app', 'PASSWORD': 'oracle", "123'}}"], file: 'mysite/settings.py', want: ['generic-password-weak low'] },
    { name: 'reports a docker-compose default of a word password', text: ['    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-hunt', 'er2}'], file: 'docker-compose.yml', want: ['generic-password-weak low'] },
    { name: 'reports a word password in a URL naming a real host', text: ['DATABASE_URL=postgres://app:hunt', 'er2@db.internal:5432/x'], file: 'src/db.ts', want: ['generic-url-password-weak low'] },
    { name: 'reports a word password given to mysql -p in a script', text: ['mysql -u root -p', 'rootpass', '123 shop < dump.sql'], file: 'scripts/restore.sh', want: ['generic-cli-password-weak low'] },
    { name: 'reports a word password of a --password= flag in a Dockerfile', text: ['RUN mysqldump --password=', 'hunt', 'er2 shop > /tmp/shop.sql'], file: 'Dockerfile', want: ['generic-cli-password-weak low'] },
    { name: 'reports sshpass -p in a CI job', text: ["    - sshpass -p '", 'Welc', "ome1' ssh deploy@app01 ./release.sh"], file: '.gitlab-ci.yml', want: ['generic-cli-password-weak low'] },
    { name: 'reports the password of net use in a batch file', text: ['net use Z: \\\\files01\\shared ', 'letme', 'in99 /user:CORP\\svc'], file: 'map.bat', want: ['generic-cli-password-weak low'] },
    { name: 'reports the password of htpasswd -b in a Dockerfile', text: ['RUN htpasswd -cb /etc/nginx/.htpasswd admin ', 'rootpass', '123'], file: 'Dockerfile', want: ['generic-cli-password-weak low'] },
    { name: 'reports redis-cli -a in a Makefile', text: ['\tredis-cli -h cache01 -a ', 'rabbit', '2021 ping'], file: 'Makefile', want: ['generic-cli-password-weak low'] },
    { name: 'reports docker login -p in a workflow', text: ['      - run: docker login -u ci -p ', 'rootpass', '123 registry01'], file: '.github/workflows/ci.yml', want: ['generic-cli-password-weak low'] },
    { name: 'reports an ldapmodify bind password', text: ['ldapmodify -x -D cn=admin,dc=shop -w ', 'letme', 'in99 -f users.ldif'], file: 'provision.sh', want: ['generic-cli-password-weak low'] },
    { name: 'reports a word password in an SQL script', text: ["CREATE USER 'shop'@'%' IDENTIFIED BY '", 'rootpass', "123';"], file: 'db/init.sql', want: ['generic-sql-password-weak low'] },
    { name: 'reports an ADO.NET connection string naming its server in code', text: ['var cs = "Server=sql01.prod.internal;Database=shop;User Id=shop;Password=', 'rootpass', '123;";'], file: 'src/Db.cs', want: ['generic-password-weak low'] },
    { name: 'reports a libpq keyword string naming its host in code', text: ['conn = psycopg2.connect("host=pg01.prod.internal dbname=shop user=app password=', 'hunt', 'er2")'], file: 'etl/load.py', want: ['generic-password-weak low'] },
    { name: "reports sshpass -e's SSHPASS set in a script", text: ['SSHPASS=', 'Welc', 'ome1 sshpass -e ssh deploy@app01'], file: 'deploy.sh', want: ['generic-password-weak low'] },
    { name: 'reports the password of zip -P in a backup script', text: ['zip -r -P ', 'letme', 'in99 backup.zip /srv/db'], file: 'backup.sh', want: ['generic-cli-password-weak low'] },
    { name: 'reports the password of 7z -p glued to the flag', text: ['7z a -p', 'letme', 'in99 backup.7z db.sql'], file: 'backup.sh', want: ['generic-cli-password-weak low'] },
    { name: 'reports the pass phrase of openssl enc -k', text: ['openssl enc -aes-256-cbc -in db.sql -out db.enc -k ', 'hunt', 'er2'], file: 'backup.sh', want: ['generic-cli-password-weak low'] },
    { name: 'reports a word password in a muttrc', text: ['set imap_pass=', 'Welc', 'ome1'], file: '.muttrc', want: ['generic-password-weak low'] },
    { name: "reports libpq's PGPASSWORD set in a script", text: ['PGPASSWORD=', 'hunt', 'er2 pg_dump -h pg01 -U app shop'], file: 'backup.sh', want: ['generic-password-weak low'] },
    { name: 'keeps a random password at medium under its own rule', text: ['DB_PASSWORD=Tq8#v', 'L2mZ9!kW4x'], file: '.env', want: ['generic-password-unquoted medium'] },
    { name: 'does not report a word password in code', text: ['const password = "letme', 'in99";'], file: 'src/db.ts', want: [] },
    { name: 'does not report a word password in a configuration template', text: ['DB_PASSWORD=rootpass', '123'], file: '.env.example', want: [] },
    { name: 'does not report a word password in a README', text: ['DB_PASSWORD=rootpass', '123'], file: 'README.md', want: [] },
    { name: 'does not report a placeholder in a .env file', text: ['DB_PASSWORD=your_', 'password'], file: '.env', want: [] },
    { name: 'does not report a word under a key name in a .env file', text: ['API_KEY=rootpass', '123'], file: '.env', want: [] },
    { name: 'does not report a word password in a URL on localhost', text: ['url = "mysql://app:rootpass', '123@localhost/app"'], file: 'src/db.ts', want: [] },
    { name: 'does not report a word password in a URL in a manual', text: ['http://app:rootpass', '123@proxy.internal:8001/'], file: 'wget.info', want: [] },
    { name: 'does not report 7z -p with no password (it asks for one)', text: ['7z a -p backup.7z db.sql'], file: 'backup.sh', want: [] },
    { name: 'does not report a zip -P placeholder', text: ['zip -P $ZIP_', 'PASSWORD backup.zip db.sql'], file: 'backup.sh', want: [] },
    { name: 'does not report a placeholder given to mysql -p', text: ['mysql -u root -pPASS', 'WORD shop'], file: 'restore.sh', want: [] },
    { name: 'does not report a batch variable given to psexec -p', text: ['psexec \\\\srv01 -u admin -p %ADMIN_', 'PASS% cmd'], file: 'deploy.bat', want: [] },
    { name: 'does not report a placeholder in angle brackets given to docker login', text: ['docker login -u ci -p <pass', 'word> registry01'], file: 'ci.yml', want: [] },
    { name: 'does not report a command in a README', text: ['mysql -u root -p', 'rootpass', '123 shop'], file: 'README.md', want: [] },
    { name: "does not report a connection string's placeholder password", text: ['var cs = "Server=sql01.prod.internal;User Id=sa;Password=my', 'Password;";'], file: 'src/Db.cs', want: [] },
    { name: 'does not report a connection string to the local machine', text: ['var cs = "Server=(local);User Id=sa;Password=', 'rootpass', '123;";'], file: 'src/Db.cs', want: [] },
    { name: "does not report the form's example pair (a user word and a password word on one stem) under the strong rule", text: ['    <server>\n      <username>repouser</username>\n      <password>repo', 'pwd</password>\n    </server>'], file: 'conf/settings.xml', want: [] },
    { name: "does not report a script's own password variable", text: ['DB_PASSWORD=', 'hunt', 'er2 ./migrate'], file: 'migrate.sh', want: [] },
  ];
  for (const { name, text, file, want } of weak) {
    it(name, () => assert.deepEqual(detectFragment({ file, text: text.join('') }, ruleSet).filter((f) => f.ruleId.startsWith('generic-')).map((f) => `${f.ruleId} ${f.severity}`), want));
  }

  it('reports credentials in test folders at low severity (only the allowlist hides them)', () => {
    const text = ['password = "Tq8#v', 'L2mZ9!kW4x"'].join('');
    for (const file of ['test/login.test.ts', 'spec/db_spec.rb', 'fixtures/app.env', 'pkg/db_test.go']) {
      const found = detectFragment({ file, text }, ruleSet).filter((f) => f.ruleId.startsWith('generic-'));
      assert.deepEqual(found.map((f) => [f.ruleId, f.severity]), [['generic-password-assignment', 'low']], file);
    }
    assert.equal(detectFragment({ file: 'src/db.ts', text }, ruleSet)[0]?.severity, 'medium');
  });

  it('judges the password inside HTTP Basic credentials compared or paired with an authorization name', () => {
    const basic = (user: string, password: string): string => Buffer.from(`${user}:${password}`).toString('base64');
    const strong = ['Tq8#v', 'L2mZ9!kW'].join('');
    assert.deepEqual(genericIds(`if auth != "Basic ${basic('svc', strong)}" {`, 'client.go'), ['generic-credential-assignment']);
    assert.deepEqual(genericIds(`{ "key": "Authorization", "value": "Basic ${basic('svc', strong)}" }`, 'api.postman_collection.json'), ['generic-credential-assignment']);
    assert.deepEqual(genericIds(`if auth != "Basic ${basic('svc', 'password')}" {`, 'client.go'), []);
  });

  it('does not re-report a token whose provider checksum fails', () => {
    // A random body the classifier keeps, so only the checksum can silence the generic rule.
    const token = `ghp_${randomString(random, ALNUM, 30)}`;
    const corrupted = `${token}${base62(crc32(token.slice(4)) ^ 1, 6)}`;
    assert.equal(classifyValue(corrupted, { head: 'token' }).reject, null, 'the value alone looks like a secret');
    assert.deepEqual(genericIds(`token = "${corrupted}"`), []);
  });

  it('reports a sandbox key at low severity', () => {
    const text = ['api_key = "acme_test_', 'Q8xL2mZ9vT4kW3nB', 'r7Yp1Jd6"'].join('');
    const found = detectFragment({ file: 'src/pay.ts', text }, ruleSet).filter((f) => f.ruleId.startsWith('generic-'));
    assert.deepEqual(found.map((f) => f.severity), ['low']);
  });

  it('fits the entropy floor to the charset and length of the value', () => {
    const rule = compileRule({ id: 'x-fit', provider: 'x', description: 'fit test', severity: 'low', regex: '(\\S+)', keywords: [], entropyFit: 0.9, examples: { match: [], noMatch: [] } });
    assert.equal(rejectReason(rule, 'aaaaaaaa1', {}), 'entropy fit');
    assert.equal(rejectReason(rule, 'q7Xm2kT9', {}), null);
    assert.equal(rejectReason(rule, '3f9a1c7e', {}), null);
  });
});
