import type { Db } from './client.ts';

/**
 * Group commit: concurrent writes share one durable COMMIT.
 *
 * With synchronous=FULL every COMMIT waits for an fsync; one per request caps the API at the
 * disk's fsync rate. Instead, a mutating request opens (or joins) one outer transaction on
 * the connection; each service's own transaction then runs as a SAVEPOINT inside it (as
 * better-sqlite3 does for nested transactions), so a refused request still rolls back alone.
 * When the request has produced its answer it waits for `durable()`: the outer transaction
 * is committed once the event loop has run every request whose input was ready, and only
 * then are the answers sent. Nothing is acknowledged before it is on disk; a failed COMMIT
 * fails every request that was waiting on it.
 */
export interface GroupCommit {
  /** Opens the shared transaction unless one is open. */
  join(): void;
  /** Resolves when everything written so far on the connection is committed. */
  durable(): Promise<void>;
}

export function createGroupCommit(db: Db): GroupCommit {
  const client = db.$client;
  let waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const batch = waiting;
    waiting = [];
    try {
      if (client.inTransaction) client.exec('COMMIT');
      for (const w of batch) w.resolve();
    } catch (e) {
      if (client.inTransaction) {
        try {
          client.exec('ROLLBACK');
        } catch {
          /* the connection already rolled back */
        }
      }
      for (const w of batch) w.reject(e);
    }
  };

  return {
    join() {
      if (!client.inTransaction) client.exec('BEGIN');
    },
    durable() {
      if (!client.inTransaction) return Promise.resolve();
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
