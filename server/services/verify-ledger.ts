import type { Db } from '../../db/client.ts';
import * as v from '../../db/queries/verify.ts';
import { GENESIS_HASH, chainHash, type HashedFields } from '../domain/ledger.ts';

export interface Violation {
  invariant: 'balance_equals_movements' | 'no_negative_balance' | 'balance_after_is_running_sum' | 'hash_chain_intact' | 'transfers_correspond';
  detail: string;
}

/**
 * Checks every ledger invariant on a database and lists each violation: balance = sum of
 * movements (账账相符, S0:404) in quantity and value, no balance below zero, every
 * balance_after the running sum, and every depot's SHA-256 chain unbroken.
 */
export function verifyLedger(db: Db, limit = 50): { violations: Violation[]; movementsChecked: number } {
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
