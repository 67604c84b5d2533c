import { describe, it, expect } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeWorld } from '../helpers/world.ts';

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
}

/** `redocly lint` with the repository's redocly.yaml; it exits 1 when it finds errors, so the report is read either way. */
function redoclyLint(file: string): Promise<LintReport> {
  return new Promise((resolve, reject) => {
    execFile(
      'node_modules/.bin/redocly',
      ['lint', file, '--config=redocly.yaml', '--format=json', '--max-problems=1000'],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        try {
          resolve(JSON.parse(stdout) as LintReport);
        } catch {
          reject(new Error(`redocly gave no report: ${error?.message ?? ''}\n${stderr}`));
        }
      },
    );
  });
}

describe('the OpenAPI document (redocly recommended ruleset, redocly.yaml)', () => {
  it('lints with no error and no warning', async () => {
    const w = await makeWorld({ users: false });
    const res = await w.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'fp-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, await res.text());
      const report = await redoclyLint(file);
      expect(report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`)).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
