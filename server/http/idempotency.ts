import type { MiddlewareHandler } from 'hono';
import { createHash } from 'node:crypto';
import type { Deps } from '../deps.ts';
import type { AppEnv } from './auth.ts';
import { DomainError } from '../domain/errors.ts';
import { findIdempotentAnswer, saveIdempotentAnswer } from '../../db/queries/idempotency.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const KEY = /^[\w.:-]{8,100}$/;

/** Top-level fields of an answer shown once and never kept: a sensor's token. */
const SECRET_FIELDS = ['token'];

/** The answer as the replay store keeps it: with its secrets blanked (a replay shows them as null). */
function storable(body: string): string {
  if (!SECRET_FIELDS.some((field) => body.includes(`"${field}"`))) return body;
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    for (const field of SECRET_FIELDS) if (field in parsed) parsed[field] = null;
    return JSON.stringify(parsed);
  } catch {
    return body;
  }
}

/**
 * A mutating request with an `Idempotency-Key` header is applied once: a retry with the same
 * key (a scanner on a flaky network) gets the first answer again, status and body, without
 * running again. The answer is stored in the same group-committed transaction as the write
 * (db/group-commit.ts), so the two are durable together. A retry arriving while the first is
 * still running waits for it. Keys are the user's own; a key reused for another route, or with
 * another body, is refused (422 idempotency_key_reused) rather than answered with the first
 * request's answer, which would silently drop the second. Secrets shown once (a sensor's token)
 * are not kept: a replay shows them as null.
 */
export function idempotency(deps: Deps): MiddlewareHandler<AppEnv> {
  const inFlight = new Map<string, Promise<void>>();
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (SAFE_METHODS.has(c.req.method) || key === undefined) return next();
    if (!KEY.test(key)) throw new DomainError('validation_failed', 'Idempotency-Key must be 8-100 letters, digits or . _ : -', undefined, [{ path: 'Idempotency-Key', message: 'invalid' }]);
    const actor = c.get('actor');
    if (!actor) return next(); // login: no user to scope the key to
    const userId = actor.userId;
    const slot = `${userId}:${key}`;
    // Read before waiting: nothing may await between the wait and taking the slot.
    // The bytes, not text: a scanned file read as text would reach its route altered (server/routes/archive.ts).
    const bodyHash = createHash('sha256').update(Buffer.from(await c.req.arrayBuffer())).digest('hex');
    while (inFlight.has(slot)) await inFlight.get(slot);

    const stored = findIdempotentAnswer(deps.db, userId, key);
    if (stored) {
      if (stored.method !== c.req.method || stored.path !== c.req.path) {
        throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used for another request');
      }
      if (stored.bodyHash !== null && stored.bodyHash !== bodyHash) {
        throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used with another body: send a new key for a new request');
      }
      return c.body(stored.body, stored.status as 200, { 'content-type': stored.status < 300 ? 'application/json' : 'application/problem+json', 'idempotent-replay': 'true' });
    }

    let done!: () => void;
    inFlight.set(slot, new Promise<void>((r) => (done = r)));
    try {
      await next();
      const status = c.res.status;
      if (status < 500) {
        const body = await c.res.clone().text();
        saveIdempotentAnswer(deps.db, userId, key, { method: c.req.method, path: c.req.path, bodyHash, status, body: storable(body) }, deps.clock.now().toISOString());
      }
    } finally {
      inFlight.delete(slot);
      done();
    }
  };
}
