// The assignment detector's reading of context: conf texts inside string literals, URL queries, decoding calls,
// element ends. The syntaxes themselves are walked by assignment-syntaxes.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findNamedAssignments } from '../../src/detect/assignment.js';
import { ALNUM, randomString, seededRandom } from '../helpers/tokens.js';

const random = seededRandom(41);
const value = (): string => randomString(random, ALNUM, 14);

describe('assignment detector', () => {
  // `{V}` stands for a generated value; `want` is the name it is read under.
  const reads = [
    { name: 'reads an unquoted password of a conf text in a Go string', text: '\tc := "CONNECT {user = hello, password =  {V}}"', file: 'server_test.go', want: 'password' },
    { name: 'reads a conf entry in a Go raw string that spans lines', text: 'conf := createConf(t, []byte(`\n  authorization: { user: gw, password: {V} }\n`))', file: 'gw_test.go', want: 'password' },
    { name: 'reads a URL query parameter in code', text: "url = 'https://api.example.com/authorize?oauth_token={V}&oauth_callback=x'", file: 'client.py', want: 'oauth_token' },
    { name: 'reads a URL fragment parameter in a code comment', text: '// http://localhost/cb.html#access_token={V}&token_type=Bearer', file: 'app.js', want: 'access_token' },
    { name: 'reads a literal handed to a base64 decoder', text: 'manager.setCipherKey(Base64.decode("{V}=="));', file: 'Shiro.java', want: 'manager.setCipherKey' },
    { name: 'reads a hex literal handed to a key constructor', text: "const secretKey = createSecretKey(Buffer.from('{V}', 'hex'))", file: 'jwe.ts', want: 'secretKey' },
    { name: 'reads a URL query value in JSON when the next member follows on its own line', text: '"url": {\n  "raw": "localhost:8080/login?user=ops&password={V}",\n  "host": ["localhost"]\n}', file: 'api.postman_collection.json', want: 'password' },
    { name: 'reads a Windows-style /name:value flag followed by another flag', text: 'Rubeus.exe kerberoast /creduser:CORP\\svc /credpassword:{V} /outfile:hashes.txt', file: 'notes.md', want: 'credpassword' },
    { name: 'reads an element whose text is alone on its line', text: '<acmeToken>\n    {V}\n</acmeToken>', file: 'settings.xml', want: 'acmeToken' },
    // A bare 8-letter name reads on after a blank or an attribute, where no operator follows it.
    { name: 'reads a password element with an attribute', text: '<password type="text">{V}</password>', file: 'settings.xml', want: 'password' },
    { name: 'reads a Kotlin pair whose value is handed to a decoder', text: 'val m = mapOf("password" to Base64.decode("{V}"))', file: 'Client.kt', want: 'password' },
    { name: 'reads a .netrc password', text: 'machine api.example.com login deploy password {V}', file: '.netrc', want: 'password' },
  ];
  for (const { name, text, file, want } of reads) {
    it(name, () => {
      const v = value();
      const found = findNamedAssignments(text.replace('{V}', v), file).filter((a) => a.value.startsWith(v));
      assert.deepEqual(found.map((a) => a.name), [want]);
    });
  }

  // Each stem's hit must start where the stem does: a start too early would read the word before it as the name.
  const stems = ['password', 'pwd', 'secret', 'token', 'key', 'auth', 'cred', 'salt', 'pepper', 'nonce', 'seed', 'verifier'];
  for (const name of [...stems, ...stems.map((s) => s.toUpperCase())]) {
    it(`reads the name ${name} standing after a one-letter word`, () => {
      const v = value();
      assert.deepEqual(findNamedAssignments(`a ${name}: "${v}"`, 'config.yaml').map((a) => [a.name, a.value]), [[name, v]]);
    });
  }

  it('keeps a backslash that starts no escape in an unquoted value, and ends the value at one that does', () => {
    const v = value();
    assert.deepEqual(findNamedAssignments(`data:\n  password: ${v.slice(0, 6)}\\*${v.slice(6)}\n`, 'secret.yaml').map((a) => a.value), [`${v.slice(0, 6)}\\*${v.slice(6)}`]);
    assert.deepEqual(findNamedAssignments(`{"script": "login --password=${v}\\nexit"}`, 'job.json').map((a) => a.value), [v]);
  });

  it('ends an unquoted value before the next query parameter', () => {
    const v = value();
    const found = findNamedAssignments(`GET /login?user=bob&password=${v}&remember=1 HTTP/1.1`, 'access.log');
    assert.deepEqual(found.map((a) => a.value), [v]);
  });

  const quiet = [
    { name: 'ignores an object literal whose value is a variable', text: 'login({user: name, password: secretValue})', file: 'a.js' },
    { name: 'ignores a variable after a string on the line', text: 'log("user:", user); password: pw', file: 'a.js' },
    { name: 'ignores a variable in a line comment after code', text: 'x = 1 // password: somePassword', file: 'a.go' },
    { name: 'ignores a call result that only looks like a query', text: 'if (a &&token=get()) {}', file: 'a.js' },
    { name: 'ignores a call that is no decoder', text: 'token = lookup("Q8xL2mZ9vT4kW3nB")', file: 'a.py' },
    { name: 'ignores a qualified name of lower-case words joined by a colon in a string list (a Scheme procedure)', text: 'builtins = [\n    "passwd:gecos",\n    "passwd:shell",\n]', file: 'builtins.py' },
    { name: 'ignores element text followed by more markup', text: '<password>Q8xL2mZ9vT4k <b>note</b></password>', file: 'a.xml' },
  ];
  for (const { name, text, file } of quiet) it(name, () => assert.deepEqual(findNamedAssignments(text, file).map((a) => a.value), []));

  it("reads OpenSSL's pass-phrase argument (pass:word) as the value of the name before it, not as a name pass", () => {
    assert.deepEqual(findNamedAssignments('secret = pass:hello # used by both sides', 'openssl.cnf').map((a) => [a.name, a.value]), [['secret', 'pass:hello']]);
  });

  // `{V}` again a generated value: each line would be read without the context that makes it no assignment.
  const sentences = [
    { name: 'ignores a test harness status line (PASS: at a line start)', text: 'Running tests\nPASS: {V}\nFAIL: other', file: 'test-summary' },
    { name: 'ignores a colon value followed by more words on its line', text: 'PASS: {V} demangling _Z1fIvJiE', file: 'summary.log' },
    { name: 'ignores a spaced assignment followed by more text', text: 'auth-data : {V} or None', file: 'PM_spec' },
    { name: 'ignores a flag in a manual page\'s roff source', text: '\\-\\-admin\\-password={V} \\-\\-count=2', file: 'gcloud.1' },
  ];
  for (const { name, text, file } of sentences) it(name, () => assert.deepEqual(findNamedAssignments(text.replace('{V}', value()), file).map((a) => a.value), []));

  const stillRead = [
    { name: 'reads a colon value followed by a comment', text: 'password: {V} # the staging one', file: 'config.yml' },
    { name: 'reads an indented PASS key (a YAML map)', text: 'env:\n  PASS: {V}', file: 'compose.yml' },
    { name: 'reads a colon value followed by another name=value pair', text: 'password: {V} user=deploy', file: 'app.conf' },
    { name: 'reads a glued colon value of mixed letters and digits (a properties file)', text: 'db.password:{V}', file: 'app.properties' },
    { name: 'reads a glued shell assignment before its command', text: 'DB_PASSWORD={V} ./migrate.sh', file: 'run.sh' },
  ];
  for (const { name, text, file } of stillRead) {
    it(name, () => {
      const v = value();
      assert.deepEqual(findNamedAssignments(text.replace('{V}', v), file).map((a) => a.value), [v]);
    });
  }
});
