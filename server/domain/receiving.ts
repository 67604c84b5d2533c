import type { Scan } from '../../labels/gs1.ts';
import { DomainError } from './errors.ts';

/**
 * Receiving by scan (S0:356: product, quantity and lot checked on arrival). A carton often
 * carries its GTIN and its lot/expiry on two barcodes: the first half waits in the receipt's
 * pending carton until the other arrives, and the two make one line. A scan never erases what
 * is known: a lot scanned without expiry keeps its batch's expiry.
 */
export type PendingCarton = { productId: number } | { lot: string; expiresOn?: string };

export interface ScanInput {
  /** What the scanner sent, parsed by labels/gs1.ts; absent for manual entry. */
  scan?: Scan;
  /** Manual entry or overrides typed by the storekeeper. */
  productId?: number;
  lot?: string;
  expiresOn?: string;
  quantity?: number;
  /** A batch chosen by hand (on a transfer receipt: one of the shipped lots). */
  batchId?: number;
}

export interface KnownBatch {
  id: number;
  productId: number;
  lot: string;
  expiresOn: string;
}

export interface ScanLookups {
  /** The catalogue's product of a GTIN. */
  productOfGtin: (gtin: string) => number | undefined;
  /** A batch by id, for our own batch labels (FP1:B:<id>) and batches chosen by hand. */
  batch: (id: number) => KnownBatch | undefined;
}

export type ScanOutcome =
  | { kind: 'awaiting'; carton: PendingCarton }
  | { kind: 'line'; productId: number; lot: string; expiresOn?: string; producedOn?: string; quantity: number; batchId?: number };

/**
 * A zone or document label where goods are expected: the storekeeper picked up the wrong
 * label, which deserves its own answer rather than "unreadable".
 */
export function assertBatchOrProductLabel(scan: Scan): asserts scan is Extract<Scan, { kind: 'gs1' | 'batch' }> {
  if (scan.kind === 'zone' || scan.kind === 'document') {
    throw new DomainError('not_a_batch_label', `This is a ${scan.kind} label, not the label of a batch: scan the goods`, { kind: scan.kind });
  }
}

/**
 * Decides what one scan adds. Our own batch label (FP1:B:<id>) and a batch chosen by hand name
 * the batch: product, lot and expiry come from it. Goods without a GTIN travel on these labels
 * from the tier that first received them.
 *
 * Example: a GTIN-only scan of 06901234567892 leaves the carton waiting for its lot
 * ({productId: 1}); then "]d21727053110SPLIT1" gives one line: product 1, lot SPLIT1,
 * expiry 2027-05-31, quantity 1. "FP1:B:7" gives one line of batch 7, quantity 1.
 */
export function resolveScan(carton: PendingCarton | null, input: ScanInput, lookups: ScanLookups): ScanOutcome {
  const scan = input.scan;
  if (scan) assertBatchOrProductLabel(scan);
  const batchId = scan?.kind === 'batch' ? scan.batchId : input.batchId;
  if (batchId !== undefined) {
    const batch = lookups.batch(batchId);
    if (!batch) throw new DomainError('batch_not_found', `No batch ${batchId}`, { batchId });
    return { kind: 'line', productId: batch.productId, lot: batch.lot, expiresOn: batch.expiresOn, quantity: input.quantity ?? 1, batchId: batch.id };
  }
  const gs1 = scan?.kind === 'gs1' ? scan : undefined;
  let productId = input.productId;
  if (gs1?.gtin) {
    productId = lookups.productOfGtin(gs1.gtin);
    if (productId === undefined) throw new DomainError('unknown_gtin', `No product has GTIN ${gs1.gtin}`, { gtin: gs1.gtin });
  }
  const lot = input.lot ?? gs1?.lot;
  const expiresOn = input.expiresOn ?? gs1?.expiry;
  const quantity = input.quantity ?? gs1?.count ?? 1;

  if (productId !== undefined && lot === undefined) {
    if (carton && 'lot' in carton) return { kind: 'line', productId, lot: carton.lot, expiresOn: expiresOn ?? carton.expiresOn, quantity };
    return { kind: 'awaiting', carton: { productId } };
  }
  if (productId === undefined && lot !== undefined) {
    if (carton && 'productId' in carton) return { kind: 'line', productId: carton.productId, lot, expiresOn, producedOn: gs1?.production, quantity };
    if (!gs1) throw new DomainError('gtin_missing', 'Choose the product or scan its GTIN');
    return { kind: 'awaiting', carton: { lot, expiresOn } };
  }
  if (productId === undefined || lot === undefined) throw new DomainError('gtin_missing', 'The scan carries neither a product nor a lot');
  return { kind: 'line', productId, lot, expiresOn, producedOn: gs1?.production, quantity };
}

export interface ExpectedLine {
  productId: number;
  lot: string | null;
  quantity: number;
}

export interface CountedLine {
  productId: number;
  lot: string;
  quantity: number;
}

export type MatchStatus = 'matched' | 'short' | 'over' | 'unexpected' | 'missing';

/**
 * Counted against expected, per product and lot (an expected line without a lot matches any
 * lot of its product). Example: expected 100 of lot A; counted 80 of A and 5 of B gives
 * A short (80/100) and B unexpected (5/0).
 */
export function compareWithExpected(expected: readonly ExpectedLine[], counted: readonly CountedLine[]) {
  const rows: { productId: number; lot: string | null; expected: number; counted: number; status: MatchStatus }[] = [];
  const used = new Set<number>();
  for (const e of expected) {
    const matching = counted.map((c, i) => ({ c, i })).filter(({ c, i }) => !used.has(i) && c.productId === e.productId && (e.lot === null || c.lot === e.lot));
    matching.forEach(({ i }) => used.add(i));
    const n = matching.reduce((s, { c }) => s + c.quantity, 0);
    rows.push({ productId: e.productId, lot: e.lot, expected: e.quantity, counted: n, status: n === 0 ? 'missing' : n === e.quantity ? 'matched' : n < e.quantity ? 'short' : 'over' });
  }
  counted.forEach((c, i) => {
    if (!used.has(i)) rows.push({ productId: c.productId, lot: c.lot, expected: 0, counted: c.quantity, status: 'unexpected' });
  });
  return rows;
}
