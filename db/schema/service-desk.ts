import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { depots } from './depots.ts';
import { users } from './access.ts';
import { batches } from './catalogue.ts';
import { transferOrders } from './transfers.ts';
import { people } from './people.ts';
import { adverseReactions } from './adverse-reactions.ts';
import { HANDOVER_STATUSES, SATISFACTION, SERVICE_CHANNELS, SERVICE_KINDS, SERVICE_STATUSES } from '../../server/domain/service-desk.ts';

/**
 * A request or complaint a depot received (docs/service-desk.md): owned by whoever received it
 * first (首问负责) until they hand it over and the other accepts; due a reply and a resolution by
 * the times set when it arrived (限期办结); closed with the resolution and the requester's
 * satisfaction, after which it never changes.
 */
export const serviceRequests = sqliteTable(
  'service_requests',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    number: text().notNull().unique(),
    /** The receiving depot: the requester's personal data stays here. */
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    kind: text({ enum: SERVICE_KINDS }).notNull(),
    channel: text({ enum: SERVICE_CHANNELS }).notNull(),
    /** A depot below that asked; null for a member of the public. */
    requesterDepotId: integer().references(() => depots.id),
    /** A member of the public: a name, or null for anonymous; a phone if given. Personal data. */
    requesterName: text(),
    requesterPhone: text(),
    subject: text().notNull(),
    text: text().notNull(),
    status: text({ enum: SERVICE_STATUSES }).notNull(),
    /** 首问责任人: who received it, kept after any handover. */
    receivedBy: integer()
      .notNull()
      .references(() => users.id),
    receivedAt: text().notNull(),
    ownerId: integer()
      .notNull()
      .references(() => users.id),
    replyDueAt: text().notNull(),
    resolveDueAt: text().notNull(),
    reply: text(),
    repliedBy: integer().references(() => users.id),
    repliedAt: text(),
    resolution: text(),
    satisfaction: text({ enum: SATISFACTION }),
    satisfactionNote: text(),
    resolvedBy: integer().references(() => users.id),
    resolvedAt: text(),
    batchId: integer().references(() => batches.id),
    transferOrderId: integer().references(() => transferOrders.id),
    personId: integer().references(() => people.id),
    adverseReactionId: integer().references(() => adverseReactions.id),
    /** When the depot's leader was told the reply, or the resolution, was overdue: told once each. */
    replyEscalatedAt: text(),
    resolveEscalatedAt: text(),
  },
  (t) => [index('service_requests_depot_idx').on(t.depotId, t.receivedAt), index('service_requests_owner_idx').on(t.ownerId, t.status), index('service_requests_status_idx').on(t.status, t.resolveDueAt)],
);

/** Each handover offered: to a user of the receiving depot or the depot above, who accepts or declines. */
export const serviceHandovers = sqliteTable(
  'service_handovers',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    requestId: integer()
      .notNull()
      .references(() => serviceRequests.id),
    fromUserId: integer()
      .notNull()
      .references(() => users.id),
    toUserId: integer()
      .notNull()
      .references(() => users.id),
    note: text(),
    status: text({ enum: HANDOVER_STATUSES }).notNull(),
    offeredAt: text().notNull(),
    decidedAt: text(),
  },
  (t) => [index('service_handovers_request_idx').on(t.requestId), index('service_handovers_to_idx').on(t.toUserId, t.status)],
);
