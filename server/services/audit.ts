import type { DbOrTx } from '../../db/client.ts';
import { insertAudit } from '../../db/queries/users.ts';

export interface AuditEntry {
  actorId: number | null;
  depotId: number | null;
  action: string;
  entity: string;
  entityId?: string | number;
  detail?: unknown;
}

/** Records a write in the audit log; call it inside the write's own transaction. */
export function audit(tx: DbOrTx, entry: AuditEntry, now: Date): void {
  insertAudit(tx, {
    at: now.toISOString(),
    actorId: entry.actorId,
    depotId: entry.depotId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === undefined ? null : String(entry.entityId),
    detail: entry.detail ?? null,
  });
}
