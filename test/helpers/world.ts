import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Statement } from 'better-sqlite3';
import { openDb, type Db } from '../../db/client.ts';
import { findDepotByCode } from '../../db/queries/depots.ts';
import { findUserByUsername } from '../../db/queries/users.ts';
import { createApp } from '../../server/app.ts';
import { defaultConfig, type Clock, type Config } from '../../server/config.ts';
import type { Deps } from '../../server/deps.ts';
import type { Actor } from '../../server/auth/scope.ts';
import { createUserUnchecked, importCatalogue, importDepots, type DepotSeed } from '../../server/services/bootstrap.ts';
import { ROLES, type Role } from '../../server/schemas/constants.ts';
import { CATALOGUE } from '../../seed/catalogue.ts';
import { verifyLedger } from '../../server/services/verify-ledger.ts';

export const PASSWORD = 'test-pass-1';

/**
 * A small real tree: region 64 -> cities 6401, 6402 -> county 640121 (under 6401) ->
 * townships 640121100, 640121101 -> village 640121100200 (under the first township).
 */
export const TREE: DepotSeed[] = [
  { code: '64', name: '宁夏回族自治区', tier: 'region', parentCode: null },
  { code: '6401', name: '银川市', tier: 'city', parentCode: '64' },
  { code: '6402', name: '石嘴山市', tier: 'city', parentCode: '64' },
  { code: '640121', name: '永宁县', tier: 'county', parentCode: '6401' },
  { code: '640121100', name: '杨和镇', tier: 'township', parentCode: '640121' },
  { code: '640121101', name: '李俊镇', tier: 'township', parentCode: '640121' },
  { code: '640121100200', name: '王太村委会', tier: 'village', parentCode: '640121100' },
];

/** Cheap argon2id for tests; the algorithm and code path are the product's. */
export const testConfig: Config = { ...defaultConfig, passwordHash: { memoryCost: 1024, timeCost: 1 } };

export class TestClock implements Clock {
  constructor(private current: Date) {}
  now() {
    return new Date(this.current);
  }
  set(iso: string) {
    this.current = new Date(iso);
  }
  advanceMinutes(m: number) {
    this.current = new Date(this.current.getTime() + m * 60_000);
  }
}

export interface World {
  db: Db;
  deps: Deps;
  clock: TestClock;
  app: ReturnType<typeof createApp>;
  depot(code: string): NonNullable<ReturnType<typeof findDepotByCode>>;
  actor(username: string): Actor;
  /** Adds a user `<name>` at a depot with roles; returns its username. */
  addUser(username: string, depotCode: string, roles: Role[]): Promise<string>;
}

/** Puts the small tree, the catalogue and (unless `users` is false) the users in a migrated database. */
async function seedWorld(db: Db, config: Config, now: Date, users: boolean) {
  importDepots(db, TREE);
  importCatalogue(db, CATALOGUE);
  if (!users) return;
  for (const d of TREE) {
    for (const role of ROLES) {
      await createUserUnchecked(db, config, { username: `${d.code}-${role}`, displayName: `${d.name} ${role}`, depotCode: d.code, roles: [role], password: PASSWORD }, now);
    }
  }
}

/**
 * Seeded worlds, serialized, by what their contents depend on (instant, users, config). Migrating
 * and seeding took 70 to 125 ms a world (the 56 users' argon2 hashes about half of it), in a
 * suite that makes a world for most of its API tests: each kind is now seeded once per worker (a
 * worker keeps this module from one test file to the next) and every world opens its own copy of
 * the bytes (about 18 ms of CPU with the app). The copy is the database a fresh seed makes, but
 * that the worlds of a worker share their users' password salts.
 */
const templates = new Map<string, Promise<Buffer>>();
function template(now: Date, config: Config, users: boolean): Promise<Buffer> {
  const key = JSON.stringify([now.toISOString(), users, config]);
  let bytes = templates.get(key);
  if (!bytes) {
    bytes = (async () => {
      const db = openDb(':memory:');
      await seedWorld(db, config, now, users);
      const serialized = db.$client.serialize();
      db.$client.close();
      return serialized;
    })();
    bytes.catch(() => templates.delete(key));
    templates.set(key, bytes);
  }
  return bytes;
}

/**
 * A fresh database file-less (:memory:) with migrations, the small tree, the real catalogue
 * and users `<code>-<role>` for every role at every depot of the tree. With `dbFile`, in that
 * file (a new one).
 */
export async function makeWorld(options: { now?: string; config?: Partial<Config>; users?: boolean; dbFile?: string } = {}): Promise<World> {
  const clock = new TestClock(new Date(options.now ?? '2026-11-22T08:00:00Z'));
  const config = { ...testConfig, ...options.config };
  const users = options.users !== false;
  const bytes = await template(clock.now(), config, users);
  let db: Db;
  if (options.dbFile === undefined) db = openDb(bytes);
  else if (!existsSync(options.dbFile)) {
    mkdirSync(dirname(options.dbFile), { recursive: true });
    writeFileSync(options.dbFile, bytes);
    db = openDb(options.dbFile);
  } else {
    // A file that is there already gets the seed added to what it holds, as before.
    db = openDb(options.dbFile);
    await seedWorld(db, config, clock.now(), users);
  }
  const deps: Deps = { db, clock, config };
  const app = createApp(deps);
  const world: World = {
    db,
    deps,
    clock,
    app,
    depot: (code) => {
      const d = findDepotByCode(db, code);
      if (!d) throw new Error(`no depot ${code}`);
      return d;
    },
    actor: (username) => {
      const u = findUserByUsername(db, username);
      if (!u) throw new Error(`no user ${username}`);
      return { userId: u.id, username: u.username, displayName: u.displayName, depotId: u.depotId, depotPath: u.depotPath, roles: u.roles };
    },
    addUser: async (username, depotCode, roles) => {
      await createUserUnchecked(db, config, { username, displayName: username, depotCode, roles, password: PASSWORD }, clock.now());
      return username;
    },
  };
  return world;
}

/** Asserts the docs/design.md ledger invariants; call after every test that writes stock. */
export function expectLedgerConsistent(db: Db) {
  const { violations } = verifyLedger(db);
  if (violations.length > 0) throw new Error(`ledger invariants broken:\n${violations.map((v) => `${v.invariant}: ${v.detail}`).join('\n')}`);
}

/** Row counts of every table, to show a refused request changed nothing. */
export function snapshotCounts(db: Db): Record<string, number> {
  return countsStatement(db).get() as Record<string, number>;
}

/** One statement counting the rows of every table, prepared once per database (the access table asks it thousands of times). */
const countStatements = new WeakMap<Db, Statement>();
function countsStatement(db: Db): Statement {
  let statement = countStatements.get(db);
  if (!statement) {
    const tables = db.$client.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`).pluck().all() as string[];
    statement = db.$client.prepare(`select ${tables.map((t) => `(select count(*) from "${t}") as "${t}"`).join(', ')}`);
    countStatements.set(db, statement);
  }
  return statement;
}
