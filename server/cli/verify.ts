import { existsSync } from 'node:fs';
import { openDb } from '../../db/client.ts';
import { readEnv } from '../env.ts';
import { verifyLedger } from '../services/verify-ledger.ts';

/** `npm run verify`: checks the ledger invariants of the database DB_FILE names. */
const env = readEnv();
if (!existsSync(env.DB_FILE)) {
  console.error(`No database at ${env.DB_FILE} (set DB_FILE)`);
  process.exit(2);
}
const db = openDb(env.DB_FILE);
const started = performance.now();
const { violations, movementsChecked } = verifyLedger(db);
const ms = Math.round(performance.now() - started);
if (violations.length === 0) {
  console.log(`verify: OK — ${movementsChecked} movements, balances, running sums, hash chains and report totals consistent (${ms} ms)`);
  process.exit(0);
}
console.error(`verify: ${violations.length} violation(s) in ${env.DB_FILE}:`);
for (const v of violations) console.error(`  [${v.invariant}] ${v.detail}`);
process.exit(1);
