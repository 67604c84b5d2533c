import type { Context, Handler } from 'hono';
import { getMimeType } from 'hono/utils/mime';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { ENCODINGS, type Coding } from './precompress.ts';

interface Representation {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

interface WebFile {
  type: string;
  cacheControl: string;
  identity: Representation;
  encoded: Partial<Record<Coding, Representation>>;
}

/** Vite names everything under /assets/ by its content hash: a changed file gets a new URL. */
const HASHED = 'public, max-age=31536000, immutable';
/** index.html names the current assets, so the browser asks again every time (a 304 when unchanged). */
const REVALIDATE = 'no-cache';
const SHORT = 'public, max-age=300';

function cacheControlFor(urlPath: string) {
  if (urlPath.startsWith('/assets/')) return HASHED;
  if (urlPath === '/index.html') return REVALIDATE;
  return SHORT;
}

/** A strong validator per representation: the br, gzip and raw bodies differ, so do their tags. */
function representation(body: Uint8Array<ArrayBuffer>): Representation {
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** Copied once at start into a plain ArrayBuffer, the body type Hono's c.body takes. */
const read = (path: string) => new Uint8Array(readFileSync(path));

function loadWebFiles(dir: string) {
  const paths = new Set(
    readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name)),
  );
  const isCopy = (p: string) => ENCODINGS.some(({ suffix }) => p.endsWith(suffix) && paths.has(p.slice(0, -suffix.length)));
  const files = new Map<string, WebFile>();
  for (const p of paths) {
    if (isCopy(p)) continue;
    const urlPath = `/${relative(dir, p).split(sep).join('/')}`;
    const encoded: WebFile['encoded'] = {};
    for (const { coding, suffix } of ENCODINGS) if (paths.has(p + suffix)) encoded[coding] = representation(read(p + suffix));
    files.set(urlPath, { type: getMimeType(p) ?? 'application/octet-stream', cacheControl: cacheControlFor(urlPath), identity: representation(read(p)), encoded });
  }
  return files;
}

/**
 * The coding to answer with, by the client's q-values, br before gzip on a tie; identity when
 * the client accepts neither (or the file has no compressed copy).
 * `gzip, deflate, br` → br; `gzip, br;q=0.5` → gzip; `br;q=0, *` → gzip; `deflate` → identity.
 */
export function pickEncoding(acceptEncoding: string | undefined, available: readonly Coding[]): Coding | 'identity' {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    if (!name) continue;
    const q = params.find((p) => p.startsWith('q='));
    weights.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  let best: Coding | 'identity' = 'identity';
  let bestWeight = 0;
  for (const { coding } of ENCODINGS) {
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    if (available.includes(coding) && weight > bestWeight) {
      best = coding;
      bestWeight = weight;
    }
  }
  return best;
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): `W/"x"` matches `"x"`. */
function matches(ifNoneMatch: string | undefined, etag: string) {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/** App routes have no extension and sit outside /assets/ and /api; anything else names a file. */
const isAppRoute = (path: string) => !/^\/(assets|api)(\/|$)/.test(path) && !/\.[^/]*$/.test(path);

function respond(c: Context, file: WebFile) {
  const codings = Object.keys(file.encoded) as Coding[];
  const coding = pickEncoding(c.req.header('accept-encoding'), codings);
  const chosen = coding === 'identity' ? file.identity : file.encoded[coding]!;
  const headers: Record<string, string> = { 'cache-control': file.cacheControl, etag: chosen.etag };
  if (codings.length > 0) headers.vary = 'Accept-Encoding';
  if (matches(c.req.header('if-none-match'), chosen.etag)) return c.body(null, 304, headers);
  headers['content-type'] = file.type;
  headers['content-length'] = String(chosen.body.length);
  if (coding !== 'identity') headers['content-encoding'] = coding;
  return c.body(chosen.body, 200, headers);
}

/**
 * Serves the built web app (vite build, with the .br and .gz copies written by precompress)
 * from memory: the build does not change while the server runs, so it is read once; a request
 * can only reach a file that was listed then (no path traversal) and every tag is computed once.
 * App routes get index.html, so that a reload on /stock/12 opens the app there; a missing
 * file is a 404 rather than index.html, which a browser would try to run as a script.
 */
export function webApp(dir: string): Handler {
  const files = loadWebFiles(dir);
  const index = files.get('/index.html');
  if (!index) throw new Error(`${dir} has no index.html: build the web app first (npm run build:web)`);
  return (c) => {
    const file = files.get(c.req.path) ?? (isAppRoute(c.req.path) ? index : undefined);
    return file ? respond(c, file) : c.notFound();
  };
}
