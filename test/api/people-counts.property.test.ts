import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { makeWorld } from '../helpers/world.ts';
import { changeStatus, recordFollowUp, registerPerson } from '../../server/services/people.ts';
import { userCounts } from '../../server/services/people-counts.ts';
import { activeByMethod } from '../../server/domain/people.ts';
import { addDays } from '../../server/domain/follow-ups.ts';
import { PRODUCT_CLASSES, type ProductClass } from '../../server/schemas/constants.ts';

/**
 * Issue 20 item 3: the 使用人数 counted from the register at a half-year's end equals the
 * register's state on that day, whatever the history: people registered with their start date,
 * switching, stopping, moving away and starting again, by a change of status or at a follow-up,
 * several changes on one day included.
 */
const VILLAGE = '640121100200';
/** Past half-years (replayed from the history) and the current one (read from the current status). */
const HALF_ENDS = ['2024-06-30', '2024-12-31', '2025-06-30', '2025-12-31', '2026-06-30', '2026-12-31', '2027-06-30'];
const LAST_DAY = '2027-05-31';

type Step = { gap: number; pick: number; viaFollowUp: boolean };
const person = fc.record({
  since: fc.integer({ min: 0, max: 1000 }),
  method: fc.constantFrom(...PRODUCT_CLASSES),
  steps: fc.array(fc.record({ gap: fc.integer({ min: 0, max: 300 }), pick: fc.nat(), viaFollowUp: fc.boolean() }), { maxLength: 6 }),
});

/** The oracle: a person's method on a date is the one their last change on or before it left them using; ties go to the later change. */
function usersOn(histories: { on: string; method: ProductClass | null }[][], date: string) {
  const out: Partial<Record<ProductClass, number>> = {};
  for (const h of histories) {
    let method: ProductClass | null | undefined;
    for (const e of h) if (e.on <= date) method = e.method;
    if (method) out[method] = (out[method] ?? 0) + 1;
  }
  return out;
}

describe('使用人数 from the register equals the register’s state at the period end (property)', () => {
  it('holds for random histories of up to 8 people', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(person, { minLength: 1, maxLength: 8 }), async (people) => {
        const w = await makeWorld({ users: false, now: '2024-01-02T02:00:00Z' });
        await w.addUser('disp', VILLAGE, ['dispenser']);
        const actor = w.actor('disp');
        const depotId = w.depot(VILLAGE).id;
        const histories: { on: string; status: string; method: ProductClass | null }[][] = [];
        for (const [i, p] of people.entries()) {
          // The first person opens the register on 2 January 2024; the others are registered later with their own start dates.
          const since = i === 0 ? addDays('2023-06-01', p.since % 200) : addDays('2023-06-01', p.since);
          if (i === 1) w.clock.set(`${LAST_DAY}T02:00:00Z`);
          const row = registerPerson(w.deps, actor, { depotId, name: `P${i}`, birthYearMonth: '1990-01', community: '一组', method: p.method, methodSince: since, consent: true, consentOn: since });
          const history: { on: string; status: string; method: ProductClass | null }[] = [{ on: since, status: 'using', method: p.method }];
          let on = since;
          let method: ProductClass | null = p.method;
          for (const s of p.steps as Step[]) {
            on = addDays(on, s.gap);
            if (on > LAST_DAY || (i === 0 && on > '2024-01-02')) break;
            if (method) {
              const kind = (['switched', 'stopped', 'moved_away'] as const)[s.pick % 3]!;
              const other = PRODUCT_CLASSES.filter((m) => m !== method)[s.pick % (PRODUCT_CLASSES.length - 1)]!;
              if (s.viaFollowUp && kind !== 'moved_away') {
                recordFollowUp(w.deps, actor, row.id, kind === 'switched' ? { on, outcome: 'switched', switchedTo: other } : { on, outcome: 'stopped', stopReason: '不再使用' });
              } else {
                changeStatus(w.deps, actor, row.id, kind === 'switched' ? { status: 'switched', on, method: other } : kind === 'stopped' ? { status: 'stopped', on, reason: '不再使用' } : { status: 'moved_away', on });
              }
              method = kind === 'switched' ? other : null;
              history.push({ on, status: kind, method });
            } else {
              method = PRODUCT_CLASSES[s.pick % PRODUCT_CLASSES.length]!;
              changeStatus(w.deps, actor, row.id, { status: 'using', on, method });
              history.push({ on, status: 'using', method });
            }
          }
          histories.push(history);
        }
        for (const end of HALF_ENDS) {
          const counts = userCounts(w.deps, actor, depotId, Number(end.slice(0, 4)), end.endsWith('06-30') ? 1 : 2);
          expect(counts.rows).toHaveLength(1);
          expect(counts.rows[0]!.source).toBe('register');
          const expected = usersOn(histories, end);
          const got = Object.fromEntries(Object.entries(counts.rows[0]!.users).filter(([, n]) => n > 0));
          expect(got, `on ${end}`).toEqual(expected);
          // The domain's replay of the same histories agrees (the rule in server/domain/people.ts).
          const replay = activeByMethod(
            histories.map((h) => h.map((e, id) => ({ id, on: e.on, status: e.status as never, method: e.method }))),
            end,
          );
          expect(Object.fromEntries(replay)).toEqual(expected);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
