import { sqliteTable, integer, text, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../server/schemas/constants.ts';
import { depots } from './depots.ts';

export const users = sqliteTable(
  'users',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    username: text().notNull().unique(),
    displayName: text().notNull(),
    depotId: integer()
      .notNull()
      .references(() => depots.id),
    passwordHash: text().notNull(),
    active: integer({ mode: 'boolean' }).notNull().default(true),
    locale: text({ enum: ['zh-CN', 'en'] }).notNull().default('zh-CN'),
    createdAt: text().notNull(),
    deactivatedAt: text(),
    /** Set by an admin's password reset: the one-time password must be changed before anything else. */
    mustChangePassword: integer({ mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('users_depot_idx').on(t.depotId)],
);

export const roleGrants = sqliteTable(
  'role_grants',
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    role: text({ enum: ROLES }).notNull(),
    grantedBy: integer(),
    grantedAt: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/** Server-side sessions; the cookie carries a random token, the table only its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    csrfToken: text().notNull(),
    createdAt: text().notNull(),
    expiresAt: text().notNull(),
    lastSeenAt: text().notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Password attempts in a row that did not succeed, per subject: `user:<username>@<address>` (one
 * account from one client address) and `address:<address>` (every account from one address),
 * for throttling with growing delays (server/domain/login-throttle.ts). `locks` counts the locks
 * in a row, each twice as long as the one before.
 */
export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    subject: text().primaryKey(),
    failures: integer().notNull(),
    lastFailureAt: text().notNull(),
    lockedUntil: text(),
    locks: integer().notNull().default(0),
  },
  (t) => [index('login_attempts_last_idx').on(t.lastFailureAt)],
);

/** Every write: who, when, what. Append-only like the ledger. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: text().notNull(),
    actorId: integer(),
    depotId: integer(),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    detail: text({ mode: 'json' }),
  },
  (t) => [index('audit_log_depot_idx').on(t.depotId, t.id)],
);

/** Responses to mutating requests that carried an Idempotency-Key, replayed on retry. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: integer().notNull(),
    key: text().notNull(),
    method: text().notNull(),
    path: text().notNull(),
    /** SHA-256 of the request's body: the same key with another body is refused, not replayed (null on rows from before). */
    bodyHash: text(),
    status: integer().notNull(),
    body: text().notNull(),
    createdAt: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
