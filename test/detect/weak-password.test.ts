// The weak-password judge: which word-made passwords a configuration file or URL holds for real, as a table.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { judgeWeakPassword, userNear } from '../../src/detect/weak-password.js';
import { join } from '../helpers/tokens.js';

describe('weak-password judge', () => {
  const real = [
    { name: 'keeps words joined without separators', value: join('mysecret', 'password') },
    { name: 'keeps a word and digits', value: join('rootpass', '123') },
    { name: 'keeps a famous weak password', value: join('hunt', 'er2') },
    { name: 'keeps a keyboard run followed by a digit run', value: join('qwerty', '12345') },
    { name: 'keeps a placeholder word in leetspeak with a year (someone chose it)', value: join('P@ssw0rd', '2020') },
    { name: 'keeps a passphrase of four words', value: join('correcthorse', 'batterystaple') },
    { name: 'keeps a capitalised word and a digit', value: join('Welc', 'ome1') },
    { name: 'keeps snake-case words mixed with digits', value: join('wp_db_', '2021pass') },
    { name: 'keeps a password different from the user name', value: join('rabbit', '2021'), user: 'orders' },
    { name: 'keeps a password that is not a word of its name', value: join('oracle', '123'), assignedTo: 'jdbc.password' },
    { name: 'keeps a password that only begins with a word of its name', value: join('rootpass', '123'), assignedTo: 'MYSQL_ROOT_PASSWORD' },
  ];
  for (const { name, value, user, assignedTo } of real) it(name, () => assert.equal(judgeWeakPassword(value, user, assignedTo), null));

  const dropped = [
    { name: 'drops a value under six characters', value: 'abc12', why: 'too short' },
    { name: 'drops a value with a blank', value: 'two words', why: 'prose' },
    { name: 'drops a ${VAR} reference', value: '${DB_PASSWORD}', why: 'template' },
    { name: 'drops a $VAR reference', value: '$DB_PASSWORD', why: 'template' },
    { name: "drops Symfony's %env()% reference", value: '%env(DB_PASS)%', why: 'template' },
    { name: 'drops a YAML alias', value: '*db_password', why: 'template' },
    { name: 'drops a secret-manager reference', value: 'vault:secret/data/db#password', why: 'template' },
    { name: 'drops Rails ENV[…]', value: 'ENV[DB]', why: 'template' },
    { name: 'drops code around a value', value: 'get(db)', why: 'code' },
    { name: 'drops a mask of stars', value: '********', why: 'placeholder' },
    { name: 'drops a run of x', value: 'xxxxxxxx', why: 'placeholder' },
    { name: 'drops a bcrypt hash', value: '$2b$12$abcdefghijklmnopqrstuv', why: 'password hash' },
    { name: 'drops a bare number', value: '12345678', why: 'number' },
    { name: 'drops a date', value: '2021-01-01', why: 'number' },
    { name: 'drops a snake-case identifier', value: 'db_password_file', why: 'not a secret shape' },
    { name: 'drops a dotted property name', value: 'some.property.name', why: 'not a secret shape' },
    { name: 'drops a camelCase identifier', value: 'dbPassword', why: 'not a secret shape' },
    { name: 'drops a CONSTANT_CASE name', value: 'DB_PASSWORD', why: 'not a secret shape' },
    { name: 'drops a path', value: '/run/secrets/db', why: 'not a secret shape' },
    { name: 'drops a keyboard run alone', value: 'qwertyuiop', why: 'placeholder' },
    { name: 'drops interleaved runs', value: 'a1b2c3d4', why: 'placeholder' },
    { name: 'drops changeme', value: 'changeme', why: 'placeholder' },
    { name: 'drops a placeholder word and digits', value: 'password123', why: 'placeholder' },
    { name: 'drops placeholder words in camelCase with digits', value: 'MySecret1', why: 'placeholder' },
    { name: 'drops test words as whole words', value: 'test-dummy-42', why: 'placeholder' },
    { name: 'drops an instruction written as one word', value: 'yourpasswordhere', why: 'placeholder' },
    { name: 'drops the leetspeak placeholder alone', value: 'P@ssw0rd!', why: 'placeholder' },
    { name: 'drops a user name repeated as the password', value: 'postgres', user: 'postgres', why: 'the user name again' },
    { name: "drops a password that is the user's stem with a password word (proxyuser, proxypass)", value: 'proxypass', user: 'proxyuser', why: 'the user name again' },
    { name: 'drops the same pair with an abbreviated password word (repouser, repopwd)', value: 'repopwd', user: 'repouser', why: 'the user name again' },
    { name: "drops a service's default that is a word of its name (POSTGRES_PASSWORD: postgres)", value: 'postgres', assignedTo: 'POSTGRES_PASSWORD', why: 'the name again' },
    { name: 'drops a word of the name with digits after it', value: 'rabbitmq1', assignedTo: 'RABBITMQ_DEFAULT_PASS', why: 'the name again' },
  ];
  for (const { name, value, user, assignedTo, why } of dropped) it(name, () => assert.equal(judgeWeakPassword(value, user, assignedTo), why));

  const users = [
    { name: 'finds the user of a .env block', text: 'DB_HOST=db\nDB_USER=shop\nDB_PASSWORD=', want: 'shop' },
    { name: 'finds the user element of an XML block', text: '<server>\n  <username>repouser</username>\n  <password>', want: 'repouser' },
    { name: 'finds a YAML user after the password', text: 'password: ', after: '\nuser: app', want: 'app' },
    { name: 'finds no user five lines away', text: 'user: app\n\n\n\n\npassword: ', want: undefined },
  ];
  for (const { name, text, after, want } of users) it(name, () => assert.equal(userNear(text + 'x' + (after ?? ''), text.length), want));
});
