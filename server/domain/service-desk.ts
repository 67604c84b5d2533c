/**
 * The service desk (首问负责制、限期办结制; requirements §2.1, §2.4, §2.5): requests and complaints
 * a depot receives, their owner and their due times. Pure: time arrives as `now`.
 */

/** A request for supplies (from a depot below, S0:348 asks between plans), a question, a complaint, anything else. */
export const SERVICE_KINDS = ['supplies', 'question', 'complaint', 'other'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** From a depot below; at a distribution point from a member of the public; by phone. */
export const SERVICE_CHANNELS = ['depot_below', 'distribution_point', 'phone'] as const;
export type ServiceChannel = (typeof SERVICE_CHANNELS)[number];

/** open: received; replied: the requester has an answer (S0:31 within 24 hours); closed: resolved, and never changes again. */
export const SERVICE_STATUSES = ['open', 'replied', 'closed'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

/** The requester's own word when the request is closed (S3:220 收集客户满意度); `not_reached` when nobody could ask. */
export const SATISFACTION = ['satisfied', 'neutral', 'dissatisfied', 'not_reached'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

/** A handover offered; accepted or declined by the one offered; withdrawn by a new offer or by closing. */
export const HANDOVER_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;

/**
 * Due times: a reply within `replyHours` of receipt (S0:31 「于24小时内回复用户」), a resolution
 * within the kind's `resolveDays` (S1:187 限期办结; the regulation names no figure, so the
 * defaults in server/config.ts are the product's).
 */
export interface ServiceDueRule {
  replyHours: number;
  resolveDays: Record<ServiceKind, number>;
}

const HOUR = 3_600_000;

/**
 * When the reply and the resolution are due, counted in elapsed time from receipt.
 * Example: a complaint received 2026-11-20T02:00Z with { replyHours: 24, resolveDays: { complaint: 15 } }
 * is due a reply by 2026-11-21T02:00Z and resolved by 2026-12-05T02:00Z.
 */
export function dueTimes(receivedAt: Date, kind: ServiceKind, rule: ServiceDueRule): { replyDueAt: string; resolveDueAt: string } {
  const at = receivedAt.getTime();
  return { replyDueAt: new Date(at + rule.replyHours * HOUR).toISOString(), resolveDueAt: new Date(at + rule.resolveDays[kind] * 24 * HOUR).toISOString() };
}

export interface DueFacts {
  replyDueAt: string;
  resolveDueAt: string;
  repliedAt: string | null;
  resolvedAt: string | null;
}

/** Not yet replied and the reply's due time has passed (a request resolved at once counts as replied). */
export const isReplyOverdue = (r: DueFacts, now: Date) => r.repliedAt === null && r.resolvedAt === null && now.getTime() > Date.parse(r.replyDueAt);
/** Not yet resolved and the resolution's due time has passed. */
export const isResolveOverdue = (r: DueFacts, now: Date) => r.resolvedAt === null && now.getTime() > Date.parse(r.resolveDueAt);
export const isOverdue = (r: DueFacts, now: Date) => isReplyOverdue(r, now) || isResolveOverdue(r, now);

/** Whether a step was done by its due time: null while not done. Exactly at the due time is on time. */
export function onTime(doneAt: string | null, dueAt: string): boolean | null {
  return doneAt === null ? null : Date.parse(doneAt) <= Date.parse(dueAt);
}
