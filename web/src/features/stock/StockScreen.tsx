import { useEffect } from 'preact/hooks';
import { STOCK_LOCATIONS, type StockLocation } from '../../../../server/schemas/constants.ts';
import type { StockQuery, StockRow } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { navigate, paths, withQuery, type QueryValues } from '../../router.ts';
import { ExpiryDate } from '../../components/ExpiryDate.tsx';
import { Pager } from '../../components/Pager.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ZoneBadge } from '../../components/ZoneBadge.tsx';
import { UnitQuantities } from '../../components/UnitQuantities.tsx';
import { formatQuantity, formatYuan, productName, productSpec, productUnit } from '../../components/format.ts';
import { PAGE_SIZE, productList, stockPage } from './stock-state.ts';
import { ZoneMovePanel } from './ZoneMovePanel.tsx';
import { AwaitingTag } from './AwaitingTag.tsx';
import { StockControlsBar } from './StockControlsBar.tsx';
import { atOwnDepot, hasRole } from '../auth/session.ts';
import './stock.css';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const positive = (text: string | null) => (text && /^[1-9]\d*$/.test(text) ? Number(text) : undefined);

/** The stock query from the hash (`?scope=subtree&product=3&zone=pending&before=2027-06-30&page=2`). */
export function stockQueryOf(depotId: number, query: URLSearchParams): StockQuery {
  const zone = query.get('zone');
  const before = query.get('before');
  return {
    depotId,
    scope: query.get('scope') === 'subtree' ? 'subtree' : 'depot',
    productId: positive(query.get('product')),
    zone: STOCK_LOCATIONS.includes(zone as StockLocation) ? (zone as StockLocation) : undefined,
    expiringBefore: before && ISO_DATE.test(before) ? before : undefined,
    page: positive(query.get('page')) ?? 1,
    pageSize: PAGE_SIZE,
  };
}

