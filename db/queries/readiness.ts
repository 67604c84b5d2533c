import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsFolder, type Db } from '../client.ts';

/**
 * Proves the connection can take the write lock and change a page: rewrites the header's
 * user_version with its own value, then rolls back. Throws SQLite's error otherwise
 * (SQLITE_BUSY while another connection writes, SQLITE_READONLY for a read-only connection or
 * `PRAGMA query_only`). Waits at most `busyTimeoutMs` for the lock instead of the connection's
 * own busy timeout, which is restored after.
 *
 * Call it only outside a transaction: inside one it would share that transaction's fate.
 */
export function probeWrite(db: Db, busyTimeoutMs: number): void {
  const client = db.$client;
  if (client.inTransaction) throw new Error('probeWrite needs the connection outside a transaction');
  const busyTimeout = client.pragma('busy_timeout', { simple: true }) as number;
  client.pragma(`busy_timeout = ${busyTimeoutMs}`);
  try {
    client.exec('BEGIN IMMEDIATE');
    try {
      const version = client.pragma('user_version', { simple: true }) as number;
      client.pragma(`user_version = ${version}`);
    } finally {
      if (client.inTransaction) client.exec('ROLLBACK');
    }
  } finally {
    client.pragma(`busy_timeout = ${busyTimeout}`);
  }
}

interface JournalEntry {
  when: number;
  tag: string;
}

let journal: JournalEntry[] | undefined;

/** The migrations the code ships (drizzle-kit's journal); read once, as they change only with a new release. */
function shippedMigrations(): JournalEntry[] {
  journal ??= (JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] }).entries;
  return journal;
}

/**
 * The shipped migrations the database has not applied. drizzle's migrator records each applied
 * one in __drizzle_migrations with the journal's `when` as created_at.
 */
export function migrationStatus(db: Db): { applied: number; expected: number; missing: string[] } {
  const client = db.$client;
  const hasTable = client.prepare(`select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'`).get() !== undefined;
  const applied = new Set(hasTable ? (client.prepare('select created_at from __drizzle_migrations').pluck().all() as (number | string)[]).map(Number) : []);
  const shipped = shippedMigrations();
  return { applied: applied.size, expected: shipped.length, missing: shipped.filter((m) => !applied.has(m.when)).map((m) => m.tag) };
}
