import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { ApiProblem, toProblem, type BatchWithProduct, type StockRow } from '../../api.ts';
import { normaliseGtin, parseScan, ScanError } from '../../../../labels/gs1.ts';
import { ProblemMessage, problemText } from '../../components/ProblemMessage.tsx';
import { ExpiryDate } from '../../components/ExpiryDate.tsx';
import { formatQuantity } from '../../components/format.ts';
import { ScanField, useScanStatus } from '../receiving/ScanField.tsx';
import { t } from './i18n.ts';
import { nameOf } from './labels.tsx';

export interface PickedLot {
  batchId: number;
  lot: string;
  expiresOn: string;
  productCode: string;
  productNameZh: string;
  productNameEn: string;
}

const fromBatch = (b: BatchWithProduct): PickedLot => ({ batchId: b.id, lot: b.lot, expiresOn: b.expiresOn, productCode: b.product.code, productNameZh: b.product.nameZh, productNameEn: b.product.nameEn });

/** The batch a scan names: a batch label FP1:B:<id>, or a GS1 string with GTIN and lot. */
async function identify(raw: string): Promise<PickedLot> {
  let scan;
  try {
    scan = parseScan(raw);
  } catch (e) {
    throw new ApiProblem(e instanceof ScanError ? e.code : 'invalid_barcode', 0, raw);
  }
  if (scan.kind === 'batch') return fromBatch(await api.batch(scan.batchId));
  if (scan.kind !== 'gs1') throw new ApiProblem('invalid_barcode', 0, raw);
  if (!scan.gtin) throw new ApiProblem('gtin_missing', 0, raw);
  if (!scan.lot) throw new ApiProblem('lot_missing', 0, raw);
  const gtin = normaliseGtin(scan.gtin);
  const product = (await api.products()).items.find((p) => p.gtin !== null && normaliseGtin(p.gtin) === gtin);
  if (!product) throw new ApiProblem('unknown_gtin', 0, raw);
  const found = (await api.batches({ productId: product.id, q: scan.lot })).items.find((b) => b.lot === scan.lot);
  if (!found) throw new ApiProblem('batch_not_found', 0, raw);
  return { batchId: found.id, lot: found.lot, expiresOn: found.expiresOn, productCode: product.code, productNameZh: product.nameZh, productNameEn: product.nameEn };
}

/** One row per lot of the depot's subtree stock, with the quantity over all zones and depots. */
function lotsOf(rows: readonly StockRow[]) {
  const lots = new Map<number, { row: StockRow; quantity: number }>();
  for (const r of rows) {
    const lot = lots.get(r.batchId);
    if (lot) lot.quantity += r.quantity;
    else lots.set(r.batchId, { row: r, quantity: r.quantity });
  }
  return [...lots.values()];
}

const SHOWN = 8;

/**
 * Chooses a lot by scanning (keyboard-wedge or camera, ScanField) or by searching the stock of
 * the depot and the depots below.
 */
export function BatchPicker({ depotId, picked, onPick }: { depotId: number; picked: PickedLot | null; onPick: (lot: PickedLot | null) => void }) {
  const [rows, setRows] = useState<StockRow[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [search, setSearch] = useState('');
  const [status, say] = useScanStatus();
  useEffect(() => {
    api.stock({ depotId, scope: 'subtree', pageSize: 500 }).then(
      (p) => setRows(p.items),
      (e) => setProblem(toProblem(e)),
    );
  }, [depotId]);

  async function onScan(raw: string) {
    try {
      const lot = await identify(raw);
      say('ok', t('pick.scanned', { lot: lot.lot }));
      onPick(lot);
    } catch (e) {
      say('error', problemText(toProblem(e)));
    }
  }

  if (picked)
    return (
      <p class="picked-lot" data-testid="picked-lot" data-batch={picked.batchId} data-lot={picked.lot}>
        <span class="muted">{t('pick.chosen')}</span> <strong>{nameOf(picked)}</strong> <span class="muted code">{picked.productCode}</span> · {t('label.lot')} <strong class="code">{picked.lot}</strong> ·{' '}
        {t('label.expiresOn')} {picked.expiresOn}{' '}
        <button type="button" class="button small" data-testid="pick-change" onClick={() => onPick(null)}>
          {t('pick.change')}
        </button>
      </p>
    );

  const needle = search.trim().toLowerCase();
  const matches = lotsOf(rows ?? []).filter(({ row }) => !needle || [row.lot, row.product.code, row.product.nameZh, row.product.nameEn].some((s) => s.toLowerCase().includes(needle)));
  return (
    <div class="batch-picker" data-testid="batch-picker">
      <p class="hint">{t('pick.scanOrSearch')}</p>
      <div class="scan-bar">
        <ScanField onScan={(raw) => void onScan(raw)} status={status} messageTestId="pick-scan-message" />
      </div>
      <label class="field">
        <span>{t('pick.search')}</span>
        <input type="search" data-testid="pick-search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      </label>
      <ProblemMessage problem={problem} />
      {rows && (
        <div class="table-wrap pick-list">
          <table class="data">
            <thead>
              <tr>
                <th>{t('label.product')}</th>
                <th>{t('label.lot')}</th>
                <th>{t('label.expiresOn')}</th>
                <th class="num">{t('label.quantity')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {matches.slice(0, SHOWN).map(({ row, quantity }) => (
                <tr key={row.batchId} data-testid="pick-row" data-lot={row.lot} data-batch={row.batchId}>
                  <td>
                    {nameOf({ productNameZh: row.product.nameZh, productNameEn: row.product.nameEn })} <span class="muted code">{row.product.code}</span>
                  </td>
                  <td class="code">{row.lot}</td>
                  <td>
                    <ExpiryDate date={row.expiresOn} status={row.expiryStatus} />
                  </td>
                  <td class="num">{formatQuantity(quantity)}</td>
                  <td class="num">
                    <button
                      type="button"
                      class="button small"
                      data-testid="pick-choose"
                      onClick={() => onPick({ batchId: row.batchId, lot: row.lot, expiresOn: row.expiresOn, productCode: row.product.code, productNameZh: row.product.nameZh, productNameEn: row.product.nameEn })}
                    >
                      {t('pick.choose')}
                    </button>
                  </td>
                </tr>
              ))}
              {matches.length === 0 && (
                <tr>
                  <td colSpan={5} class="empty">
                    {t('pick.noMatch')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      {matches.length > SHOWN && <p class="hint">{t('label.firstBatchesOnly', { shown: SHOWN, total: matches.length })}</p>}
    </div>
  );
}