export function StockScreen({ depotId, query }: { depotId: number; query: URLSearchParams }) {
  const params = stockQueryOf(depotId, query);
  const key = JSON.stringify(params);
  useEffect(() => {
    void stockPage.load(params, { force: true }); // stock moves: read it fresh on every visit
  }, [key]);
  useEffect(() => {
    void productList.load(undefined);
  }, []);

  const { data, problem, loading } = stockPage.state.value;
  const products = productList.state.value.data?.items ?? [];
  const subtree = params.scope === 'subtree';
  const filtered = params.productId !== undefined || params.zone !== undefined || params.expiringBefore !== undefined;

  const change = (changes: QueryValues, replace = true) =>
    navigate(paths.stock(depotId, withQuery(query, { page: undefined, ...changes })), { replace });

  return (
    <section class="screen stock-screen" data-testid="stock-screen" data-state={loading ? 'loading' : problem ? 'error' : 'ready'}>
      <div class="toolbar no-print">
        <div class="segmented" role="group" aria-label={t('label.scope')}>
          <button type="button" data-testid="scope-depot" aria-pressed={!subtree} onClick={() => change({ scope: undefined }, false)}>
            {t('label.scopeDepot')}
          </button>
          <button type="button" data-testid="scope-subtree" aria-pressed={subtree} onClick={() => change({ scope: 'subtree' }, false)}>
            {t('label.scopeSubtree')}
          </button>
        </div>
        <label class="field inline">
          <span>{t('label.product')}</span>
          <select class="product-select" data-testid="filter-product" value={params.productId ?? ''} onChange={(e) => change({ product: e.currentTarget.value })}>
            <option value="">{t('label.allProducts')}</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {productName(p)} · {productSpec(p)}
              </option>
            ))}
          </select>
        </label>
        <label class="field inline">
          <span>{t('label.zone')}</span>
          <select data-testid="filter-zone" value={params.zone ?? ''} onChange={(e) => change({ zone: e.currentTarget.value })}>
            <option value="">{t('label.allZones')}</option>
            {STOCK_LOCATIONS.map((zone) => (
              <option key={zone} value={zone}>
                {t(`zone.${zone}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="field inline">
          <span>{t('label.expiringBefore')}</span>
          <input
            type="date"
            data-testid="filter-expiring-before"
            value={params.expiringBefore ?? ''}
            onChange={(e) => change({ before: e.currentTarget.value })}
          />
        </label>
        {filtered && (
          <button type="button" class="button" data-testid="filter-reset" onClick={() => change({ product: undefined, zone: undefined, before: undefined })}>
            {t('button.reset')}
          </button>
        )}
      </div>

      {!subtree && (
        <div class="stock-actions">
          <StockControlsBar depotId={depotId} />
          {data && atOwnDepot(depotId) && (hasRole('storekeeper') || hasRole('inspector')) && (
            <ZoneMovePanel depotId={depotId} depotCode={data.depot.code} onMoved={() => void stockPage.load(params, { force: true })} />
          )}
        </div>
      )}
      <ProblemMessage problem={problem} onRetry={() => void stockPage.load(params, { force: true })} />
      {!data && loading && <p class="note">{t('label.loading')}</p>}
      {data && (
        <>
          <div class="table-wrap stock-table-wrap">
            <table class="data stock-table" data-testid="stock-table" aria-busy={loading}>
              <thead>
                <tr>
                  <th>{t('label.product')}</th>
                  <th>{t('label.spec')}</th>
                  <th>{t('label.lot')}</th>
                  <th>{t('label.expiresOn')}</th>
                  <th>{t('label.zone')}</th>
                  <th class="num">{t('label.quantity')}</th>
                  <th class="num">{t('label.valueYuan')}</th>
                  {data.scope === 'subtree' && <th class="num">{t('label.depotCount')}</th>}
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 && (
                  <tr>
                    <td colSpan={data.scope === 'subtree' ? 8 : 7} class="empty" data-testid="stock-empty">
                      {t('label.empty')}
                    </td>
                  </tr>
                )}
                {data.items.map((row) => (
                  <StockTableRow key={`${row.batchId}-${row.location}`} row={row} depotId={data.depot.id} subtree={data.scope === 'subtree'} />
                ))}
              </tbody>
              {data.items.length > 0 && (
                <tfoot>
                  <tr data-testid="stock-totals">
                    <th colSpan={5}>{t('label.totals', { rows: data.total })}</th>
                    <td class="num stock-total-quantity" data-label={t('label.quantity')}>
                      <UnitQuantities totals={data.totalsByUnit} testid="stock-total-quantity" />
                    </td>
                    <td class="num" data-testid="stock-total-value" data-label={t('label.valueYuan')}>
                      {formatYuan(data.totals.valueFen)}
                    </td>
                    {data.scope === 'subtree' && <td />}
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => change({ page }, false)} />
        </>
      )}
    </section>
  );
}

function StockTableRow({ row, depotId, subtree }: { row: StockRow; depotId: number; subtree: boolean }) {
  const open = subtree ? undefined : () => navigate(paths.card(depotId, row.batchId));
  const status = `${row.expiryStatus === 'ok' ? '' : ` row-${row.expiryStatus}`}${row.awaiting ? ' row-awaiting' : ''}`;
  return (
    <tr
      class={`${open ? 'clickable' : ''}${status}`}
      data-testid="stock-row"
      data-batch-id={row.batchId}
      data-zone={row.location}
      data-expiry={row.expiryStatus}
      data-awaiting={row.awaiting?.type}
      tabIndex={open ? 0 : undefined}
      title={open ? t('label.openCard') : undefined}
      onClick={open}
      onKeyDown={(e) => {
        if (open && e.key === 'Enter') open();
      }}
    >
      <td class="stock-product">
        <span class="cell-title">{productName(row.product)}</span>
        <span class="muted code">{row.product.code}</span>{' '}
        <a class="trace-link no-print" href={paths.trace(row.batchId, depotId)} data-testid="stock-trace" title={t('label.traceLot', { lot: row.lot })} onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
          {t('label.trace')}
        </a>
      </td>
      <td class="stock-spec" data-label={t('label.spec')}>
        {productSpec(row.product)}
      </td>
      <td class="code" data-label={t('label.lot')}>
        {row.lot}
      </td>
      <td data-label={t('label.expiresOn')}>
        <ExpiryDate date={row.expiresOn} status={row.expiryStatus} />
      </td>
      <td data-label={t('label.zone')}>
        <ZoneBadge zone={row.location} />
        {row.awaiting && (
          <>
            {' '}
            <AwaitingTag depotId={depotId} document={row.awaiting} />
          </>
        )}
      </td>
      <td class="num stock-quantity" data-label={t('label.quantity')}>
        {formatQuantity(row.quantity)} <span class="unit">{productUnit(row.product)}</span>
      </td>
      <td class="num" data-label={t('label.valueYuan')}>
        {formatYuan(row.valueFen)}
      </td>
      {subtree && (
        <td class="num" data-label={t('label.depotCount')}>
          {formatQuantity(row.depotCount)}
        </td>
      )}
    </tr>
  );
}
