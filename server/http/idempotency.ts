import type { MiddlewareHandler } from 'hono';
import type { Deps } from '../deps.ts';
import type { AppEnv } from './auth.ts';
import { DomainError } from '../domain/errors.ts';
import { findIdempotentAnswer, saveIdempotentAnswer } from '../../db/queries/idempotency.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const KEY = /^[\w.:-]{8,100}$/;

/**
 * A mutating request with an `Idempotency-Key` header is applied once: a retry with the same
 * key (a scanner on a flaky network) gets the first answer again, status and body, without
 * running again. The answer is stored in the same group-committed transaction as the write
 * (db/group-commit.ts), so the two are durable together. A retry arriving while the first is
 * still running waits for it. A key reused for another route is refused.
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
    while (inFlight.has(slot)) await inFlight.get(slot);

    const stored = findIdempotentAnswer(deps.db, userId, key);
    if (stored) {
      if (stored.method !== c.req.method || stored.path !== c.req.path) {
        throw new DomainError('idempotency_key_reused', 'This Idempotency-Key was used for another request');
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
        saveIdempotentAnswer(deps.db, userId, key, { method: c.req.method, path: c.req.path, status, body }, deps.clock.now().toISOString());
      }
    } finally {
      inFlight.delete(slot);
      done();
    }
  };
}
