import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createLogger } from '../../server/http/logging.ts';
import { startJobs } from '../../server/jobs.ts';
import { makeWorld, PASSWORD, type World } from '../helpers/world.ts';
import { anonymous, loginAs } from '../helpers/client.ts';
import { httpLogin, httpPost, serveWorld } from '../helpers/http.ts';

/** The app of a fresh world, logging into `lines` (parsed) instead of standard output. */
let w: World;
let lines: Record<string, any>[];

beforeEach(async () => {
  const world = await makeWorld();
  lines = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  w = { ...world, app: createApp(world.deps, { logger }) };
});

const linesOf = (path: string) => lines.filter((l) => l.path === path);

describe('request logs and request ids', () => {
  let server: { url: string; close(): Promise<void> } | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('writes one JSON line per request with its id, route pattern, method, status, duration, user, depot and client address', async () => {
    server = await serveWorld(w);
    const session = await httpLogin(server.url, '640121-storekeeper', PASSWORD);
    const actor = w.actor('640121-storekeeper');
    lines.length = 0;

    const res = await httpPost(server.url, session, '/api/receipts/987654/scans', { raw: '0106901234567892' });
    expect(res.status).toBe(404);
    const [line, ...more] = linesOf('/api/receipts/987654/scans');
    expect(more).toEqual([]);
    expect(line).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      msg: 'request',
      requestId: res.headers.get('x-request-id'),
      method: 'POST',
      route: '/api/receipts/:id/scans',
      path: '/api/receipts/987654/scans',
      status: 404,
      durationMs: expect.any(Number),
      userId: actor.userId,
      depotId: actor.depotId,
      client: '127.0.0.1',
    });
    expect(line.requestId).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(line.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('names the route that would have answered when the session check refuses first, without a user', async () => {
    const res = await w.app.request('/api/depots/3/children');
    expect(res.status).toBe(401);
    expect(linesOf('/api/depots/3/children')).toEqual([expect.objectContaining({ level: 'info', route: '/api/depots/:id/children', status: 401 })]);
    expect(linesOf('/api/depots/3/children')[0]).not.toHaveProperty('userId');
  });

  it('logs an unexpected error with its stack, and answers the generic 500 with the request id in header and body', async () => {
    const user = await loginAs(w, '640121-storekeeper');
    w.db.$client.exec('alter table products rename to products_gone');
    const res = await user.get('/api/products');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      type: '/api/problems/internal_error',
      title: 'Internal Server Error',
      status: 500,
      detail: 'Something went wrong on the server',
      code: 'internal_error',
      requestId: res.headers.get('x-request-id'),
    });
    const [line, ...more] = linesOf('/api/products');
    expect(more).toEqual([]);
    expect(line).toMatchObject({ level: 'error', route: '/api/products', status: 500, requestId: res.body.requestId, err: { type: 'SqliteError', message: expect.stringContaining('no such table') } });
    expect(line.err.stack).toMatch(/no such table[^\n]*\n\s+at /);
  });

  it('returns X-Request-Id on every /api answer, equal to the problem body’s requestId', async () => {
    const user = await loginAs(w, '640121-storekeeper');
    const health = await anonymous(w, '/api/health');
    const problems = [await anonymous(w, '/api/stock'), await user.get('/api/no-such-thing'), await user.get('/api/stock?depotId=abc'), await user.post('/api/receipts', {})];
    expect([health, ...problems].map((a) => a.status)).toEqual([200, 401, 404, 422, 422]);
    const ids = [health, ...problems].map((a) => a.headers.get('x-request-id'));
    expect(ids.every((id) => /^[0-9A-Z]{12}$/.test(id ?? ''))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of problems) expect(a.body.requestId).toBe(a.headers.get('x-request-id'));
  });

  it('keeps a short, plain X-Request-Id from the caller and replaces any other', async () => {
    const kept = await w.app.request('/api/stock', { headers: { 'x-request-id': 'WEB0CALL0001' } });
    expect(kept.headers.get('x-request-id')).toBe('WEB0CALL0001');
    expect((await kept.json()).requestId).toBe('WEB0CALL0001');
    expect(linesOf('/api/stock')[0].requestId).toBe('WEB0CALL0001');
    for (const sent of ['has spaces in it', 'x'.repeat(65), '<script>']) {
      const replaced = await w.app.request('/api/stock', { headers: { 'x-request-id': sent } });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9A-Z]{12}$/);
    }
  });

  it('logs healthy probes at debug, so that monitors polling them do not fill the info log', async () => {
    await w.app.request('/api/health');
    await w.app.request('/api/ready');
    expect(lines.map((l) => [l.path, l.level, l.status])).toEqual([
      ['/api/health', 'debug', 200],
      ['/api/ready', 'debug', 200],
    ]);
  });

  it('writes nothing below its level: at warn, a 4xx leaves no line and an unexpected error does', async () => {
    const quiet: Record<string, any>[] = [];
    const app = createApp(w.deps, { logger: createLogger({ level: 'warn', destination: { write: (line: string) => void quiet.push(JSON.parse(line)) } }) });
    const user = await loginAs({ ...w, app }, '640121-storekeeper');
    expect((await user.get('/api/stock?depotId=abc')).status).toBe(422);
    expect(quiet).toEqual([]);
    w.db.$client.exec('alter table products rename to products_gone');
    expect((await user.get('/api/products')).status).toBe(500);
    expect(quiet.map((l) => [l.level, l.path])).toEqual([['error', '/api/products']]);
  });

  it('logs a failing background job with its stack through the same logger, and the server runs on', async () => {
    const logger = createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
    w.db.$client.exec('alter table depots rename to depots_gone');
    const stop = startJobs(w.deps, logger);
    stop();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatchObject({ level: 'error', msg: 'background job failed', err: { stack: expect.stringContaining('depots') } });
    }
    expect(lines.map((l) => l.job)).toContain('expiry sweep (expired stock in the qualified zone)');
  });
});
