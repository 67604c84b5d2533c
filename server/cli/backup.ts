import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { openDb, closeDb } from '../../db/client.ts';
import { readEnv } from '../env.ts';
import { verifyLedger } from '../services/verify-ledger.ts';
import { backupFileName, backupsToPrune } from '../domain/backup-retention.ts';

/**
 * `npm run backup [-- --dir <folder> | --to <file>] [--keep <n>] [--keep-days <d>]`: a consistent
 * copy of the database DB_FILE names, taken with SQLite's online backup API while the server
 * keeps running, then checked with verify. The copy goes to `<folder>/<name>-<UTC time>.db`
 * (folder `backups/` beside the database unless given). With --keep and/or --keep-days, older
 * backups of the same database in that folder that neither rule keeps are deleted, once the new
 * one has passed verify. Restore: docs/operations.md, "Backups and restore".
 */
const USAGE = 'usage: npm run backup -- [--dir <folder> | --to <file>] [--keep <n>] [--keep-days <d>]';
const { values } = parseArgs({
  options: { to: { type: 'string' }, dir: { type: 'string' }, keep: { type: 'string' }, 'keep-days': { type: 'string' } },
});
const count = (flag: string, raw: string | undefined) => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 1) return n;
  console.error(`--${flag} takes a whole number from 1 (got ${raw})\n${USAGE}`);
  process.exit(2);
};
const policy = { keep: count('keep', values.keep), keepDays: count('keep-days', values['keep-days']) };
if (values.to && values.dir) {
  console.error(`--to and --dir exclude each other\n${USAGE}`);
  process.exit(2);
}
const env = readEnv();
if (!existsSync(env.DB_FILE)) {
  console.error(`No database at ${env.DB_FILE} (set DB_FILE)`);
  process.exit(2);
}
const dbName = basename(env.DB_FILE, '.db');
const now = new Date();
const target = values.to ?? join(values.dir ?? join(dirname(env.DB_FILE), 'backups'), backupFileName(dbName, now));
// Written under another name until verified: a backup interrupted or failing verify is never
// taken for one, by pruning or by someone picking a file to restore.
const partial = `${target}.partial`;
mkdirSync(dirname(target), { recursive: true });
const db = openDb(env.DB_FILE);
const started = performance.now();
await db.$client.backup(partial);
closeDb(db);
const copy = openDb(partial);
const { violations, movementsChecked } = verifyLedger(copy);
closeDb(copy);
const ms = Math.round(performance.now() - started);
if (violations.length > 0) {
  console.error(`backup: verify found ${violations.length} violation(s) in the copy, left as ${partial}`);
  for (const v of violations) console.error(`  [${v.invariant}] ${v.detail}`);
  process.exit(1);
}
renameSync(partial, target);
console.log(`backup: ${target} (${movementsChecked} movements, verify OK, ${ms} ms)`);

const folder = dirname(target);
for (const name of backupsToPrune(readdirSync(folder), dbName, policy, now, basename(target))) {
  rmSync(join(folder, name));
  console.log(`backup: pruned ${join(folder, name)}`);
}
