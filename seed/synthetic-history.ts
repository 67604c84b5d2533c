import type { Db } from '../db/client.ts';
import { bulkLedgerWriter } from '../db/queries/bulk.ts';
import { GENESIS_HASH, chainHash } from '../server/domain/ledger.ts';
import { addDays } from '../server/domain/expiry.ts';
import type { DepotTier, MovementKind, StockLocation } from '../server/schemas/constants.ts';

/**
 * Synthetic stock history at benchmark scale: `movements` rows spread over `years` across
 * every depot of the tree, weighted by tier (the region moves far more than a village), each
 * depot holding a tier-sized set of batches. Balances never go below zero, every
 * balance_after is the running sum and every depot's hash chain is intact, so `verify` passes.
 */

export interface HistoryOptions {
  movements: number;
  years?: number;
  endsAt: Date;
  actorId: number;
  seed?: number;
  onProgress?: (written: number) => void;
}

const TIER_WEIGHT: Record<DepotTier, number> = { region: 200, city: 80, county: 40, township: 8, village: 1 };
const TIER_BATCHES: Record<DepotTier, number> = { region: 60, city: 40, county: 30, township: 10, village: 4 };
const TIER_LOT_SIZE: Record<DepotTier, number> = { region: 5000, city: 1500, county: 600, township: 120, village: 20 };

/** mulberry32: a small deterministic PRNG so that two runs build the same data. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticBatch {
  id: number;
  unitPriceFen: number;
}

export function writeSyntheticHistory(
  db: Db,
  depots: readonly { id: number; tier: DepotTier }[],
  batches: readonly SyntheticBatch[],
  options: HistoryOptions,
): { movements: number; postings: number; balances: number } {
  const rnd = random(options.seed ?? 42);
  const w = bulkLedgerWriter(db);
  const totalWeight = depots.reduce((s, d) => s + TIER_WEIGHT[d.tier], 0);
  const years = options.years ?? 5;
  const startMs = options.endsAt.getTime() - years * 365 * 86_400_000;
  let { posting: postingId, movement: movementId } = w.maxIds();
  let written = 0;
  let postings = 0;
  let balanceRows = 0;
  const CHUNK = 20_000;
  let pending: (() => void)[] = [];
  const flush = () => {
    const jobs = pending;
    pending = [];
    w.inTransaction(() => jobs.forEach((j) => j()));
    options.onProgress?.(written);
  };

  for (const depot of depots) {
    const count = Math.max(2, Math.round((options.movements * TIER_WEIGHT[depot.tier]) / totalWeight));
    const held = Array.from({ length: TIER_BATCHES[depot.tier] }, () => batches[Math.floor(rnd() * batches.length)]);
    const balances = new Map<string, { q: number; v: number; first: string; last: number; batch: SyntheticBatch; location: StockLocation }>();
    let prevHash = GENESIS_HASH;
    const lot = TIER_LOT_SIZE[depot.tier];
    const outKind: MovementKind = depot.tier === 'village' ? 'dispense' : 'transfer_out';
    for (let i = 0; i < count; ) {
      const postedAt = new Date(startMs + ((options.endsAt.getTime() - startMs) * i) / count).toISOString();
      postingId += 1;
      postings += 1;
      const lines = Math.min(count - i, 1 + Math.floor(rnd() * 4));
      const thisPosting = postingId;
      let kindOfPosting: MovementKind = 'receipt';
      const rows: unknown[][] = [];
      for (let l = 0; l < lines; l++, i++) {
        const batch = held[Math.floor(rnd() * held.length)];
        const r = rnd();
        const location: StockLocation = r < 0.9 ? 'qualified' : r < 0.97 ? 'pending' : 'nonconforming';
        const key = `${location}|${batch.id}`;
        const b = balances.get(key);
        const onHand = b?.q ?? 0;
        const take = onHand > 0 && rnd() < 0.55;
        const quantity = take ? -Math.max(1, Math.min(onHand, Math.ceil(rnd() * lot * 0.3))) : Math.ceil(lot * (0.2 + rnd()));
        const kind: MovementKind = take ? outKind : 'receipt';
        if (l === 0) kindOfPosting = kind;
        movementId += 1;
        const balanceAfter = onHand + quantity;
        const fields = {
          id: movementId,
          postingId: thisPosting,
          depotId: depot.id,
          location,
          batchId: batch.id,
          kind,
          quantity,
          unitPriceFen: batch.unitPriceFen,
          balanceAfter,
          actorId: options.actorId,
          postedAt,
        };
        const hash = chainHash(prevHash, fields);
        rows.push([movementId, thisPosting, depot.id, location, batch.id, kind, quantity, batch.unitPriceFen, balanceAfter, options.actorId, postedAt, prevHash, hash]);
        prevHash = hash;
        balances.set(key, { q: balanceAfter, v: (b?.v ?? 0) + quantity * batch.unitPriceFen, first: b?.first ?? postedAt, last: movementId, batch, location });
        written += 1;
      }
      const kind = kindOfPosting;
      pending.push(() => {
        w.insertPosting(thisPosting, kind, thisPosting, options.actorId, rows[0][10] as string);
        for (const row of rows) w.insertMovement(row);
      });
      if (pending.length >= CHUNK / 2.5) flush();
    }
    const finals = [...balances.values()];
    balanceRows += finals.length;
    pending.push(() => {
      for (const b of finals) w.upsertBalance([depot.id, b.location, b.batch.id, b.q, b.v, b.first, b.last]);
    });
  }
  flush();
  return { movements: written, postings, balances: balanceRows };
}

/** Lots for the catalogue over five years: about one lot a month per product, expiries 2-5 years out. */
export function syntheticLots(products: readonly { id: number; code: string; unitPriceFen: number }[], endsAt: Date, years = 5) {
  const rnd = random(7);
  const lots: { productId: number; lot: string; expiresOn: string; producedOn: string; unitPriceFen: number }[] = [];
  const end = endsAt.toISOString().slice(0, 10);
  for (const p of products) {
    for (let m = 0; m < years * 12; m++) {
      const producedOn = addDays(end, -(years * 365) + m * 30);
      lots.push({
        productId: p.id,
        lot: `${producedOn.replaceAll('-', '').slice(0, 6)}${String(m).padStart(2, '0')}`,
        producedOn,
        expiresOn: addDays(producedOn, 730 + Math.floor(rnd() * 1095)),
        unitPriceFen: p.unitPriceFen,
      });
    }
  }
  return lots;
}
