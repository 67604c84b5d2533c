import type { Db } from '../../db/client.ts';
import { countDepots, findDepotByCode, insertDepot } from '../../db/queries/depots.ts';
import { insertProduct, findProductByCode } from '../../db/queries/catalogue.ts';
import * as userQ from '../../db/queries/users.ts';
import type { products } from '../../db/schema/index.ts';
import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { DepotTier, Role } from '../schemas/constants.ts';
import { audit } from './audit.ts';

/**
 * Setting up a database: the depot tree, the catalogue and users created without an acting
 * admin (the first admin, the demo). Used by `npm run init`, the demo seed and tests.
 */

export interface DepotSeed {
  code: string;
  name: string;
  tier: DepotTier;
  parentCode: string | null;
}

/** Imports depots parents-first; returns how many were added (existing codes are kept). */
export function importDepots(db: Db, rows: readonly DepotSeed[]): number {
  return db.transaction((tx) => {
    const placed = new Map<string, { id: number; path: string; depth: number }>();
    let added = 0;
    for (const row of rows) {
      const existing = findDepotByCode(tx, row.code);
      if (existing) {
        placed.set(row.code, existing);
        continue;
      }
      const parent = row.parentCode === null ? undefined : (placed.get(row.parentCode) ?? findDepotByCode(tx, row.parentCode));
      if (row.parentCode !== null && !parent) throw new DomainError('depot_not_found', `Parent ${row.parentCode} of ${row.code} is missing`);
      const inserted = insertDepot(tx, {
        code: row.code,
        name: row.name,
        tier: row.tier,
        parentId: parent?.id ?? null,
        parentPath: parent?.path,
        parentDepth: parent?.depth,
      });
      placed.set(row.code, inserted);
      added += 1;
    }
    return added;
  });
}

export function importCatalogue(db: Db, rows: readonly (typeof products.$inferInsert)[]): number {
  return db.transaction((tx) => {
    let added = 0;
    for (const row of rows) {
      if (findProductByCode(tx, row.code)) continue;
      insertProduct(tx, row);
      added += 1;
    }
    return added;
  });
}

export interface UserSeed {
  username: string;
  displayName: string;
  depotCode: string;
  roles: Role[];
  password: string;
}

export async function createUserUnchecked(db: Db, config: Config, user: UserSeed, now: Date): Promise<number> {
  const depot = findDepotByCode(db, user.depotCode);
  if (!depot) throw new DomainError('depot_not_found', `No depot with code ${user.depotCode}`);
  if (userQ.usernameExists(db, user.username)) throw new DomainError('username_taken', `Username ${user.username} is taken`);
  const passwordHash = await hashPassword(user.password, config);
  return db.transaction((tx) => {
    const { id } = userQ.insertUser(tx, {
      username: user.username,
      displayName: user.displayName,
      depotId: depot.id,
      passwordHash,
      createdAt: now.toISOString(),
    });
    userQ.replaceRoles(tx, id, user.roles, null, now.toISOString());
    audit(tx, { actorId: null, depotId: depot.id, action: 'create', entity: 'user', entityId: id, detail: { username: user.username, roles: user.roles, by: 'setup' } }, now);
    return id;
  });
}

export const isEmpty = (db: Db) => countDepots(db) === 0;
