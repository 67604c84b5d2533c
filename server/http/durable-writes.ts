import type { MiddlewareHandler } from 'hono';
import type { Logger } from './logging.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { DomainError } from '../domain/errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing request joins the shared transaction and is answered only once its
 * writes are committed (db/group-commit.ts). Reads go straight through.
 */
export function durableWrites(groupCommit: GroupCommit, logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    groupCommit.join();
    try {
      await next();
    } finally {
      await groupCommit.durable().catch((e: unknown) => {
        logger.error({ err: e }, 'commit failed');
        throw new DomainError('storage_unavailable', 'The change could not be saved; nothing was recorded. Try again.');
      });
    }
  };
}
