import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createApp } from '../../server/app.ts';
import { precompress } from '../../server/http/precompress.ts';
import { pickEncoding } from '../../server/http/web-app.ts';
import { makeWorld } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-a1b2c3.js"></script></head><body><div id="app"></div></body></html>\n'.repeat(4);
const SCRIPT = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word-${i % 37}`))};\n`;
const ICON = Buffer.from([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0x68, 4, 0, 0, 22, 0, 0, 0]);

let root: string;
let app: ReturnType<typeof createApp>;
let planner: Client;
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => app.request(path, { method, headers });

beforeAll(async () => {
  // A stand-in for dist/web, with a secret beside it that no URL may reach.
  root = mkdtempSync(join(tmpdir(), 'fp-web-app-'));
  const web = join(root, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), INDEX);
  writeFileSync(join(web, 'assets', 'index-a1b2c3.js'), SCRIPT);
  writeFileSync(join(web, 'favicon.ico'), ICON);
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  await precompress(web);
  const world = await makeWorld({ users: false });
  app = createApp(world.deps, { webDir: web });
  planner = await loginAs({ ...world, app }, await world.addUser('web-planner', '64', ['planner']));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('precompressing the build', () => {
  it('writes a .br and a .gz copy beside every text file, and none beside binary ones', () => {
    const web = join(root, 'web');
    expect(brotliDecompressSync(readFileSync(join(web, 'assets/index-a1b2c3.js.br'))).toString()).toBe(SCRIPT);
    expect(gunzipSync(readFileSync(join(web, 'index.html.gz'))).toString()).toBe(INDEX);
    expect(existsSync(join(web, 'favicon.ico.br'))).toBe(false);
    expect(existsSync(join(web, 'favicon.ico.gz'))).toBe(false);
  });
});

describe('choosing the encoding from Accept-Encoding', () => {
  it('prefers br over gzip when both are accepted, and honours q-values', () => {
    const both = ['br', 'gzip'] as const;
    expect(pickEncoding('gzip, deflate, br, zstd', both)).toBe('br');
    expect(pickEncoding('gzip, br;q=0.5', both)).toBe('gzip');
    expect(pickEncoding('br;q=0, *', both)).toBe('gzip');
    expect(pickEncoding('GZIP', both)).toBe('gzip');
    expect(pickEncoding('deflate', both)).toBe('identity');
    expect(pickEncoding(undefined, both)).toBe('identity');
    expect(pickEncoding('br, gzip', [])).toBe('identity');
  });
});

describe('serving the web app', () => {
  it('sends the brotli copy when the browser accepts br and gzip, with Content-Encoding and Vary', async () => {
    const res = await get('/assets/index-a1b2c3.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(body.length).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(body).toString()).toBe(SCRIPT);
  });

  it('sends the gzip copy to a client that accepts gzip only', async () => {
    const res = await get('/assets/index-a1b2c3.js', { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(SCRIPT);
  });

  it('sends the file as it is to a client that accepts no compression, still with Vary', async () => {
    const res = await get('/assets/index-a1b2c3.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(await res.text()).toBe(SCRIPT);
  });

  it('lets the browser keep hashed /assets/ files for a year without asking again (immutable)', async () => {
    const res = await get('/assets/index-a1b2c3.js', { 'accept-encoding': 'br' });
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
  });

  it('makes the browser revalidate index.html (no-cache, strong ETag) and answers 304 when it has not changed', async () => {
    const first = await get('/', { 'accept-encoding': 'gzip, br' });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/html/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await get('/', { 'accept-encoding': 'gzip, br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe('no-cache');
    expect(again.headers.get('vary')).toBe('Accept-Encoding');
    expect(await again.text()).toBe('');

    expect((await get('/', { 'accept-encoding': 'gzip, br', 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    expect((await get('/', { 'accept-encoding': 'gzip, br', 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('gives each encoding its own ETag, so a cached gzip body is never taken for the brotli one', async () => {
    const br = (await get('/index.html', { 'accept-encoding': 'br' })).headers.get('etag');
    const gzip = (await get('/index.html', { 'accept-encoding': 'gzip' })).headers.get('etag');
    const plain = (await get('/index.html')).headers.get('etag');
    expect(new Set([br, gzip, plain]).size).toBe(3);
    expect((await get('/index.html', { 'accept-encoding': 'br', 'if-none-match': gzip! })).status).toBe(200);
  });

  it('opens the app on an app route (index.html, no-cache), so that a reload on /stock/12 works', async () => {
    for (const path of ['/stock/12', '/depots/5/receipts', '/login']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(await res.text(), path).toBe(INDEX);
    }
  });

  it('answers 404, not index.html, for a missing asset or any missing path that names a file', async () => {
    for (const path of ['/assets/index-old999.js', '/assets/gone', '/missing.png', '/stock/12/report.csv', '/robots.txt']) {
      const res = await get(path, { 'accept-encoding': 'gzip, br' });
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('<div id="app">');
    }
  });

  it('gives other files a short cache with an ETag, and no Vary when there is no compressed copy', async () => {
    const res = await get('/favicon.ico', { 'accept-encoding': 'gzip, br' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBeNull();
    expect(Buffer.from(await res.arrayBuffer())).toEqual(ICON);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const get200 = await get('/assets/index-a1b2c3.js', { 'accept-encoding': 'br' });
    const head = await get('/assets/index-a1b2c3.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    for (const h of ['content-encoding', 'content-length', 'etag', 'cache-control', 'vary']) expect(head.headers.get(h), h).toBe(get200.headers.get(h));
    expect(await head.text()).toBe('');
    expect((await get('/stock/12', {}, 'HEAD')).status).toBe(200);
    expect((await get('/assets/gone.js', {}, 'HEAD')).status).toBe(404);
  });

  it('reaches no file outside the build, however the path is written', async () => {
    for (const path of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%5c..%5csecret.txt', '/%2e%2e%2f%2e%2e%2fsecret.txt']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain('do not serve');
    }
  });

  it('leaves /api alone: an unknown API route is still a problem+json 404, not the app', async () => {
    for (const path of ['/api/nothing-here', '/api/nothing-here.js', '/api/stock/12/']) {
      const res = await planner.get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toMatch(/^application\/problem\+json/);
      expect(res.body.code, path).toBe('not_found');
    }
  });

  it('serves only GET and HEAD', async () => {
    expect((await get('/stock/12', {}, 'POST')).status).toBe(404);
  });
});
