import type { DbOrTx } from '../client.ts';
import { prepared } from './statements.ts';

/** What a notification's text names, for each language's wording of its kind. */
export type NotificationParams = Record<string, string | number>;

/** How many of the notifications to the roles a user holds at their depot this user has not read. */
export function countUnreadFor(db: DbOrTx, depotId: number, roles: readonly string[], userId: number): number {
  if (roles.length === 0) return 0;
  return prepared(
    db,
    `select count(*) from notifications n
     where n.depot_id = ? and n.role in (select value from json_each(?))
       and not exists (select 1 from notification_reads r where r.notification_id = n.id and r.user_id = ?)`,
  )
    .pluck()
    .get(depotId, JSON.stringify(roles), userId) as number;
}

/**
 * The document each kind of subject is, read at once for a page of notifications: its number,
 * the product and lot, the depot, the figures. The stored message is the Chinese text written
 * when it happened; these let each language word it, and the screen link to the document.
 */
const SUBJECTS: Record<string, string> = {
  transfer_order: `select o.id, o.number, f.name as fromDepot, t.name as toDepot, o.to_depot_id as depotId
     from transfer_orders o join depots f on f.id = o.from_depot_id join depots t on t.id = o.to_depot_id
     where o.id in (select value from json_each(?))`,
  receipt: `select r.id, r.number, r.depot_id as depotId from receipts r where r.id in (select value from json_each(?))`,
  stock_count: `select c.id, c.number, c.depot_id as depotId from stock_counts c where c.id in (select value from json_each(?))`,
  write_off: `select w.id, w.number, d.name as depot, w.depot_id as depotId
     from write_off_requests w join depots d on d.id = w.depot_id where w.id in (select value from json_each(?))`,
  opening_balance: `select o.id, o.number, o.depot_id as depotId from opening_balances o where o.id in (select value from json_each(?))`,
  inspection: `select i.id, i.batch_id as batchId, i.depot_id as depotId, d.name as depot, b.lot, p.name_zh as productZh, p.name_en as productEn, i.failed_quantity as quantity
     from inspections i join batches b on b.id = i.batch_id join products p on p.id = b.product_id join depots d on d.id = i.depot_id
     where i.id in (select value from json_each(?))`,
  batch_hold: `select h.id, h.batch_id as batchId, h.depot_id as depotId, d.name as depot, b.lot, p.name_zh as productZh, p.name_en as productEn, h.reason
     from batch_holds h join batches b on b.id = h.batch_id join products p on p.id = b.product_id join depots d on d.id = h.depot_id
     where h.id in (select value from json_each(?))`,
  expiry_sweep: `select s.id, s.depot_id as depotId, json_array_length(s.lines) as lots,
       (select coalesce(sum(json_extract(l.value, '$.quantity')), 0) from json_each(s.lines) l) as quantity
     from expiry_sweeps s where s.id in (select value from json_each(?))`,
  reversal_request: `select r.id, r.posting_id as postingId, r.reason, r.depot_id as depotId,
       (select m.batch_id from stock_movements m where m.posting_id = r.posting_id order by m.id limit 1) as batchId
     from reversal_requests r where r.id in (select value from json_each(?))`,
  user: `select u.id, u.username, u.display_name as name, u.depot_id as depotId from users u where u.id in (select value from json_each(?))`,
  // Never the person's name: the report's number and where it was filed.
  adverse_reaction: `select r.id, r.number, r.depot_id as depotId, d.name as depot, r.batch_id as batchId, b.lot, p.name_zh as productZh, p.name_en as productEn, r.status
     from adverse_reactions r join depots d on d.id = r.depot_id join batches b on b.id = r.batch_id join products p on p.id = b.product_id
     where r.id in (select value from json_each(?))`,
  adverse_signal: `select s.id, s.batch_id as batchId, s.depot_id as depotId, b.lot, p.name_zh as productZh, p.name_en as productEn, s.report_count as reports, s.window_from as windowFrom, s.hold_id as holdId
     from adverse_signals s join batches b on b.id = s.batch_id join products p on p.id = b.product_id
     where s.id in (select value from json_each(?))`,
  report_submission: `select s.id, s.depot_id as depotId, d.name as depot, s.version, s.return_reason as reason,
       json_extract(s.snapshot, '$.title.zh') as reportZh, json_extract(s.snapshot, '$.title.en') as reportEn,
       json_extract(s.snapshot, '$.period.label.zh') as periodZh, json_extract(s.snapshot, '$.period.label.en') as periodEn
     from report_submissions s join depots d on d.id = s.depot_id where s.id in (select value from json_each(?))`,
  supervision_visit: `select v.id, v.visited_depot_id as depotId, f.name as visitingDepot, t.name as visitedDepot, v.planned_on as plannedOn,
       (select count(*) from supervision_findings x where x.visit_id = v.id) as findings, (select count(*) from supervision_actions x where x.visit_id = v.id) as actions
     from supervision_visits v join depots f on f.id = v.visiting_depot_id join depots t on t.id = v.visited_depot_id where v.id in (select value from json_each(?))`,
  supervision_action: `select a.id, a.visit_id as visitId, v.visited_depot_id as depotId, f.name as visitingDepot, t.name as visitedDepot, a.text as action, a.due_on as dueOn
     from supervision_actions a join supervision_visits v on v.id = a.visit_id join depots f on f.id = v.visiting_depot_id join depots t on t.id = v.visited_depot_id
     where a.id in (select value from json_each(?))`,
  // Never the requester's name or phone: the request's number and subject, who owns it, and the latest handover's two names.
  service_request: `select r.id, r.number, r.subject, r.depot_id as depotId, d.name as depot, o.display_name as owner,
       (select f.display_name from service_handovers h join users f on f.id = h.from_user_id where h.request_id = r.id order by h.id desc limit 1) as fromName,
       (select t.display_name from service_handovers h join users t on t.id = h.to_user_id where h.request_id = r.id order by h.id desc limit 1) as toName
     from service_requests r join depots d on d.id = r.depot_id join users o on o.id = r.owner_id where r.id in (select value from json_each(?))`,
};

/**
 * The params of each of `items`, in their order. A password reset also names who reset it: the
 * admin of the audit entry written with it.
 */
export function notificationParams(db: DbOrTx, items: readonly { entity: string; entityId: number; createdAt: string }[]): NotificationParams[] {
  const byEntity = new Map<string, Set<number>>();
  for (const n of items) (byEntity.get(n.entity) ?? byEntity.set(n.entity, new Set()).get(n.entity)!).add(n.entityId);
  const found = new Map<string, NotificationParams>();
  for (const [entity, ids] of byEntity) {
    const sql = SUBJECTS[entity];
    if (!sql) continue;
    const rows = prepared(db, sql).all(JSON.stringify([...ids])) as ({ id: number } & Record<string, string | number | null>)[];
    for (const { id, ...row } of rows) found.set(`${entity}:${id}`, Object.fromEntries(Object.entries(row).filter((e): e is [string, string | number] => e[1] !== null)));
  }
  return items.map((n) => {
    const own = found.get(`${n.entity}:${n.entityId}`) ?? {};
    if (n.entity !== 'user') return own;
    const by = prepared(
      db,
      `select a.display_name from audit_log l join users a on a.id = l.actor_id
       where l.entity = 'user' and l.entity_id = ? and l.action = 'update' and l.at = ? order by l.id desc limit 1`,
    )
      .pluck()
      .get(String(n.entityId), n.createdAt) as string | undefined;
    return by ? { ...own, by } : own;
  });
}
