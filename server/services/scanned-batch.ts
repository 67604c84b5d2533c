import type { DbOrTx } from '../../db/client.ts';
import { findBatch, findBatchByLot, findProductByGtin } from '../../db/queries/catalogue.ts';
import { parseScan, ScanError } from '../../labels/gs1.ts';
import { DomainError } from '../domain/errors.ts';

/**
 * The batch a scan names, for picking and dispensing, where the batch must already exist: a
 * GS1 string with GTIN and lot (AI 01 + 10), or the project's batch label (FP1:B:<id>).
 * Typed entry gives the batch id instead. A GTIN without its lot is refused (lot_missing).
 */
export function findScannedBatch(db: DbOrTx, input: { raw?: string; batchId?: number }) {
  if (input.raw === undefined) {
    const batch = input.batchId === undefined ? undefined : findBatch(db, input.batchId);
    if (!batch) throw new DomainError('batch_not_found', `No batch ${input.batchId ?? ''}`.trim());
    return { batch, count: undefined };
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
    return { batch, count: undefined };
  }
  if (scan.kind !== 'gs1') throw new DomainError('invalid_barcode', 'This label is not a product or batch label');
  if (!scan.gtin) throw new DomainError('gtin_missing', 'Scan the barcode that carries the GTIN (01) and the lot (10)');
  const product = findProductByGtin(db, scan.gtin);
  if (!product) throw new DomainError('unknown_gtin', `No product has GTIN ${scan.gtin}`, { gtin: scan.gtin });
  if (!scan.lot) throw new DomainError('lot_missing', 'This barcode has no lot (10): scan the one that has');
  const batch = findBatchByLot(db, product.id, scan.lot);
  if (!batch) throw new DomainError('batch_not_found', `Lot ${scan.lot} of ${product.code} is not known here`, { lot: scan.lot });
  return { batch, count: scan.count };
}
