import { describe, it, expect, afterAll, afterEach } from 'vitest';
import { Hono } from 'hono';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDb, closeDb, type Db } from '../../db/client.ts';
import { createGroupCommit, TransactionLost } from '../../db/group-commit.ts';
import { durableWrites } from '../../server/http/durable-writes.ts';
import { onError } from '../../server/http/problem.ts';
import { createLogger } from '../../server/http/logging.ts';
import { DomainError } from '../../server/domain/errors.ts';
import { makeWorld, type World } from '../helpers/world.ts';
import { loginAs } from '../helpers/client.ts';
import { createArea } from '../../server/services/climate.ts';

const dir = mkdtempSync(join(tmpdir(), 'fp-group-commit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let file = 0;
const opened: Db[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.$client.open) closeDb(db);
});

/** A real database file with a scratch table `notes`. */
function fileDb(): { db: Db; path: string } {
  const path = join(dir, `gc-${++file}.db`);
  const db = openDb(path);
  db.$client.exec('create table notes (id integer primary key, text text not null, blob blob)');
  opened.push(db);
  return { db, path };
}

const write = (db: Db, text: string) => db.$client.prepare('insert into notes (text) values (?)').run(text);
/** What another process would find in the file: a connection of its own. */
function committed(path: string): string[] {
  const other = new Database(path, { readonly: true });
  try {
    return (other.prepare('select text from notes order by id').pluck().all() as string[]);
  } finally {
    other.close();
  }
}

describe('durable(): resolves only for writes whose transaction committed (issue 19, point 13)', () => {
  it('commits a normal batch of two requests with one COMMIT and resolves both', async () => {
    const { db, path } = fileDb();
    const gc = createGroupCommit(db);
    const a = gc.join();
    write(db, 'a');
    const b = gc.join();
    write(db, 'b');
    expect(b).toBe(a);
    expect(committed(path)).toEqual([]);
    await Promise.all([gc.durable(a), gc.durable(b)]);
    expect(committed(path)).toEqual(['a', 'b']);
    expect(db.$client.inTransaction).toBe(false);
  });

  it('rejects when the transaction was rolled back between join and durable, and the next batch still commits', async () => {
    const { db, path } = fileDb();
    const gc = createGroupCommit(db);
    const first = gc.join();
    write(db, 'lost');
    db.$client.exec('ROLLBACK'); // as SQLite does by itself on SQLITE_FULL or an I/O error
    await expect(gc.durable(first)).rejects.toBeInstanceOf(TransactionLost);

    const next = gc.join();
    expect(next).toBeGreaterThan(first);
    write(db, 'kept');
    await expect(gc.durable(next)).resolves.toBeUndefined();
    expect(committed(path)).toEqual(['kept']);
  });

  it('rejects a request still running when its transaction was rolled back, even once a later one committed', async () => {
    const { db, path } = fileDb();
    const gc = createGroupCommit(db);
    const slow = gc.join();
    write(db, 'slow');
    db.$client.exec('ROLLBACK');
    // Another request joins afterwards and commits before the slow one asks.
    const quick = gc.join();
    write(db, 'quick');
    await gc.durable(quick);
    await expect(gc.durable(slow)).rejects.toBeInstanceOf(TransactionLost);
    expect(committed(path)).toEqual(['quick']);
  });

  it('waits for the later transaction a request wrote into after an await, and fails with it', async () => {
    const { db, path } = fileDb();
    const gc = createGroupCommit(db);
    const early = gc.join();
    await gc.durable(gc.join()); // someone else's answer commits the shared transaction
    // The first request writes only now (after a password hash, say): into a new transaction.
    gc.join();
    write(db, 'late');
    const done = gc.durable(early);
    expect(committed(path)).toEqual([]);
    await done;
    expect(committed(path)).toEqual(['late']);

    const again = gc.join();
    await gc.durable(gc.join());
    gc.join();
    write(db, 'late and lost');
    db.$client.exec('ROLLBACK');
    await expect(gc.durable(again)).rejects.toBeInstanceOf(TransactionLost);
  });

  it('rejects everyone waiting when the COMMIT itself fails, and rolls back', async () => {
    const { db, path } = fileDb();
    db.$client.exec('create table parent (id integer primary key); create table child (parent_id integer references parent(id) deferrable initially deferred)');
    const gc = createGroupCommit(db);
    const a = gc.join();
    write(db, 'a');
    // A deferred foreign key is checked at COMMIT: the COMMIT fails.
    db.$client.prepare('insert into child values (42)').run();
    await expect(gc.durable(a)).rejects.toBeInstanceOf(TransactionLost);
    expect(db.$client.inTransaction).toBe(false);
    expect(committed(path)).toEqual([]);
  });
});

describe('a state-changing request whose writes were rolled back answers 503, never 2xx', () => {
  it('refuses the request whose write went with a batch another request filled up (SQLITE_FULL)', async () => {
    const { db, path } = fileDb();
    const gc = createGroupCommit(db);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const app = new Hono()
      .use('*', durableWrites(gc, createLogger({ level: 'silent' })))
      .post('/note', async (c) => {
        write(db, 'note');
        await gate; // still working when the other request fails
        return c.json({ ok: true }, 201);
      })
      .post('/huge', (c) => {
        db.$client.prepare('insert into notes (text, blob) values (?, ?)').run('huge', Buffer.alloc(4 * 1024 * 1024));
        return c.json({ ok: true }, 201);
      })
      .post('/refused', (c) => {
        db.transaction(() => {
          write(db, 'refused');
          throw new DomainError('validation_failed', 'no');
        });
        return c.json({ ok: true }, 201);
      });
    app.onError(onError);
    db.$client.pragma(`max_page_count = ${(db.$client.pragma('page_count', { simple: true }) as number) + 50}`);

    const note = app.request('/note', { method: 'POST' });
    await new Promise((r) => setImmediate(r));
    const huge = await app.request('/huge', { method: 'POST' });
    expect([huge.status, (await huge.json()).code]).toEqual([503, 'storage_unavailable']);
    expect(db.$client.inTransaction).toBe(false); // SQLite rolled the whole batch back
    release();
    const answer = await note;
    expect(answer.status).toBe(503);
    expect((await answer.json()).code).toBe('storage_unavailable');
    expect(committed(path)).toEqual([]);

    // A refusal keeps its own answer; the next request commits as usual.
    const refused = await app.request('/refused', { method: 'POST' });
    expect([refused.status, (await refused.json()).code]).toEqual([422, 'validation_failed']);
    db.$client.pragma('max_page_count = 1073741823');
    release();
    expect((await app.request('/note', { method: 'POST' })).status).toBe(201);
    expect(committed(path)).toEqual(['note']);
  });
});

