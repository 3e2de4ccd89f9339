// keyfence history <git URL>: a file:// URL, a git daemon and an HTTP smart-git server (git http-backend behind Basic
// authentication) on 127.0.0.1, every ref swept, the temporary mirror removed (also on Ctrl-C), credentials never shown.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, fakeAccessKeyId, makeRepo, type Repo } from '../helpers/git-repo.js';

/** The test server's password and one it refuses, joined at run time so no credential-shaped URL sits in the repository. */
const PASSWORD = ['pa55', 'w0rd', 'for', 'test'].join('-');
const WRONG_PASSWORD = ['wr0ng', 'pa55word'].join('-');

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs keyfence without blocking the event loop (the servers below answer from this process). */
function keyfence(args: string[], env: NodeJS.ProcessEnv, onStart?: (child: ChildProcess) => void): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
    onStart?.(child);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on the port (bounded: 100 tries, 50 ms apart). */
async function listening(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

/** An HTTP smart-git server for `root`: git http-backend as CGI, behind Basic authentication as `user`:`password`. */
function smartHttp(root: string, user: string, password: string): HttpServer {
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  return createHttpServer((req, res) => {
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        REMOTE_USER: user,
        REMOTE_ADDR: '127.0.0.1',
      },
    });
    req.pipe(cgi.stdin);
    let head = Buffer.alloc(0);
    let sent = false;
    cgi.stdout.on('data', (chunk: Buffer) => {
      if (sent) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of head.subarray(0, end).toString().split('\r\n')) {
        const [name = '', ...value] = line.split(': ');
        if (name.toLowerCase() === 'status') status = Number(value.join(': ').split(' ')[0]);
        else headers[name] = value.join(': ');
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
      sent = true;
    });
    cgi.stdout.on('end', () => res.end());
  });
}

describe('keyfence history <git URL>', () => {
  let source: Repo;
  let served: string;
  let tmp: string;
  let daemon: ChildProcess | undefined;
  let daemonPort = 0;
  let http: HttpServer | undefined;
  let httpPort = 0;
  let silent: Server | undefined;
  const silentSockets: Socket[] = [];
  let silentPort = 0;
  let closedPort = 0;
  const sideKey = fakeAccessKeyId();
  let sideCommit = '';

  before(async () => {
    source = makeRepo();
    source.commit('base', { 'README.md': 'demo\n' });
    // The key sits on a side branch and a tag only: a clone of HEAD alone would miss it.
    source.git('checkout', '-q', '-b', 'side');
    sideCommit = source.commit('side work', { 'deploy/app.env': `AWS_ACCESS_KEY_ID=${sideKey}\n` });
    source.git('tag', 'v1');
    source.git('checkout', '-q', 'main');
    served = mkdtempSync(join(tmpdir(), 'keyfence-served-'));
    source.gitResult('clone', '-q', '--mirror', source.dir, join(served, 'app.git'));
    tmp = mkdtempSync(join(tmpdir(), 'keyfence-tmp-'));
    daemonPort = await freePort();
    closedPort = await freePort();
    daemon = spawn('git', ['daemon', '--reuseaddr', '--listen=127.0.0.1', `--port=${daemonPort}`, `--base-path=${served}`, '--export-all', served], { stdio: 'ignore' });
    await listening(daemonPort);
    http = smartHttp(served, 'robot', PASSWORD);
    await new Promise<void>((resolve) => (http as HttpServer).listen(0, '127.0.0.1', resolve));
    httpPort = (http.address() as { port: number }).port;
    // Accepts and never answers: a clone that hangs until it is interrupted.
    silent = createServer((socket) => void silentSockets.push(socket));
    await new Promise<void>((resolve) => (silent as Server).listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });

  after(async () => {
    daemon?.kill();
    silentSockets.forEach((socket) => socket.destroy());
    await Promise.all([new Promise((resolve) => http?.close(resolve)), new Promise((resolve) => silent?.close(resolve))]);
    source.remove();
    rmSync(served, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  });

  const urls: { name: string; url: () => string; shown: () => string }[] = [
    { name: 'sweeps every ref of a file:// URL and removes its mirror', url: () => `file://${join(served, 'app.git')}`, shown: () => `file://${join(served, 'app.git')}` },
    { name: 'sweeps every ref served by a git daemon on 127.0.0.1', url: () => `git://127.0.0.1:${daemonPort}/app.git`, shown: () => `git://127.0.0.1:${daemonPort}/app.git` },
    { name: 'sweeps an HTTP repository with user:password in the URL, and never shows the password', url: () => `http://robot:${PASSWORD}@127.0.0.1:${httpPort}/app.git`, shown: () => `http://***@127.0.0.1:${httpPort}/app.git` },
  ];
  for (const c of urls) {
    it(c.name, async () => {
      const result = await keyfence(['history', c.url(), '--format', 'json'], { TMPDIR: tmp });
      assert.equal(result.status, 1, result.stderr);
      const report = JSON.parse(result.stdout) as { findings: { file: string; commit: string }[]; stats: { remote: string } };
      assert.deepEqual(report.findings.map((f) => [f.file, f.commit]), [['deploy/app.env', sideCommit]]);
      assert.equal(report.stats.remote, c.shown());
      assert.ok(!`${result.stdout}${result.stderr}`.includes(PASSWORD), 'the password was printed');
      assert.ok(!`${result.stdout}${result.stderr}`.includes(sideKey), 'the key was printed whole');
      assert.deepEqual(readdirSync(tmp), []);
    });
  }

  const failing: { name: string; url: () => string }[] = [
    { name: 'names a wrong password redacted when the server refuses it', url: () => `http://robot:${WRONG_PASSWORD}@127.0.0.1:${httpPort}/app.git` },
    { name: 'names an unreachable URL redacted, credentials and all', url: () => `http://robot:${WRONG_PASSWORD}@127.0.0.1:${closedPort}/app.git` },
    { name: 'names a repository the daemon does not have', url: () => `git://127.0.0.1:${daemonPort}/missing.git` },
  ];
  for (const c of failing) {
    it(c.name, async () => {
      const result = await keyfence(['history', c.url()], { TMPDIR: tmp });
      assert.equal(result.status, 3, result.stderr);
      assert.match(result.stderr, /cannot clone/);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
      assert.ok(!result.stderr.includes(WRONG_PASSWORD) && !result.stderr.includes('robot:'), result.stderr);
      assert.deepEqual(readdirSync(tmp), []);
    });
  }

  it('removes the temporary mirror when interrupted (Ctrl-C) while cloning', async () => {
    let child: ChildProcess | undefined;
    const running = keyfence(['history', `git://127.0.0.1:${silentPort}/app.git`], { TMPDIR: tmp }, (started) => (child = started));
    // Interrupt as soon as the temporary folder exists (bounded: 200 tries, 25 ms apart).
    for (let i = 0; i < 200 && readdirSync(tmp).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    assert.equal(readdirSync(tmp).length, 1);
    child?.kill('SIGINT');
    const result = await running;
    assert.equal(result.status, 130, result.stderr);
    assert.deepEqual(readdirSync(tmp), []);
    assert.ok(existsSync(tmp));
  });
});
