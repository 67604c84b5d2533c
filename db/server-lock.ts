import Database from 'better-sqlite3';

/** The database file is held by another running server. */
export class DatabaseHeldError extends Error {
  constructor(readonly dbFile: string) {
    super(`Another server is running on ${dbFile}: stop it first (two servers on one file would answer SQLITE_BUSY to half the writes)`);
  }
}

/**
 * Holds `<dbFile>.lock` for as long as this server runs, so that a second server on the same
 * database refuses to start. The lock is SQLite's own exclusive file lock (locking_mode =
 * EXCLUSIVE keeps it after the first write), which the operating system releases when the
 * process ends in any way, a crash or kill -9 included: a restart never finds a stale lock.
 * The command-line tools (verify, backup) open the database itself and are not held back.
 */
export function holdServerLock(dbFile: string): { release(): void } {
  if (dbFile === ':memory:') return { release: () => {} };
  const lock = new Database(`${dbFile}.lock`, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.exec(`create table if not exists holder (pid integer not null, since text not null); delete from holder;`);
    lock.prepare('insert into holder (pid, since) values (?, ?)').run(process.pid, new Date().toISOString());
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new DatabaseHeldError(dbFile);
    throw error;
  }
  return { release: () => lock.close() };
}