describe('inSlices(): a long write in slices, all or nothing, others waiting their turn (issue 19, point 4)', () => {
  it('commits every slice at once; requests that arrive meanwhile wait for it, reads on another connection see nothing until then', async () => {
    const { db, path } = fileDb();
    const gc = createGroupCommit(db);
    const seen: number[] = [];
    let turnTaken = false;
    const long = gc.inSlices(function* (tx) {
      for (let i = 0; i < 40; i++) {
        tx.$client.prepare('insert into notes (text) values (?)').run(`slice ${i}`);
        const until = performance.now() + 1;
        while (performance.now() < until) {
          /* a millisecond of work */
        }
        yield;
      }
      return 'done';
    });
    // Other work runs between the slices; a writer waits its turn.
    const reader = setInterval(() => seen.push(committed(path).length), 2);
    await new Promise((r) => setTimeout(r, 5));
    const writer = gc.turn().then(() => {
      turnTaken = true;
      const g = gc.join();
      write(db, 'after');
      return gc.durable(g);
    });
    expect(await long).toBe('done');
    clearInterval(reader);
    await writer;
    expect(turnTaken).toBe(true);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((n) => n === 0 || n >= 40)).toBe(true);
    expect(committed(path)).toHaveLength(41);
    expect(committed(path).at(-1)).toBe('after');
  });

  it('leaves nothing behind when a step refuses; only a request that wrote into it meanwhile is refused too', async () => {
    const { db, path } = fileDb();
    const gc = createGroupCommit(db);
    const before = gc.join();
    write(db, 'before');
    // Two requests that joined before and are still running (another import reading its file, a login hashing).
    const bystander = gc.join();
    const straggler = gc.join();
    const failing = gc.inSlices(function* (tx) {
      for (let i = 0; i < 30; i++) {
        tx.$client.prepare('insert into notes (text) values (?)').run(`slice ${i}`);
        const until = performance.now() + 1;
        while (performance.now() < until) {
          /* a millisecond of work */
        }
        yield;
        if (i === 25) throw new DomainError('batch_conflict', 'a row is refused');
      }
    });
    await expect(gc.durable(before)).resolves.toBeUndefined(); // committed first, not held
    await new Promise((r) => setTimeout(r, 1)); // runs while the long write pauses between slices
    expect(db.$client.inTransaction).toBe(true);
    write(db, 'straggler'); // into the long write's transaction
    await expect(failing).rejects.toMatchObject({ code: 'batch_conflict' });
    expect(committed(path)).toEqual(['before']);
    expect(db.$client.inTransaction).toBe(false);
    await expect(gc.durable(straggler)).rejects.toBeInstanceOf(TransactionLost);
    await expect(gc.durable(bystander)).rejects.toBeInstanceOf(TransactionLost); // it cannot be told apart

    // A refusal that nobody else wrote into costs nobody else anything.
    const calm = gc.join();
    await gc.durable(gc.join());
    await expect(
      gc.inSlices(function* () {
        yield;
        throw new DomainError('batch_conflict', 'refused');
      }),
    ).rejects.toMatchObject({ code: 'batch_conflict' });
    await expect(gc.durable(calm)).resolves.toBeUndefined();
    const after = gc.join();
    write(db, 'after');
    await gc.durable(after);
    expect(committed(path)).toEqual(['before', 'after']);
  });
});

describe('reads from their own connection (issue 19, point 13)', () => {
  let w: World;
  afterEach(() => closeDb(w.db));

  it('a GET during a write not yet committed does not see it, and sees it once durable', async () => {
    w = await makeWorld({ dbFile: join(dir, `world-${++file}.db`) });
    const keeper = await loginAs(w, '640121-storekeeper');
    const depotId = w.depot('640121').id;
    const areas = async () => ((await keeper.get(`/api/depots/${depotId}/storage-areas`)).body.items as { name: string }[]).map((a) => a.name);
    expect(await areas()).toEqual([]);

    const gc = createGroupCommit(w.db);
    const generation = gc.join();
    createArea(w.deps, w.actor('640121-storekeeper'), depotId, { name: '一号库房', kind: 'room' });
    expect(await areas()).toEqual([]);
    await gc.durable(generation);
    expect(await areas()).toEqual(['一号库房']);
  });

  it('keeps one connection for an in-memory database (a second would be another, empty database)', async () => {
    w = await makeWorld();
    const keeper = await loginAs(w, '640121-storekeeper');
    const depotId = w.depot('640121').id;
    expect((await keeper.post(`/api/depots/${depotId}/storage-areas`, { name: '一号库房', kind: 'room' })).status).toBe(201);
    expect((await keeper.get(`/api/depots/${depotId}/storage-areas`)).body.items).toHaveLength(1);
  });
});
