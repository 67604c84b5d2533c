import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { makeWorld } from '../helpers/world.ts';
import { importDepots } from '../../server/services/bootstrap.ts';
import { recordUsageFigures } from '../../server/services/planning.ts';
import { acceptReport, getReportSubmission, reportSummary, returnReport, submitReport } from '../../server/services/report-submissions.ts';
import { sumFigures } from '../../server/domain/report-submissions.ts';
import { PRODUCT_CLASSES } from '../../server/schemas/constants.ts';

/**
 * Issue 21: a county's 汇总表 is the sum of its townships' ACCEPTED reports, whatever else they
 * did: not sent, sent and waiting, returned, or returned and corrected before being accepted
 * (only the accepted version counts). Each run takes its own year, so runs do not meet.
 */
const COUNTY = '640121';
const TOWNSHIPS = ['640121100', '640121101', '640121102', '640121103'];
const FATES = ['none', 'submitted', 'returned', 'accepted', 'corrected'] as const;

const figures = fc.record(Object.fromEntries(PRODUCT_CLASSES.map((m) => [m, fc.integer({ min: 0, max: 5_000 })])) as Record<(typeof PRODUCT_CLASSES)[number], fc.Arbitrary<number>>);
const township = fc.record({ fate: fc.constantFrom(...FATES), first: figures, corrected: figures });

describe('a county’s 汇总表 equals the sum of its accepted children’s reports (property)', () => {
  it('holds for random figures and fates of four townships', async () => {
    const w = await makeWorld({ now: '2026-11-22T08:00:00Z' });
    importDepots(w.db, [
      { code: '640121102', name: '望远镇', tier: 'township', parentCode: COUNTY },
      { code: '640121103', name: '胜利乡', tier: 'township', parentCode: COUNTY },
    ]);
    for (const code of TOWNSHIPS.slice(2)) for (const role of ['leader', 'planner'] as const) await w.addUser(`${code}-${role}`, code, [role]);
    const county = w.actor(`${COUNTY}-leader`);
    let year = 2000;

    fc.assert(
      fc.property(fc.array(township, { minLength: 4, maxLength: 4 }), (fates) => {
        year += 1;
        const enter = (code: string, by: Record<string, number>) =>
          recordUsageFigures(w.deps, w.actor(`${code}-planner`), w.depot(code).id, { year, half: 1, figures: Object.entries(by).map(([method, users]) => ({ method, users })) });
        const send = (code: string) => submitReport(w.deps, w.actor(`${code}-leader`), { depotId: w.depot(code).id, kind: 'users', year, period: 'h1' });
        const expected = Object.fromEntries(PRODUCT_CLASSES.map((m) => [m, 0]));
        const accepted: number[] = [];
        TOWNSHIPS.forEach((code, i) => {
          const { fate, first, corrected } = fates[i]!;
          if (fate === 'none') return;
          enter(code, first);
          const sent = send(code);
          if (fate === 'submitted') return;
          if (fate === 'accepted') {
            acceptReport(w.deps, county, sent.id);
            accepted.push(sent.id);
            for (const m of PRODUCT_CLASSES) expected[m] += first[m];
            return;
          }
          returnReport(w.deps, county, sent.id, '数字有误');
          if (fate === 'returned') return;
          enter(code, corrected);
          const again = send(code);
          acceptReport(w.deps, county, again.id);
          accepted.push(again.id);
          for (const m of PRODUCT_CLASSES) expected[m] += corrected[m];
        });

        const summary = reportSummary(w.deps, county, { depotId: w.depot(COUNTY).id, kind: 'users', year, period: 'h1' });
        const snapshots = accepted.map((id) => getReportSubmission(w.deps, county, id).snapshot);
        expect(summary.own).toBeNull();
        expect(summary.lines).toEqual(sumFigures(summary.columns, snapshots.map((s) => s.lines)));
        expect(Object.fromEntries(summary.lines.map((l) => [l.key, l.values.users]))).toEqual(accepted.length === 0 ? {} : expected);
        expect(summary.children.included.map((c) => c.submissionId).sort()).toEqual([...accepted].sort());
        expect(summary.children.included.length + summary.children.missing.length).toBe(TOWNSHIPS.length);
        expect(summary.children.missing.map((c) => c.status).sort()).toEqual(
          fates.filter((f) => f.fate === 'none' || f.fate === 'submitted' || f.fate === 'returned').map((f) => f.fate).sort(),
        );
      }),
      { numRuns: 25 },
    );
  });
});
