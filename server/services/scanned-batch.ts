import type { DbOrTx } from '../../db/client.ts';
import { findBatch, findBatchByLot, findProductByGtin } from '../../db/queries/catalogue.ts';
import { parseScan, ScanError } from '../../labels/gs1.ts';
import { DomainError } from '../domain/errors.ts';
import { assertBatchOrProductLabel } from '../domain/receiving.ts';
import type { EntryKind } from '../../db/schema/receipts.ts';

/**
 * The batch a scan names, for picking, counting, dispensing and zone moves, where the batch
 * must already exist: a GS1 string with GTIN and lot (AI 01 + 10), or the project's batch label
 * (FP1:B:<id>), which goods without a GTIN carry from the tier that first received them.
 * Typed entry gives the batch id instead. A GTIN without its lot is refused (lot_missing), a
 * zone or document label too (not_a_batch_label). `entry` says which of the two it was.
 */
export function findScannedBatch(db: DbOrTx, input: { raw?: string; batchId?: number }) {
  if (input.raw === undefined) {
    const batch = input.batchId === undefined ? undefined : findBatch(db, input.batchId);
    if (!batch) throw new DomainError('batch_not_found', `No batch ${input.batchId ?? ''}`.trim());
    return { batch, count: undefined, entry: 'typed' as EntryKind };
  }
  let scan;
  try {
    scan = parseScan(input.raw);
  } catch (e) {
    if (e instanceof ScanError) throw new DomainError(e.code, e.detail, { raw: input.raw });
    throw e;
  }
  if (scan.kind === 'batch') {
    const batch = findBatch(db, scan.batchId);
    if (!batch) throw new DomainError('batch_not_found', `No batch ${scan.batchId}`);
    return { batch, count: undefined, entry: 'scanned' as EntryKind };
  }
  assertBatchOrProductLabel(scan);
  if (!scan.gtin) throw new DomainError('gtin_missing', 'Scan the barcode that carries the GTIN (01) and the lot (10)');
  const product = findProductByGtin(db, scan.gtin);
  if (!product) throw new DomainError('unknown_gtin', `No product has GTIN ${scan.gtin}`, { gtin: scan.gtin });
  if (!scan.lot) throw new DomainError('lot_missing', 'This barcode has no lot (10): scan the one that has');
  const batch = findBatchByLot(db, product.id, scan.lot);
  if (!batch) throw new DomainError('batch_not_found', `Lot ${scan.lot} of ${product.code} is not known here`, { lot: scan.lot });
  return { batch, count: scan.count, entry: 'scanned' as EntryKind };
}
