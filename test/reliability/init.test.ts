import { describe, it, expect, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compiledCli } from '../helpers/http.ts';

/** `npm run init` (server/cli/init.ts) as an operator runs it: the password policy, and one region admin unless told. */
const dir = mkdtempSync(join(tmpdir(), 'fp-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const init = (...args: string[]) => {
  const run = spawnSync(process.execPath, [compiledCli('init'), ...args], { env: { ...process.env, DB_FILE: join(dir, 'depot.db') }, encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
};

describe('npm run init', () => {
  it('refuses a weak password, creates the first admin, and a second region admin only when told', () => {
    expect(init('--admin', 'nx-admin', '--password', 'password123')).toMatchObject({ status: 2, out: expect.stringContaining('common') });
    expect(init('--admin', 'nx-admin', '--password', 'nx-admin-2026')).toMatchObject({ status: 2, out: expect.stringContaining('contains_username') });
    // Refused before the database is opened: nothing was written.
    expect(existsSync(join(dir, 'depot.db'))).toBe(false);
    expect(init('--admin', 'nx-admin', '--password', 'quiet-river-2026')).toMatchObject({ status: 0, out: expect.stringContaining('First admin: nx-admin') });
    expect(init('--admin', 'nx-admin2', '--password', 'other-river-2026')).toMatchObject({ status: 2, out: expect.stringContaining('already has an admin (nx-admin)') });
    expect(init('--admin', 'nx-admin2', '--password', 'other-river-2026', '--another-admin')).toMatchObject({ status: 0 });
  }, 240_000); // five runs of a fresh node process: a few seconds on a quiet machine, much longer when the suite fills both cores
});
