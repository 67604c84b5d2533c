import * as api from '../api.ts';
import { ApiProblem, type BatchWithProduct } from '../api.ts';
import { normaliseGtin, parseScan, ScanError } from '../../../labels/gs1.ts';

/**
 * The lot a scan names, read in the browser to show what is about to be dispensed or reported:
 * our batch label FP1:B:<id>, which goods without a GTIN carry, or a GS1 string with GTIN and lot.
 * A zone or document label is refused (not_a_batch_label). The server reads the same scan again
 * when the dispensing or the report is sent; a label it does not know answers its own problem
 * (404 batch_not_found), shown as it is.
 */
export async function scannedLot(raw: string): Promise<BatchWithProduct> {
  let scan;
  try {
    scan = parseScan(raw);
  } catch (e) {
    throw new ApiProblem(e instanceof ScanError ? e.code : 'invalid_barcode', 0, raw);
  }
  if (scan.kind === 'batch') return api.batch(scan.batchId);
  if (scan.kind !== 'gs1') throw new ApiProblem('not_a_batch_label', 0, raw);
  if (!scan.gtin) throw new ApiProblem('gtin_missing', 0, raw);
  if (!scan.lot) throw new ApiProblem('lot_missing', 0, raw);
  const gtin = normaliseGtin(scan.gtin);
  const product = (await api.products()).items.find((p) => p.gtin !== null && normaliseGtin(p.gtin) === gtin);
  if (!product) throw new ApiProblem('unknown_gtin', 0, raw);
  const found = (await api.batches({ productId: product.id, q: scan.lot })).items.find((b) => b.lot === scan.lot);
  if (!found) throw new ApiProblem('batch_not_found', 0, raw);
  return found;
}
