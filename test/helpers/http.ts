import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { World } from './world.ts';

/** Serves a world's app on a real loopback port, for tests that need real HTTP concurrency. */
export async function serveWorld(world: World): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: world.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The server compiled to JavaScript (scripts/build-server.mjs; test/global-setup.ts builds it when
 * a source is newer): what `npm start`, `npm run verify`, `npm run init` and `npm run backup` run.
 * The tests that start the server or a command as its own process start these, with plain node:
 * the same code as production, and a start without a TypeScript loader (about 0.5 CPU-seconds
 * against 1.4 through tsx).
 */
export const COMPILED_SERVER = 'dist/server/server';
/** The compiled command `server/cli/<name>.ts`. */
export const compiledCli = (name: 'backup' | 'init' | 'verify') => `${COMPILED_SERVER}/cli/${name}.js`;

/** Starts the server as its own process (the compiled one, without the web app unless `env` gives WEB_DIR), or with other `nodeArgs`. */
export async function startServerProcess(
  env: Record<string, string>,
  nodeArgs = [`${COMPILED_SERVER}/index.js`],
): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null> }> {
  const port = await freePort();
  const child = spawn(process.execPath, nodeArgs, {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', WEB_DIR: 'none', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { child, url, exited };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${output}`);
}

export interface HttpSession {
  cookie: string;
  csrf: string;
  depotId: number;
}

export async function httpLogin(url: string, username: string, password: string): Promise<HttpSession> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const me = (await res.json()) as { csrfToken: string; depot: { id: number } };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0], csrf: me.csrfToken, depotId: me.depot.id };
}

export async function httpPost(url: string, s: HttpSession, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}
