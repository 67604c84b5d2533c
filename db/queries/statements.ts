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
const caches = new WeakMap<Database.Database, Map<string, unknown>>();

export function connectionOf(db: DbOrTx): Database.Database {
  const anyDb = db as unknown as { $client?: Database.Database; session?: { client: Database.Database } };
  const client = anyDb.$client ?? anyDb.session?.client;
  if (!client) throw new Error('not a better-sqlite3 drizzle database');
  return client;
}

/** What `make` returns for `key` on the connection, made once per connection. */
function once<T>(db: DbOrTx, key: string, make: (client: Database.Database) => T): T {
  const client = connectionOf(db);
  let cache = caches.get(client);
  if (!cache) {
    cache = new Map();
    caches.set(client, cache);
  }
  if (!cache.has(key)) cache.set(key, make(client));
  return cache.get(key) as T;
}

export function prepared(db: DbOrTx, sql: string): Database.Statement {
  return once(db, `sql:${sql}`, (client) => client.prepare(sql));
}

/**
 * A drizzle query built and prepared once per connection (`build` returns its `.prepare()`, with
 * `sql.placeholder`s for what changes), for the lookups that nearly every request or document
 * makes: drizzle's mapping (booleans, JSON, joined names) stays, the building and compiling go.
 * `key` names the query; one key, one query.
 */
export function preparedQuery<T>(db: DbOrTx, key: string, build: () => T): T {
  return once(db, `query:${key}`, build);
}
