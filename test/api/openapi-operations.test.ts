import { describe, it, expect, beforeAll } from 'vitest';
import { makeWorld, type World } from '../helpers/world.ts';
import { anonymous, loginAs, type Client } from '../helpers/client.ts';

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; additionalProperties?: unknown; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, unknown>;
}
interface Document {
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
}

let w: World;
let doc: Document;
let client: Client;
const operations: { method: string; path: string; op: Operation }[] = [];

beforeAll(async () => {
  w = await makeWorld();
  const res = await w.app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = (await res.json()) as Document;
  for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) operations.push({ method, path, op });
  client = await loginAs(w, '640121-storekeeper');
});

const isRead = (method: string) => method === 'get' || method === 'head';
const isPublic = (op: Operation) => op.security?.length === 0 || op.security?.every((s) => Object.keys(s).join() === 'sensorToken');
/** A concrete URL for a templated path: every path parameter 1, the zone a real one. */
const urlOf = (path: string) => `/api${path.replace('{zone}', 'qualified').replace('{documentType}', 'receipt').replace('{report}', 'pts').replace(/\{\w+\}/g, '1')}`;

describe('the OpenAPI document describes every operation for an integrator', () => {
  it('declares its server and paths relative to it, and the three ways of authenticating', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/api' })]);
    expect(Object.keys(doc.paths).every((p) => p.startsWith('/') && !p.startsWith('/api/'))).toBe(true);
    expect(doc.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie', name: 'sid' },
      csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
      sensorToken: { type: 'http', scheme: 'bearer' },
    });
    expect(operations.length).toBeGreaterThan(110);
  });

  it('gives every operation a unique camelCase operationId and a description of its own, not the summary again', () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]+$/.test(id ?? ''))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const thin = operations.filter(({ op }) => !op.summary || !op.description || op.description === op.summary || op.description.length < 60);
    expect(thin.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it('declares the cookie on reads and the cookie and CSRF token on changes; public operations declare their own', () => {
    const wrong = operations.filter(({ method, op }) => {
      if (isPublic(op)) return false;
      return JSON.stringify(op.security) !== JSON.stringify(isRead(method) ? [{ session: [] }] : [{ session: [], csrf: [] }]);
    });
    expect(wrong.map(({ method, path, op }) => `${method} ${path} ${JSON.stringify(op.security)}`)).toEqual([]);
    const open = operations.filter(({ op }) => isPublic(op)).map(({ method, path }) => `${method} ${path}`).sort();
    expect(open).toEqual(['get /health', 'get /openapi.json', 'get /ready', 'post /auth/login', 'post /climate/ingest']);
  });

  it('declares the refusals each kind of operation meets: 401 behind the session; 403, 413, 415, 422 and 503 on every change; 400 with a body', () => {
    const missing = operations.flatMap(({ method, path, op }) => {
      const statuses = Object.keys(op.responses);
      const needed = [
        ...(isPublic(op) ? [] : ['401']),
        ...(isRead(method) ? [] : ['413', '415', '422', '503']),
        ...(isRead(method) || isPublic(op) ? [] : ['403']),
        ...(op.requestBody ? ['400'] : []),
      ];
      const lacking = needed.filter((s) => !statuses.includes(s));
      // GET /openapi.json, /health and /ready answer no client error (redocly.yaml turns operation-4xx-response off for them).
      if (!statuses.some((s) => s.startsWith('4')) && !(isRead(method) && isPublic(op))) lacking.push('a 4xx');
      return lacking.length > 0 ? [`${method} ${path}: ${lacking.join(', ')}`] : [];
    });
    expect(missing).toEqual([]);
  });

  it('declares JSON request bodies closed (additionalProperties: false), nested objects included', () => {
    const resolve = (s: Schema): Schema => (s.$ref ? resolve(doc.components.schemas[s.$ref.split('/').pop()!]!) : s);
    const open = (s: Schema, at: string): string[] => {
      const schema = resolve(s);
      const own = schema.properties && schema.additionalProperties !== false ? [at] : [];
      return [
        ...own,
        ...Object.entries(schema.properties ?? {}).flatMap(([k, v]) => open(v, `${at}.${k}`)),
        ...(schema.items ? open(schema.items, `${at}[]`) : []),
        ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])].flatMap((v) => open(v, at)),
      ];
    };
    const bodies = operations.filter(({ op }) => op.requestBody?.content['application/json']);
    expect(bodies.length).toBeGreaterThan(40);
    expect(bodies.flatMap(({ method, path, op }) => open(op.requestBody!.content['application/json']!.schema, `${method} ${path}`))).toEqual([]);
  });
});

describe('the declared security is what the server enforces (every operation)', () => {
  it('answers 401 unauthenticated without the session cookie, except on the public operations', async () => {
    const wrong: string[] = [];
    for (const { method, path, op } of operations) {
      const res = await anonymous(w, urlOf(path), { method: method.toUpperCase() });
      const refusedAsAnonymous = res.status === 401 && res.body?.code === 'unauthenticated';
      if (refusedAsAnonymous === isPublic(op)) wrong.push(`${method} ${path} → ${res.status} ${res.body?.code ?? ''}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 403 csrf_failed to a change with the cookie but without the CSRF token, and never to a read', async () => {
    const wrong: string[] = [];
    for (const { method, path, op } of operations) {
      if (isPublic(op)) continue;
      const res = await anonymous(w, urlOf(path), { method: method.toUpperCase(), headers: { cookie: client.cookie } });
      const csrfRefused = res.status === 403 && res.body?.code === 'csrf_failed';
      if (csrfRefused === isRead(method)) wrong.push(`${method} ${path} → ${res.status} ${res.body?.code ?? ''}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a sensor’s readings without its bearer token (401 sensor_token_invalid)', async () => {
    const res = await anonymous(w, '/api/climate/ingest', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ readings: [{ takenAt: w.clock.now().getTime(), temperatureC: 20 }] }),
    });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('sensor_token_invalid');
  });
});
