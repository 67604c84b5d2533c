import type { MiddlewareHandler } from 'hono';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './logging.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { readConnection, type Db } from '../../db/client.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../domain/errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing request joins the shared transaction and is answered only once its
 * writes are committed (db/group-commit.ts). It waits first while a long import writes.
 * Reads go straight through.
 */
export function durableWrites(groupCommit: GroupCommit, logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    await groupCommit.turn();
    const generation = groupCommit.join();
    try {
      await next();
    } finally {
      await groupCommit.durable(generation).catch((e: unknown) => {
        // A refused request already answers that it changed nothing, which holds; one that
        // failed (its own statement filled the disk, say) is answered as storage failing.
        if (c.error && c.res.status < 500) return;
        logger.error({ err: e }, 'commit failed');
        throw new DomainError('storage_unavailable', 'The change could not be saved; nothing was recorded. Try again.');
      });
    }
  };
}

const reading = new AsyncLocalStorage<Db>();

/**
 * Reads on their own connection (db/client.ts readConnection): `deps` whose `db` is the
 * read-only connection while `reads` runs a GET or HEAD, and the write connection everywhere
 * else. Placed after authentication, which may refresh the session (a write) on a read.
 * With an in-memory database both are the one connection.
 */
export function separateReads(deps: Deps): { deps: Deps; reads: MiddlewareHandler } {
  const reader = readConnection(deps.db);
  if (!reader) return { deps, reads: (_c, next) => next() };
  const writer = deps.db;
  return {
    // Getters rather than a copy: a later change of `deps.config` (tests do it) is seen here too.
    deps: {
      get db() {
        return reading.getStore() ?? writer;
      },
      get clock() {
        return deps.clock;
      },
      get config() {
        return deps.config;
      },
      get groupCommit() {
        return deps.groupCommit;
      },
    },
    reads: (c, next) => (SAFE_METHODS.has(c.req.method) ? reading.run(reader, next) : next()),
  };
}
