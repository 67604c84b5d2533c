import { setImmediate as nextTurn } from 'node:timers/promises';
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
 *
 * Each outer transaction has a generation number, which join() hands to the request. SQLite
 * rolls the whole transaction back by itself when a statement fails badly (SQLITE_FULL, an I/O
 * error); the next join() or durable() sees it (the connection is no longer in a transaction)
 * and the generation is lost: durable() then refuses every request that joined it or an earlier
 * one and is still running, since its writes may have been in it. A request that awaited
 * something after joining (a password hash, a file read in slices) may write into a later
 * transaction than the one it joined: durable() also waits for the one open now.
 */
export interface GroupCommit {
  /** Opens the shared transaction unless one is open; returns its generation for durable(). */
  join(): number;
  /**
   * Resolves once the writes of a request that joined `generation` are committed; rejects if a
   * transaction since then was rolled back. Without a generation: once the open one committed.
   */
  durable(generation?: number): Promise<void>;
  /** Resolves when no long write (inSlices) holds the connection: a request waits for it before joining. */
  turn(): Promise<void>;
  /**
   * Runs a long write (an import) as one transaction of its own, step by step, handing the event
   * loop back between slices of a few milliseconds: all of it is committed, or none of it.
   * It starts once the shared transaction has committed; requests arriving meanwhile wait for
   * it in turn() (reads do not: they have their own connection, db/client.ts readConnection).
   * A step that throws rolls the whole transaction back and the error is thrown on; requests
   * still running that wrote into it meanwhile are refused by durable().
   */
  inSlices<T>(work: (db: Db) => Generator<void, T, void>): Promise<T>;
}

/** Milliseconds a long write works between two turns of the event loop. */
const SLICE_MS = 10;

export class TransactionLost extends Error {
  constructor(generation: number, cause?: unknown) {
    super(`The shared transaction ${generation} was rolled back: its writes are not stored`, { cause });
  }
}

export function createGroupCommit(db: Db): GroupCommit {
  const client = db.$client;
  let generation = 0;
  /** A transaction of generation `generation` is open. */
  let open = false;
  /** The latest generation rolled back (0: none). */
  let lost = 0;
  let waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;
  /** While a long write runs: settles when it ends. */
  let holding: Promise<void> | undefined;
  /** The long writes, one after the other. */
  let queue: Promise<void> = Promise.resolve();

  const begin = () => {
    if (!client.inTransaction) client.exec('BEGIN');
    generation += 1;
    open = true;
  };

  const end = (error?: unknown) => {
    open = false;
    if (error !== undefined) lost = generation;
    const batch = waiting;
    waiting = [];
    for (const w of batch) {
      if (error === undefined) w.resolve();
      else w.reject(error);
    }
  };

  const commit = () => {
    try {
      if (client.inTransaction) client.exec('COMMIT');
      end();
    } catch (e) {
      if (client.inTransaction) {
        try {
          client.exec('ROLLBACK');
        } catch {
          /* the connection already rolled back */
        }
      }
      end(new TransactionLost(generation, e));
    }
  };

  /** The connection ended the open transaction by itself: it was rolled back. */
  const notice = () => {
    if (open && !client.inTransaction) end(new TransactionLost(generation));
  };

  const flush = () => {
    scheduled = false;
    if (holding) return; // the long write commits, and answers those waiting with it
    notice();
    if (open) commit();
  };

  const schedule = () => {
    if (!scheduled && !holding) {
      scheduled = true;
      setImmediate(flush);
    }
  };

  const durable = (since?: number): Promise<void> => {
    notice();
    if (since !== undefined && lost >= since) return Promise.reject(new TransactionLost(lost));
    // A transaction begun on the connection without join() is committed as the shared one.
    if (!open && client.inTransaction) begin();
    if (!open) return Promise.resolve();
    return new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      schedule();
    });
  };

  return {
    join() {
      notice();
      if (!open) begin();
      return generation;
    },
    durable,
    async turn() {
      while (holding) await holding;
    },
    async inSlices(work) {
      let done!: () => void;
      const previous = queue;
      queue = new Promise<void>((resolve) => (done = resolve));
      await previous;
      let release!: () => void;
      try {
        // What joined before commits first, and is answered without waiting for this.
        while ((notice(), open || client.inTransaction)) await durable().catch(() => {});
        holding = new Promise<void>((resolve) => (release = resolve));
        begin();
        const mine = generation;
        // Rows others changed in this transaction, between the steps: a request that joined
        // before and was still running, a background job. Only then does a refusal cost others.
        const totalChanges = client.prepare('select total_changes()');
        const changes = () => totalChanges.pluck().get() as number;
        let others = 0;
        const pause = async () => {
          const before = changes();
          await nextTurn();
          others += changes() - before;
          // One of them may have hit a failing statement that rolled the transaction back.
          notice();
          if (generation !== mine || !open) throw new TransactionLost(mine);
        };
        try {
          const steps = work(db);
          let since = performance.now();
          let step = steps.next();
          while (!step.done) {
            if (performance.now() - since >= SLICE_MS) {
              await pause();
              since = performance.now();
            }
            step = steps.next();
          }
          // The COMMIT (the pages written, an fsync) is a pause of its own, not added to the last step's.
          await pause();
          commit();
          if (lost === mine) throw new TransactionLost(mine);
          return step.value;
        } catch (e) {
          if (open && generation === mine) {
            try {
              if (client.inTransaction) client.exec('ROLLBACK');
            } catch {
              /* the connection already rolled back */
            }
            end(others > 0 || e instanceof TransactionLost ? new TransactionLost(mine, e) : undefined);
          }
          throw e;
        }
      } finally {
        holding = undefined;
        release?.();
        if (waiting.length > 0) schedule();
        done();
      }
    },
  };
}
