import { parseArgs } from 'node:util';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { openDb, closeDb } from '../../db/client.ts';
import { readEnv } from '../env.ts';
import { verifyLedger } from '../services/verify-ledger.ts';

/**
 * `npm run backup [-- --to <file>]`: a consistent copy of the database DB_FILE names, taken
 * with SQLite's online backup API while the server keeps running, then checked with verify.
 * Restore by stopping the server and putting the copy in place of DB_FILE.
 */
const { values } = parseArgs({ options: { to: { type: 'string' } } });
const env = readEnv();
if (!existsSync(env.DB_FILE)) {
  console.error(`No database at ${env.DB_FILE} (set DB_FILE)`);
  process.exit(2);
}
const stamp = new Date().toISOString().replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
const target = values.to ?? join(dirname(env.DB_FILE), 'backups', `${basename(env.DB_FILE, '.db')}-${stamp}.db`);
mkdirSync(dirname(target), { recursive: true });
const db = openDb(env.DB_FILE);
const started = performance.now();
await db.$client.backup(target);
closeDb(db);
const copy = openDb(target);
const { violations, movementsChecked } = verifyLedger(copy);
closeDb(copy);
const ms = Math.round(performance.now() - started);
if (violations.length > 0) {
  console.error(`backup: ${target} written but verify found ${violations.length} violation(s)`);
  process.exit(1);
}
console.log(`backup: ${target} (${movementsChecked} movements, verify OK, ${ms} ms)`);
