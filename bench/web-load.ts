/**
 * `node --import tsx bench/web-load.ts [--web-dir dist/web] [--runs 3]` after `npm run build:web`,
 * and part of `npm run bench`.
 *
 * Bytes and time until the login form can be used (its username field visible and enabled) in
 * Chromium over an emulated slow 3G link: 400 ms latency, 400 kbit/s each way. Cold is a new
 * browser context (empty cache); warm is a second visit in the same context once the browser's
 * guessed freshness has run out. Measured for the server as shipped (server/http/web-app.ts:
 * precompressed files, immutable assets, index.html revalidated by ETag) and as it was before
 * (serveStatic: no compression, no cache headers, no conditional requests).
 */
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb, closeDb } from '../db/client.ts';
import { createApp } from '../server/app.ts';
import { defaultConfig, systemClock } from '../server/config.ts';

const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface Visit {
  ms: number;
  bytes: number;
  requests: number;
  /** Status of every response that came over the network, e.g. { 200: 5, 304: 1 }; the browser's cache answers the rest. */
  statuses: Record<number, number>;
  /** Content-Encoding of the app's entry script, when it was fetched. */
  scriptEncoding?: string;
}
export interface WebLoad {
  acceptEncoding: string;
  shipped: { cold: Visit; warm: Visit };
  before: { cold: Visit; warm: Visit };
}

async function listen(fetch: (req: Request) => Response | Promise<Response>) {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function visit(context: BrowserContext, url: string): Promise<Visit & { acceptEncoding: string }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  let bytes = 0;
  let requests = 0;
  let acceptEncoding = '';
  let scriptEncoding: string | undefined;
  const statuses: Record<number, number> = {};
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    acceptEncoding ||= e.headers['Accept-Encoding'] ?? e.headers['accept-encoding'] ?? '';
  });
  // The wire's status: responseReceived reports a revalidated response as the cached 200.
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    requests += 1;
    statuses[e.statusCode] = (statuses[e.statusCode] ?? 0) + 1;
  });
  cdp.on('Network.responseReceived', (e) => {
    if (!e.response.fromDiskCache && /\/assets\/index-[^/]+\.js$/.test(e.response.url)) scriptEncoding = e.response.headers['content-encoding'] ?? 'identity';
  });
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
  });
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForSelector('[data-testid="login-username"]:not([disabled])', { state: 'visible', timeout: 120_000 });
  const ms = performance.now() - started;
  await page.close();
  return { ms, bytes, requests, statuses, scriptEncoding, acceptEncoding };
}

/** A cold visit, then a warm one in the same context after the guessed freshness has lapsed. */
async function coldAndWarm(browser: Browser, url: string) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const cold = await visit(context, url);
  // Without Cache-Control a browser guesses freshness as 10 % of the file's age (RFC 9111
  // §4.2.2); the copy served "before" is seconds old, so two seconds let that guess lapse.
  await new Promise((r) => setTimeout(r, 2000));
  const warm = await visit(context, url);
  await context.close();
  return { cold, warm };
}

const median = (visits: Visit[]) => [...visits].sort((a, b) => a.ms - b.ms)[Math.floor(visits.length / 2)]!;

/** The login screen over slow 3G, as shipped and as before; each figure the median of `runs` by time. */
export async function measureWebLoad(webDir: string, runs = 3): Promise<WebLoad> {
  const db = openDb(':memory:');
  const deps = { db, clock: systemClock, config: defaultConfig };
  const shipped = await listen(createApp(deps, { webDir }).fetch);
  // The old static serving over a fresh copy of the build: the same bytes, files seconds old.
  const copy = mkdtempSync(join(tmpdir(), 'fp-web-before-'));
  cpSync(webDir, copy, { recursive: true, filter: (f) => !/\.(br|gz)$/.test(f) });
  const api = createApp(deps);
  const old = new Hono();
  old.all('/api/*', (c) => api.fetch(c.req.raw));
  old.use('/*', serveStatic({ root: copy }));
  old.get('*', serveStatic({ root: copy, path: 'index.html' }));
  const before = await listen(old.fetch);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const samples = { shipped: [] as Awaited<ReturnType<typeof coldAndWarm>>[], before: [] as Awaited<ReturnType<typeof coldAndWarm>>[] };
    for (let i = 0; i < runs; i++) {
      samples.shipped.push(await coldAndWarm(browser, shipped.url));
      samples.before.push(await coldAndWarm(browser, before.url));
    }
    const summary = (s: typeof samples.shipped) => ({ cold: median(s.map((r) => r.cold)), warm: median(s.map((r) => r.warm)) });
    return { acceptEncoding: samples.shipped[0]!.cold.acceptEncoding, shipped: summary(samples.shipped), before: summary(samples.before) };
  } finally {
    await browser.close();
    await shipped.close();
    await before.close();
    closeDb(db);
    rmSync(copy, { recursive: true, force: true });
  }
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const statusList = (v: Visit) => Object.entries(v.statuses).map(([s, n]) => `${n}×${s}`).join(' ');

/** The bench's table lines for one measurement: [what, figure, note]. */
export function webLoadLines(w: WebLoad): [string, string, string][] {
  const row = (what: string, v: Visit, old: Visit): [string, string, string] => [
    what,
    `${Math.round(v.ms).toLocaleString('en-US')} ms`,
    `${kib(v.bytes)} in ${v.requests} requests (${statusList(v)}); before: ${Math.round(old.ms).toLocaleString('en-US')} ms, ${kib(old.bytes)} in ${old.requests} (${statusList(old)})`,
  ];
  return [
    row(`login form usable on slow 3G, cold (empty cache)`, w.shipped.cold, w.before.cold),
    row(`the same, warm (second visit, freshness run out)`, w.shipped.warm, w.before.warm),
  ];
}

if (process.argv[1]?.endsWith('web-load.ts')) {
  const { values } = parseArgs({ options: { 'web-dir': { type: 'string', default: 'dist/web' }, runs: { type: 'string', default: '3' } } });
  const result = await measureWebLoad(values['web-dir'], Number(values.runs));
  console.log(`Chromium sent Accept-Encoding: ${result.acceptEncoding}; entry script sent as ${result.shipped.cold.scriptEncoding} (before: ${result.before.cold.scriptEncoding})`);
  for (const [what, figure, note] of webLoadLines(result)) console.log(`  ${what.padEnd(52)} ${figure.padStart(14)}  ${note}`);
  console.log(JSON.stringify(result, null, 2));
}
