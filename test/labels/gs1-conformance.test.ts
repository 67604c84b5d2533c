import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ScanError, parseScan, type Scan } from '../../labels/gs1.ts';
import { aiAt, aiEntry } from '../../labels/gs1-ai-table.ts';

/**
 * GS1 conformance vectors (verdicts of GS1's Barcode Syntax Engine, see the file's "about"):
 * ../shared/fixtures/gs1-conformance.json beside the repository (FP_SHARED_DIR overrides) when it
 * is there, the copy kept with this test otherwise (CI, a clone elsewhere); the two must agree.
 */
const sharedFile = join(process.env.FP_SHARED_DIR ?? join(process.cwd(), '..', 'shared'), 'fixtures', 'gs1-conformance.json');
const copyFile = join(import.meta.dirname, 'gs1-conformance.json');
const fixtureFile = existsSync(sharedFile) ? sharedFile : copyFile;

interface Vector {
  name: string;
  scan: string;
  expect?: Record<string, string | number>;
  error?: string;
}

const vectors: Vector[] = JSON.parse(readFileSync(fixtureFile, 'utf8')).vectors;

const outcome = (raw: string) => {
  try {
    const { kind, raw: _raw, ...fields } = parseScan(raw) as Scan & Record<string, unknown>;
    return kind === 'gs1' ? { fields } : { kind };
  } catch (e) {
    return { error: e instanceof ScanError ? e.code : `not a ScanError: ${String(e)}` };
  }
};

describe('GS1 conformance (shared/fixtures/gs1-conformance.json)', () => {
  it('is present, and the copy beside this test is the shared file', () => {
    expect(vectors.length).toBeGreaterThan(200);
    expect(JSON.parse(readFileSync(copyFile, 'utf8'))).toEqual(JSON.parse(readFileSync(fixtureFile, 'utf8')));
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    expect(outcome(v.scan)).toEqual(v.error ? { error: v.error } : { fields: v.expect });
  });
});

describe('the AI table (labels/gs1-ai-table.ts)', () => {
  it('finds each of its AIs at the start of an element string: one AI length per two-digit prefix', () => {
    let known = 0;
    for (let length = 2; length <= 4; length++) {
      for (let n = 0; n < 10 ** length; n++) {
        const ai = String(n).padStart(length, '0');
        if (!aiEntry(ai)) continue;
        known += 1;
        expect(aiAt(`${ai}1`, 0), ai).toBe(ai);
      }
    }
    expect(known).toBeGreaterThan(500);
  });
});
