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
}

export type ScanOutcome =
  | { kind: 'awaiting'; carton: PendingCarton }
  | { kind: 'line'; productId: number; lot: string; expiresOn?: string; producedOn?: string; quantity: number };

/**
 * Decides what one scan adds. `productOfGtin` looks a GTIN up in the catalogue.
 *
 * Example: a GTIN-only scan of 06901234567892 leaves the carton waiting for its lot
 * ({productId: 1}); then "]d21727053110SPLIT1" gives one line: product 1, lot SPLIT1,
 * expiry 2027-05-31, quantity 1.
 */
export function resolveScan(carton: PendingCarton | null, input: ScanInput, productOfGtin: (gtin: string) => number | undefined): ScanOutcome {
  const scan = input.scan;
  if (scan && scan.kind !== 'gs1') throw new DomainError('invalid_barcode', 'This label is not a product label');
  let productId = input.productId;
  if (scan?.gtin) {
    productId = productOfGtin(scan.gtin);
    if (productId === undefined) throw new DomainError('unknown_gtin', `No product has GTIN ${scan.gtin}`, { gtin: scan.gtin });
  }
  const lot = input.lot ?? scan?.lot;
  const expiresOn = input.expiresOn ?? scan?.expiry;
  const quantity = input.quantity ?? scan?.count ?? 1;

  if (productId !== undefined && lot === undefined) {
    if (carton && 'lot' in carton) return { kind: 'line', productId, lot: carton.lot, expiresOn: expiresOn ?? carton.expiresOn, quantity };
    return { kind: 'awaiting', carton: { productId } };
  }
  if (productId === undefined && lot !== undefined) {
    if (carton && 'productId' in carton) return { kind: 'line', productId: carton.productId, lot, expiresOn, producedOn: scan?.production, quantity };
    if (!scan) throw new DomainError('gtin_missing', 'Choose the product or scan its GTIN');
    return { kind: 'awaiting', carton: { lot, expiresOn } };
  }
  if (productId === undefined || lot === undefined) throw new DomainError('gtin_missing', 'The scan carries neither a product nor a lot');
  return { kind: 'line', productId, lot, expiresOn, producedOn: scan?.production, quantity };
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
