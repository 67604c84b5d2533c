import { useEffect } from 'preact/hooks';
import type { StockCount } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { formatByUnit, formatDateTime, formatQuantity, formatYuan, productSpec, unitName } from '../../components/format.ts';
import { productList } from '../stock/stock-state.ts';
import { t } from './i18n.ts';
import { localDate, lineName, lineUnit, signedQuantity, signedYuan, unitFigures, unitVariance, unitVarianceValue } from './count-format.ts';

/** Empty rows at the foot of the blank sheet, for batches found that the books do not have. */
const FOUND_ROWS = 4;
const BLANK = '________________';

/**
 * 盘点表 (S0:415): the count sheet as it is filed, A4 landscape, lines by zone with the book
 * quantity, the count, the variance and its value at the batch's price, the totals, and the
 * storekeeper's and the leader's signatures. `blank` is the paper sheet of a blind count in
 * progress: no book figures, the counted column left empty to be filled in by hand.
 */
export function CountSheetScreen({ count, blank }: { count: StockCount; blank: boolean }) {
  useEffect(() => {
    void productList.load(undefined);
  }, []);
  const products = productList.state.value.data?.items ?? [];
  const spec = (productId: number) => {
    const p = products.find((x) => x.id === productId);
    return p ? productSpec(p) : '';
  };
  // A blind count shows its book figures to nobody while counting: then only the blank sheet.
  const empty = blank || count.expectedHidden;
  const s = count.totals;
  const { submitted, approved } = count.signatures;
  // One zone counted: it is in the heading, not on every line.
  const zoneColumn = count.zones.length > 1;
  const zones = count.zones.map((z) => t(`zone.${z}`)).join(lang.value === 'en' ? ', ' : '、');
  return (
    <section class="count-sheet-screen" data-testid="count-sheet-screen" data-blank={String(empty)} data-ready={String(products.length > 0)}>
      <div class="toolbar no-print">
        <a class="button" href={paths.count(count.id)} data-testid="count-sheet-back">
          ‹ {t('count.countNumber')} {count.number}
        </a>
        <button type="button" class="button primary" data-testid="count-sheet-print" onClick={() => window.print()}>
          {t('button.print')}
        </button>
        {empty && <span class="hint">{t('count.blankSheetHint')}</span>}
      </div>
      <article class="record-sheet count-sheet" data-testid="count-sheet">
        <h1 class="record-title">{t(empty ? 'count.blankSheetTitle' : 'count.sheetTitle')}</h1>
        <p class="record-head" data-testid="count-sheet-head">
          <span>
            {t('count.headUnit')} {count.depot.name}
          </span>
          <span>
            {t('count.headNumber')} {count.number}
          </span>
          <span>
            {t('count.headDate')} {count.signatures.started ? localDate(count.signatures.started.at) : ''}
            {submitted && localDate(submitted.at) !== localDate(count.signatures.started?.at ?? '') && ` – ${localDate(submitted.at)}`}
          </span>
          <span>
            {t('count.headZones')} {zones}
          </span>
          {count.blind && <span>{t('count.blind')}</span>}
          {count.status !== 'posted' && <span>{t(`countStatus.${count.status}`)}</span>}
        </p>
        <div class="table-wrap">
          <table class="data record-table count-sheet-table" data-testid="count-sheet-table">
            <thead>
              <tr>
                <th>{t('count.seq')}</th>
                {zoneColumn && <th>{t('label.zone')}</th>}
                <th>{t('count.productName')}</th>
                <th>{t('label.spec')}</th>
                <th>{t('label.lot')}</th>
                <th>{t('label.expiresOn')}</th>
                <th>{t('count.unitOfMeasure')}</th>
                {!empty && <th>{t('count.book')}</th>}
                <th>{t('count.counted')}</th>
                {!empty && <th>{t('count.variance')}</th>}
                {!empty && <th>{t('label.unitPrice')}</th>}
                {!empty && <th>{t('count.varianceValueYuan')}</th>}
                {empty && <th>{t('label.note')}</th>}
              </tr>
            </thead>
            <tbody>
              {count.lines.map((l, i) => (
                <tr key={l.id} data-testid="count-sheet-line" data-lot={l.lot}>
                  <td class="num">{i + 1}</td>
                  {zoneColumn && <td class="nowrap">{t(`zone.${l.zone}`)}</td>}
                  <td class="count-product">{lineName(l)}</td>
                  <td class="count-spec">{spec(l.productId)}</td>
                  <td class="nowrap">{l.lot}</td>
                  <td class="nowrap">{l.expiresOn}</td>
                  <td class="center">{lineUnit(l)}</td>
                  {!empty && <td class="num">{formatQuantity(l.expected!)}</td>}
                  <td class="num count-write">{empty || l.counted === null ? '' : formatQuantity(l.counted)}</td>
                  {!empty && <td class="num">{l.variance === null ? '' : signedQuantity(l.variance)}</td>}
                  {!empty && <td class="num">{formatYuan(l.unitPriceFen)}</td>}
                  {!empty && <td class="num">{l.varianceValueFen === null ? '' : signedYuan(l.varianceValueFen)}</td>}
                  {empty && <td class="count-write" />}
                </tr>
              ))}
              {empty &&
                Array.from({ length: FOUND_ROWS }, (_, i) => (
                  <tr key={`found-${i}`} class="count-found-row">
                    <td class="num">{count.lines.length + i + 1}</td>
                    {zoneColumn && <td />}
                    <td />
                    <td />
                    <td />
                    <td />
                    <td />
                    <td class="count-write" />
                    <td class="count-write" />
                  </tr>
                ))}
            </tbody>
            {!empty && s.byUnit.length > 0 && (
              <tfoot>
                {/* One total per unit in the unit column: 板 and 盒 are never added up. */}
                {s.byUnit.map((u) => (
                  <tr key={u.unitZh} data-testid="count-sheet-total" data-unit={u.unitZh}>
                    <td colSpan={zoneColumn ? 6 : 5}>{t('label.total')}</td>
                    <td class="center">{unitName(u)}</td>
                    <td class="num" data-testid="count-sheet-book">
                      {formatQuantity(u.expected ?? 0)}
                    </td>
                    <td class="num" data-testid="count-sheet-counted">
                      {formatQuantity(u.counted)}
                    </td>
                    <td class="num">{signedQuantity(unitVariance(u))}</td>
                    <td />
                    <td class="num" data-testid={s.byUnit.length === 1 ? 'count-sheet-net' : 'count-sheet-unit-value'}>
                      {signedYuan(unitVarianceValue(u))}
                    </td>
                  </tr>
                ))}
                {s.byUnit.length > 1 && (
                  <tr data-testid="count-sheet-total-value">
                    <td colSpan={zoneColumn ? 11 : 10}>{t('count.totalValue')}</td>
                    <td class="num" data-testid="count-sheet-net">
                      {signedYuan(s.netValueFen)}
                    </td>
                  </tr>
                )}
              </tfoot>
            )}
          </table>
        </div>
        {empty ? (
          <p class="record-summary">{t('count.blankSheetNote', { lines: count.lines.length })}</p>
        ) : (
          <p class="record-summary" data-testid="count-sheet-summary">
            {t('count.sheetSummary', {
              counted: s.countedLines,
              lines: s.lines,
              over: formatByUnit(unitFigures(s.byUnit, 'over')),
              overValue: formatYuan(s.overValueFen ?? 0),
              short: formatByUnit(unitFigures(s.byUnit, 'short')),
              shortValue: formatYuan(s.shortValueFen ?? 0),
              net: signedYuan(s.netValueFen),
            })}
            {count.status === 'posted' && ` ${count.postingId === null ? t('count.leaderApprovedNothing') : t('count.leaderApproved', { posting: count.postingId })}`}
          </p>
        )}
        <table class="record-signatures" data-testid="count-sheet-signatures">
          <tbody>
            {empty ? (
              <tr>
                <td>
                  {t('count.signCounter')}: {BLANK}
                </td>
                <td>
                  {t('count.signKeeper')}: {BLANK}
                </td>
                <td>
                  {t('count.signDate')}: {BLANK}
                </td>
              </tr>
            ) : (
              <tr>
                <td data-testid="count-sheet-keeper">
                  {t('count.signKeeper')}: {submitted ? `${submitted.name} ${formatDateTime(submitted.at)}` : BLANK}
                </td>
                <td data-testid="count-sheet-leader">
                  {t('count.signLeader')}: {approved ? `${approved.name} ${formatDateTime(approved.at)}` : BLANK}
                </td>
              </tr>
            )}
          </tbody>
        </table>
        <p class="print-only print-footer">{t('label.printedAt', { time: formatDateTime(new Date().toISOString()) })}</p>
      </article>
    </section>
  );
}
