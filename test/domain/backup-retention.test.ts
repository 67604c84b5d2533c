import { describe, it, expect } from 'vitest';
import { backupFileName, backupTime, backupsToPrune } from '../../server/domain/backup-retention.ts';

const now = new Date('2026-12-10T02:30:00Z');
const at = (day: string) => backupFileName('fp-supplies', new Date(`${day}T02:30:00Z`));
const justMade = backupFileName('fp-supplies', now);
const folder = [justMade, at('2026-12-09'), at('2026-12-08'), at('2026-12-06'), at('2026-12-01')];

describe('backup names', () => {
  it('names a backup after its database and the UTC second, so that names sort by time', () => {
    expect(backupFileName('fp-supplies', new Date('2026-12-05T02:30:00.123Z'))).toBe('fp-supplies-2026-12-05T02-30-00Z.db');
    expect(backupTime('fp-supplies-2026-12-05T02-30-00Z.db', 'fp-supplies')).toEqual(new Date('2026-12-05T02:30:00Z'));
  });

  it('does not take another database’s backup or another file for one of this database', () => {
    expect(backupTime('fp-supplies-copy-2026-12-05T02-30-00Z.db', 'fp-supplies')).toBeUndefined();
    expect(backupTime('fp-2026-12-05T02-30-00Z.db', 'fp-supplies')).toBeUndefined();
    expect(backupTime('fp-supplies-2026-12-05T02-30-00Z.db-wal', 'fp-supplies')).toBeUndefined();
    expect(backupTime('fp-supplies-before-upgrade.db', 'fp-supplies')).toBeUndefined();
    expect(backupTime('fp-supplies.db', 'fp-supplies')).toBeUndefined();
  });
});

describe('backup retention', () => {
  it('keeps the newest n backups, the one just made included', () => {
    expect(backupsToPrune(folder, 'fp-supplies', { keep: 2 }, now, justMade)).toEqual([at('2026-12-08'), at('2026-12-06'), at('2026-12-01')]);
  });

  it('keeps every backup made within the last d days', () => {
    expect(backupsToPrune(folder, 'fp-supplies', { keepDays: 3 }, now, justMade)).toEqual([at('2026-12-06'), at('2026-12-01')]);
  });

  it('keeps a backup that either rule keeps', () => {
    expect(backupsToPrune(folder, 'fp-supplies', { keep: 4, keepDays: 3 }, now, justMade)).toEqual([at('2026-12-01')]);
    expect(backupsToPrune(folder, 'fp-supplies', { keep: 2, keepDays: 3 }, now, justMade)).toEqual([at('2026-12-06'), at('2026-12-01')]);
  });

  it('never prunes the backup just made, even when the clock says it is older than the rest', () => {
    const future = backupFileName('fp-supplies', new Date('2027-01-01T00:00:00Z'));
    expect(backupsToPrune([future, ...folder], 'fp-supplies', { keep: 1 }, now, justMade)).not.toContain(justMade);
  });

  it('leaves other files and other databases’ backups alone, and prunes nothing without a rule', () => {
    const others = ['notes.txt', 'fp-supplies-before-upgrade.db', backupFileName('other', new Date('2026-01-01T00:00:00Z'))];
    expect(backupsToPrune([...others, ...folder], 'fp-supplies', { keep: 1 }, now, justMade)).toEqual(folder.slice(1));
    expect(backupsToPrune(folder, 'fp-supplies', {}, now, justMade)).toEqual([]);
  });
});
