/**
 * Which backups `npm run backup -- --keep <n> --keep-days <d>` keeps. A backup of the database
 * `<name>.db` is the file `<name>-<UTC time>.db` (`fp-supplies-2026-12-05T02-30-00Z.db`); files
 * of any other name in the folder, other databases' backups included, are never touched.
 */
export interface RetentionPolicy {
  /** The newest n backups, the one just made included. */
  keep?: number;
  /** Every backup made within the last d days. */
  keepDays?: number;
}

const STAMP = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z$/;

/** `fp-supplies` at 2026-12-05T02:30:00.123Z → `fp-supplies-2026-12-05T02-30-00Z.db`: the names sort by time. */
export function backupFileName(dbName: string, at: Date): string {
  return `${dbName}-${at.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')}.db`;
}

/** When a backup of `dbName` was made, read from its name; undefined for any other file. */
export function backupTime(fileName: string, dbName: string): Date | undefined {
  if (!fileName.startsWith(`${dbName}-`) || !fileName.endsWith('.db')) return undefined;
  const m = STAMP.exec(fileName.slice(dbName.length + 1, -'.db'.length));
  if (!m) return undefined;
  const at = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

/**
 * The backups of `dbName` among `fileNames` that no rule of the policy keeps; never `justMade`.
 * A backup is kept when either rule keeps it. Example on 2026-12-10 with keep 2 and keepDays 3,
 * backups of 12-10 (just made), 12-09, 12-08, 12-06 and 12-01: 12-10 and 12-09 are the newest
 * two, 12-08 is within three days, so 12-06 and 12-01 are pruned. Without either rule nothing is.
 */
export function backupsToPrune(fileNames: string[], dbName: string, policy: RetentionPolicy, now: Date, justMade: string): string[] {
  if (policy.keep === undefined && policy.keepDays === undefined) return [];
  const backups = fileNames
    .map((name) => ({ name, at: backupTime(name, dbName) }))
    .filter((b): b is { name: string; at: Date } => b.at !== undefined)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const since = policy.keepDays === undefined ? Infinity : now.getTime() - policy.keepDays * 86_400_000;
  return backups
    .filter((b, newestFirst) => b.name !== justMade && newestFirst >= (policy.keep ?? 0) && b.at.getTime() < since)
    .map((b) => b.name);
}
