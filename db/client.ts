import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema/index.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle; services pass it down to db/queries. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type Synchronous = 'FULL' | 'NORMAL';

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Opens the embedded database with the settings the product relies on and applies migrations.
 * WAL with synchronous=FULL is the shipped default: a posting acknowledged with 2xx has been
 * fsynced to the WAL and survives a crash or power loss. NORMAL is faster but may lose the
 * last transactions on power loss (not on a process crash); the benchmark measures both.
 */
export function openDb(file: string | Buffer, options: { synchronous?: Synchronous } = {}): Db {
  // A Buffer is a serialized database (Database#serialize), opened in memory: the tests copy one seeded world so.
  if (typeof file === 'string' && file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  reuseStatements(sqlite);
  const db = drizzle({ client: sqlite, schema, casing: 'snake_case' }) as Db;
  migrate(db, { migrationsFolder });
  return db;
}

/**
 * drizzle hands every query to better-sqlite3's prepare, which compiles the SQL afresh each time:
 * compiling took more time than running in a posting request. The same SQL text now gets its
 * compiled statement back, in better-sqlite3's default modes (a caller may have switched it to
 * raw or pluck), unless that statement is busy (an iteration over it is still open).
 */
function reuseStatements(sqlite: Database.Database, keep = 1000): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const compiled = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const statement = compiled.get(source);
    if (statement && !statement.busy) {
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
      return statement;
    }
    const fresh = prepare(source);
    if (!statement) {
      // The product's queries are a few hundred texts; anything beyond is dropped oldest first.
      if (compiled.size >= keep) compiled.delete(compiled.keys().next().value!);
      compiled.set(source, fresh);
    }
    return fresh;
  }) as Database.Database['prepare'];
}

const readers = new WeakMap<Database.Database, Db>();

/**
 * A second connection to the same file, read-only, for requests that only read (GET, HEAD):
 * under WAL it reads the last committed state while the group commit (db/group-commit.ts)
 * holds writes not yet committed on the main connection, so an answer never shows a write
 * whose COMMIT could still fail, and a long import does not hold reads up. Opened once per
 * connection, closed with it by closeDb.
 * Undefined for `:memory:` (most tests): a second connection would open another, empty
 * database, so there everything stays on the one connection.
 */
export function readConnection(db: Db): Db | undefined {
  const writer = db.$client;
  if (writer.memory) return undefined;
  const known = readers.get(writer);
  if (known?.$client.open) return known;
  const sqlite = new Database(writer.name, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  reuseStatements(sqlite);
  const reader = drizzle({ client: sqlite, schema, casing: 'snake_case' }) as Db;
  readers.set(writer, reader);
  return reader;
}

export function closeDb(db: Db): void {
  const reader = readers.get(db.$client);
  if (reader?.$client.open) reader.$client.close();
  db.$client.close();
}

export { schema };
