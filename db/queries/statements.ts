import type Database from 'better-sqlite3';
import type { DbOrTx } from '../client.ts';

/**
 * Prepared better-sqlite3 statements, compiled once per connection, for the hot write path.
 * Building a drizzle query and compiling its SQL costs more than running it; the posting
 * module runs these dozens of times per document.
 *
 * A drizzle transaction runs on the same connection as its database (better-sqlite3 is
 * synchronous), so a statement prepared on the connection takes part in the transaction.
 */
const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function connectionOf(db: DbOrTx): Database.Database {
  const anyDb = db as unknown as { $client?: Database.Database; session?: { client: Database.Database } };
  const client = anyDb.$client ?? anyDb.session?.client;
  if (!client) throw new Error('not a better-sqlite3 drizzle database');
  return client;
}

export function prepared(db: DbOrTx, sql: string): Database.Statement {
  const client = connectionOf(db);
  let cache = caches.get(client);
  if (!cache) {
    cache = new Map();
    caches.set(client, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = client.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}
