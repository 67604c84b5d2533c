import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type StockRow } from '../../api.ts';
import { STORAGE_ZONES, type StockLocation, type StorageZone } from '../../../../server/schemas/constants.ts';
import { t } from '../../i18n/index.ts';
import { ExpiryDate } from '../../components/ExpiryDate.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ZoneBadge } from '../../components/ZoneBadge.tsx';
import { formatQuantity, productName, productSpec, productUnit } from '../../components/format.ts';
import { copiesOf, type SheetItem } from './label-sheet.ts';
import { CopiesInput, SheetBar } from './SheetBar.tsx';

/** The most batches the tab lists: one page of the stock query at its largest. */
const STOCK_ROWS = 500;

/** A batch on hand, whichever zones it lies in: one label names the batch, not the zone. */
interface BatchOnHand {
  row: StockRow;
  zones: StockLocation[];
  quantity: number;
}

function batchesOnHand(rows: readonly StockRow[]): BatchOnHand[] {
  const byBatch = new Map<number, BatchOnHand>();
  for (const row of rows) {
    const known = byBatch.get(row.batchId);
    if (known) {
      known.zones.push(row.location);
      known.quantity += row.quantity;
    } else {
      byBatch.set(row.batchId, { row, zones: [row.location], quantity: row.quantity });
    }
  }
  return [...byBatch.values()];
}

const matches = (b: BatchOnHand, needle: string) =>
  [b.row.lot, b.row.product.code, b.row.product.nameZh, b.row.product.nameEn].some((text) => text.toLowerCase().includes(needle));

/** A depot's labels: its three zone signs, and batch labels for the stock on hand, on one sheet. */
export function LabelsScreen({ depotId }: { depotId: number }) {
  const [zoneCopies, setZoneCopies] = useState<Partial<Record<StorageZone, string>>>({});
  const [batchCopies, setBatchCopies] = useState<Record<number, string>>({});
  const [stock, setStock] = useState<{ batches: BatchOnHand[]; total: number } | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [filter, setFilter] = useState('');

  useEffect(() => {
    setStock(null);
    setProblem(null);
    setZoneCopies({});
    setBatchCopies({});
    api.stock({ depotId, pageSize: STOCK_ROWS }).then(
      (page) => setStock({ batches: batchesOnHand(page.items), total: page.total }),
      (e) => setProblem(toProblem(e)),
    );
  }, [depotId]);

  const items: SheetItem[] = [
    ...STORAGE_ZONES.map((zone): SheetItem => ({ ref: { kind: 'zone', depotId, zone }, copies: copiesOf(zoneCopies[zone] ?? '') })),
    ...(stock?.batches ?? []).map((b): SheetItem => ({ ref: { kind: 'batch', batchId: b.row.batchId, depotId }, copies: copiesOf(batchCopies[b.row.batchId] ?? '') })),
  ];
  const needle = filter.trim().toLowerCase();
  const shown = (stock?.batches ?? []).filter((b) => !needle || matches(b, needle));

  return (
    <section class="screen labels-screen" data-testid="labels-screen" data-state={stock ? 'ready' : problem ? 'error' : 'loading'}>
      <section class="panel">
        <h2>{t('label.zoneLabels')}</h2>
        <p class="muted">{t('label.zoneLabelsHint')}</p>
        <div class="zone-labels">
          {STORAGE_ZONES.map((zone) => (
            <figure key={zone} class="zone-label" data-testid={`zone-label-${zone}`}>
              <img class="label-preview" src={api.zoneLabelUrl(depotId, zone, '100x50')} alt={t('label.zoneLabelOf', { zone: t(`zone.${zone}`) })} data-testid={`zone-preview-${zone}`} />
              <figcaption>
                <ZoneBadge zone={zone} />
                <label class="copies-field">
                  {t('label.copies')}
                  <CopiesInput testid={`zone-copies-${zone}`} value={zoneCopies[zone] ?? ''} onInput={(value) => setZoneCopies({ ...zoneCopies, [zone]: value })} />
                </label>
              </figcaption>
            </figure>
          ))}
        </div>
      </section>

      <section class="panel">
        <h2>{t('label.batchLabels')}</h2>
        <div class="toolbar">
          <label class="field inline grow">
            <span>{t('label.findBatch')}</span>
            <input type="search" data-testid="batch-filter" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
          </label>
        </div>
        <ProblemMessage problem={problem} />
        {!stock && !problem && <p class="note">{t('label.loading')}</p>}
        {stock && (
          <div class="table-wrap">
            <table class="data" data-testid="label-batches">
              <thead>
                <tr>
                  <th>{t('label.product')}</th>
                  <th>{t('label.spec')}</th>
                  <th>{t('label.lot')}</th>
                  <th>{t('label.expiresOn')}</th>
                  <th>{t('label.zone')}</th>
                  <th class="num">{t('label.quantity')}</th>
                  <th class="num">{t('label.copies')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.length === 0 && (
                  <tr>
                    <td colSpan={7} class="empty" data-testid="label-batches-empty">
                      {t('label.empty')}
                    </td>
                  </tr>
                )}
                {shown.map(({ row, zones, quantity }) => (
                  <tr key={row.batchId} data-testid="label-batch" data-batch-id={row.batchId} data-lot={row.lot}>
                    <td>
                      <span class="cell-title">{productName(row.product)}</span>
                      <span class="muted code">{row.product.code}</span>
                    </td>
                    <td>{productSpec(row.product)}</td>
                    <td class="code nowrap">{row.lot}</td>
                    <td>
                      <ExpiryDate date={row.expiresOn} status={row.expiryStatus} />
                    </td>
                    <td>
                      {zones.map((zone) => (
                        <ZoneBadge key={zone} zone={zone} />
                      ))}
                    </td>
                    <td class="num">
                      {formatQuantity(quantity)} <span class="unit">{productUnit(row.product)}</span>
                    </td>
                    <td class="num">
                      <CopiesInput
                        testid="batch-copies"
                        label={t('label.copiesOf', { lot: row.lot })}
                        value={batchCopies[row.batchId] ?? ''}
                        onInput={(value) => setBatchCopies({ ...batchCopies, [row.batchId]: value })}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {stock && stock.total > STOCK_ROWS && <p class="note">{t('label.firstBatchesOnly', { shown: STOCK_ROWS, total: stock.total })}</p>}
      </section>

      <SheetBar items={items} class="sticky" />
    </section>
  );
}
