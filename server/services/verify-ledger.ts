import type { Db } from '../../db/client.ts';
import * as v from '../../db/queries/verify.ts';
import { GENESIS_HASH, chainHash, type HashedFields } from '../domain/ledger.ts';
import { computeTotalsFromMovements } from '../../db/queries/period-totals.ts';
import { connectionOf } from '../../db/queries/statements.ts';
import { defaultConfig } from '../config.ts';

export interface Violation {
  invariant: 'balance_equals_movements' | 'no_negative_balance' | 'balance_after_is_running_sum' | 'hash_chain_intact' | 'transfers_correspond' | 'period_totals_equal_movements';
  detail: string;
}

/**
 * Checks every ledger invariant on a database and lists each violation: balance = sum of
 * movements (账账相符, S0:404) in quantity and value, no balance below zero, every
 * balance_after the running sum, every depot's SHA-256 chain unbroken, and the reports' month
 * totals equal to the movements they sum (months read in `timeZone`).
 */
export function verifyLedger(db: Db, limit = 50, timeZone = defaultConfig.timeZone): { violations: Violation[]; movementsChecked: number } {
  const violations: Violation[] = [];
  for (const r of v.balancesNotMatchingMovements(db).slice(0, limit)) {
    violations.push({
      invariant: 'balance_equals_movements',
      detail: `depot ${r.depotId} ${r.location} batch ${r.batchId}: balance ${r.balance ?? '(none)'} vs movements ${r.movements ?? '(none)'}`,
    });
  }
  for (const r of v.negativeBalances(db).slice(0, limit)) {
    violations.push({ invariant: 'no_negative_balance', detail: `depot ${r.depotId} ${r.location} batch ${r.batchId}: ${r.quantity}` });
  }
  for (const r of v.wrongBalanceAfter(db).slice(0, limit)) {
    violations.push({ invariant: 'balance_after_is_running_sum', detail: `movement ${r.id} (depot ${r.depotId}): balance_after ${r.balanceAfter}, running sum ${r.running}` });
  }
  for (const r of v.transfersNotCorresponding(db).slice(0, limit)) {
    violations.push({
      invariant: 'transfers_correspond',
      detail: `order ${r.number} batch ${r.batchId}: sent ${r.sent}, in transit ${r.inTransit}${r.stray ? `, ${r.stray} stray movement(s)` : ''}${r.leftTransit === null ? '' : `, received from transit ${r.leftTransit}, stocked ${r.stocked} + short ${r.short}`}`,
    });
  }
  for (const detail of periodTotalsMismatches(db, timeZone).slice(0, limit)) violations.push({ invariant: 'period_totals_equal_movements', detail });
  let depot = -1;
  let prev = GENESIS_HASH;
  let movementsChecked = 0;
  let broken = 0;
  for (const m of v.movementsInChainOrder(db)) {
    movementsChecked += 1;
    if (m.depotId !== depot) {
      depot = m.depotId;
      prev = GENESIS_HASH;
    }
    const expected = chainHash(prev, m as HashedFields);
    if (m.prevHash !== prev || m.hash !== expected) {
      if (broken++ < limit) {
        violations.push({ invariant: 'hash_chain_intact', detail: `movement ${m.id} (depot ${m.depotId}): ${m.prevHash !== prev ? 'prev_hash does not link to the previous movement' : 'hash does not match its fields'}` });
      }
    }
    prev = m.hash;
  }
  return { violations, movementsChecked };
}

function periodTotalsMismatches(db: Db, timeZone: string): string[] {
  const expected = computeTotalsFromMovements(db, timeZone);
  const mismatches: string[] = [];
  const seen = new Set<string>();
  const rows = connectionOf(db)
    .prepare('select depot_id as depotId, scope, month, product_id as productId, flow, in_qty as inQty, in_value_fen as inValueFen, out_qty as outQty, out_value_fen as outValueFen from stock_period_totals')
    .iterate() as Iterable<{ depotId: number; scope: string; month: string; productId: number; flow: string; inQty: number; inValueFen: number; outQty: number; outValueFen: number }>;
  const show = (t: { inQty: number; inValueFen: number; outQty: number; outValueFen: number } | undefined) => (t ? `in ${t.inQty}/${t.inValueFen} out ${t.outQty}/${t.outValueFen}` : '(none)');
  for (const r of rows) {
    const key = `${r.depotId}|${r.scope}|${r.month}|${r.productId}|${r.flow}`;
    seen.add(key);
    const e = expected.get(key);
    if (!e || e.inQty !== r.inQty || e.inValueFen !== r.inValueFen || e.outQty !== r.outQty || e.outValueFen !== r.outValueFen) mismatches.push(`${key}: table ${show(r)} vs movements ${show(e)}`);
  }
  for (const [key, e] of expected) if (!seen.has(key)) mismatches.push(`${key}: table (none) vs movements ${show(e)}`);
  return mismatches;
}
