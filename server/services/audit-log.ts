import type { z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { listAudit } from '../../db/queries/users.ts';
import type { Actor } from '../auth/scope.ts';
import type { AuditQuerySchema } from '../schemas/api.ts';
import { loadReadableDepot } from './reads.ts';

/** Upper levels see what lower levels did (S0:444): the audit log of a readable subtree. */
export function listAuditLog(deps: Deps, actor: Actor, query: z.infer<typeof AuditQuerySchema>) {
  const depot = loadReadableDepot(deps, actor, query.depotId);
  const { items, total } = listAudit(deps.db, depot.path, { limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return { items, total, page: query.page, pageSize: query.pageSize };
}
