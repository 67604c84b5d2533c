import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { openDb } from '../../db/client.ts';
import { readEnv } from '../env.ts';
import { defaultConfig, systemClock } from '../config.ts';
import { createUserUnchecked, importCatalogue, importDepots } from '../services/bootstrap.ts';
import { loadDivisions } from '../../seed/divisions.ts';
import { CATALOGUE } from '../../seed/catalogue.ts';
import { findDepotByCode } from '../../db/queries/depots.ts';
import { passwordFlaw } from '../domain/password-policy.ts';
import { PASSWORD_LENGTH } from '../schemas/constants.ts';

/**
 * `npm run init -- --admin <username> [--province 64] [--password <pw>]`: prepares an empty
 * database for real use: the province's depot tree and the catalogue, and the first admin at
 * the province depot. Start the server afterwards with SEED=none. A given password must pass
 * the password policy (server/domain/password-policy.ts); without one a random one is printed.
 * A database that already has an admin at the province depot gets no second one unless
 * `--another-admin` says so (a second region admin could undo the first's grants).
 */
const { values } = parseArgs({
  options: {
    admin: { type: 'string' },
    province: { type: 'string', default: '64' },
    password: { type: 'string' },
    name: { type: 'string', default: '系统管理员' },
    'another-admin': { type: 'boolean', default: false },
  },
});
if (!values.admin) {
  console.error('usage: npm run init -- --admin <username> [--province 64] [--password <pw>] [--name <display name>] [--another-admin]');
  process.exit(2);
}
// A refused password leaves the database untouched: checked before it is opened.
const password = values.password ?? randomBytes(12).toString('base64url');
const flaw = passwordFlaw(password, values.admin);
if (flaw) {
  console.error(`The password is not acceptable (${flaw}): at least ${PASSWORD_LENGTH.min} characters, not containing the username, not a common password`);
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
const admins = db.$client
  .prepare(`select u.username from users u join role_grants g on g.user_id = u.id where g.role = 'admin' and u.depot_id = ? and u.active = 1`)
  .pluck()
  .all(region.id) as string[];
if (admins.length > 0 && !values['another-admin']) {
  console.error(`${region.name} already has an admin (${admins.join(', ')}); add --another-admin to create a second one`);
  process.exit(2);
}
await createUserUnchecked(
  db,
  defaultConfig,
  { username: values.admin, displayName: values.name!, depotCode: region.code, roles: ['admin'], password },
  systemClock.now(),
);
console.log(`Initialised ${env.DB_FILE}: ${depots} depots, ${products} products added.`);
console.log(`First admin: ${values.admin} at ${region.name} (${region.code}), password: ${password}`);
console.log('Start with: SEED=none npm start');
