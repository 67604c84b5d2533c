import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { openDb } from '../../db/client.ts';
import { readEnv } from '../env.ts';
import { defaultConfig, systemClock } from '../config.ts';
import { createUserUnchecked, importCatalogue, importDepots } from '../services/bootstrap.ts';
import { loadDivisions } from '../../seed/divisions.ts';
import { CATALOGUE } from '../../seed/catalogue.ts';
import { findDepotByCode } from '../../db/queries/depots.ts';

/**
 * `npm run init -- --admin <username> [--province 64] [--password <pw>]`: prepares an empty
 * database for real use: the province's depot tree and the catalogue, and the first admin at
 * the province depot. Start the server afterwards with SEED=none.
 */
const { values } = parseArgs({
  options: {
    admin: { type: 'string' },
    province: { type: 'string', default: '64' },
    password: { type: 'string' },
    name: { type: 'string', default: '系统管理员' },
  },
});
if (!values.admin) {
  console.error('usage: npm run init -- --admin <username> [--province 64] [--password <pw>] [--name <display name>]');
  process.exit(2);
}
const env = readEnv();
const db = openDb(env.DB_FILE);
const depots = importDepots(db, await loadDivisions(values.province));
const products = importCatalogue(db, CATALOGUE);
const region = findDepotByCode(db, values.province!);
if (!region) {
  console.error(`No division with code ${values.province}`);
  process.exit(2);
}
const password = values.password ?? randomBytes(9).toString('base64url');
await createUserUnchecked(
  db,
  defaultConfig,
  { username: values.admin, displayName: values.name!, depotCode: region.code, roles: ['admin'], password },
  systemClock.now(),
);
console.log(`Initialised ${env.DB_FILE}: ${depots} depots, ${products} products added.`);
console.log(`First admin: ${values.admin} at ${region.name} (${region.code}), password: ${password}`);
console.log('Start with: SEED=none npm start');
