import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type BatchTrace, type ProductTrace } from '../../api.ts';
import type { DepotTier, StockLocation } from '../../../../server/schemas/constants.ts';
import type { TransferStatus } from '../../../../server/domain/transfers.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ZoneBadge } from '../../components/ZoneBadge.tsx';
import { formatDateTime, formatQuantity, today } from '../../components/format.ts';
import { t } from './i18n.ts';
import { nameOf } from './labels.tsx';

const ZONES: readonly StockLocation[] = ['pending', 'qualified', 'nonconforming', 'in_transit'];
const TRANSFER_STATUSES = ['awaiting_approval', 'approved', 'declined', 'dispatched', 'received', 'cancelled'];

const count = (n: number) => (n === 0 ? <span class="muted">0</span> : formatQuantity(n));

/**
 * Where a lot went (批号追溯), over the subtree of a depot: every depot that holds or held it as a
 * tree by depth, with what it received, issued, dispensed (and how often), wrote off and holds
 * now by zone, whether a hold covers it; the shipments between them; the holds on the lot.
 */
export function TraceScreen({ batchId, depotId }: { batchId: number; depotId?: number }) {
  const [trace, setTrace] = useState<BatchTrace | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const load = () => {
    setProblem(null);
    api.batchTrace(batchId, depotId).then(setTrace, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setTrace(null);
    load();
  }, [batchId, depotId]);

  const shown = trace?.batch.id === batchId ? trace : null;
  if (!shown) return problem ? <ProblemMessage problem={problem} onRetry={load} /> : <p class="note">{t('label.loading')}</p>;
  const b = shown.batch;
  const names = new Map(shown.depots.map((d) => [d.id, d.name]));
  const depotName = (id: number) => names.get(id) ?? t('trace.above');
  const active = shown.holds.filter((h) => h.releasedAt === null);
  const expired = b.expiresOn <= today();
  return (
    <section class="trace-screen" data-testid="trace-screen" data-batch={b.id}>
      <header class="page-head">
        <div class="toolbar no-print">
          <a class="button" href={paths.quality(shown.root.id)} data-testid="trace-back">
            ‹ {shown.root.name} · {t('label.quality')}
          </a>
          <a class="button" href={paths.productTrace(b.productId, shown.root.id)} data-testid="trace-product">
            {t('trace.allLots')}
          </a>
          <button type="button" class="button" onClick={() => window.print()}>
            {t('button.print')}
          </button>
        </div>
        <h1>
          {t('trace.title')} · {nameOf(b)} <span class="code">{b.lot}</span>
        </h1>
        <dl class="facts">
          <div>
            <dt>{t('label.product')}</dt>
            <dd>
              {nameOf(b)} <span class="muted code">{b.productCode}</span>
            </dd>
          </div>
          <div>
            <dt>{t('label.lot')}</dt>
            <dd class="code" data-testid="trace-lot">
              {b.lot}
            </dd>
          </div>
          <div>
            <dt>{t('label.expiresOn')}</dt>
            <dd>
              <span class="expiry">
                {b.expiresOn}
                {expired && <span class="tag tag-expired">{t('expiry.expired')}</span>}
              </span>
            </dd>
          </div>
          {b.manufacturer && (
            <div>
              <dt>{t('label.manufacturer')}</dt>
              <dd>{b.manufacturer}</dd>
            </div>
          )}
          <div>
            <dt>{t('trace.scope')}</dt>
            <dd>
              {shown.root.name} <span class="muted code">{shown.root.code}</span>
            </dd>
          </div>
        </dl>
      </header>
      {active.map((h) => (
        <p key={h.id} class="problem" data-testid="trace-held">
          {t('trace.heldNow', { depot: depotName(h.depotId), reason: h.reason, time: formatDateTime(h.raisedAt) })}
        </p>
      ))}

      <TraceTables trace={shown} depotName={depotName} of="lot" />

      {shown.holds.length > 0 && (
        <div class="table-wrap">
          <table class="data" data-testid="trace-holds">
            <caption>{t('trace.holds')}</caption>
            <thead>
              <tr>
                <th>{t('hold.depot')}</th>
                <th>{t('hold.reason')}</th>
                <th>{t('hold.raisedAt')}</th>
                <th>{t('hold.releasedAt')}</th>
                <th>{t('hold.releaseReason')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.holds.map((h) => (
                <tr key={h.id} class={h.releasedAt === null ? 'row-attention' : undefined} data-testid="trace-hold" data-released={String(h.releasedAt !== null)}>
                  <td>{depotName(h.depotId)}</td>
                  <td>{h.reason}</td>
                  <td class="nowrap">{formatDateTime(h.raisedAt)}</td>
                  <td class="nowrap">{h.releasedAt ? formatDateTime(h.releasedAt) : <span class="tag tag-expired">{t('hold.active')}</span>}</td>
                  <td>{h.releaseReason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type TraceBody = Pick<BatchTrace, 'depots' | 'shipments' | 'totals'>;

/**
 * The trace's body, for a lot or a product: the subtree's totals with what is unaccounted for,
 * every depot reconciled (in − out = on hand) down to the dispensing at the registers (to how
 * many registered people, never who, and anonymously), and the shipments with what was found short.
 */
export function TraceTables({ trace, depotName, of }: { trace: TraceBody; depotName: (id: number) => string; of: 'lot' | 'product' }) {
  const totals = trace.totals;
  const product = of === 'product';
  return (
    <>
      <p class={totals.unaccounted > 0 || !totals.balanced ? 'problem' : 'note'} data-testid="trace-totals" data-unaccounted={totals.unaccounted}>
        {t('trace.totals', { dispensed: formatQuantity(totals.dispensed), onHand: formatQuantity(totals.onHand), inTransit: formatQuantity(totals.inTransit), writtenOff: formatQuantity(totals.writtenOff) })}{' '}
        {totals.unaccounted > 0 ? t('trace.unaccountedTotal', { total: formatQuantity(totals.unaccounted), short: formatQuantity(totals.shortOnArrival), counts: formatQuantity(totals.countShortage) }) : t('trace.allAccounted')}
        {!totals.balanced && <> {t('trace.unbalanced')}</>}
      </p>
      <div class="table-wrap">
        <table class="data trace-table" data-testid="trace-depots">
          <caption>{t(product ? 'trace.productDepots' : 'trace.depots')}</caption>
          <thead>
            <tr>
              <th>{t('label.depot')}</th>
              <th class="num">{t('trace.received')}</th>
              <th class="num">{t('trace.issued')}</th>
              <th class="num">{t('trace.dispensed')}</th>
              <th class="num">{t('trace.writtenOff')}</th>
              <th class="num">{t('trace.returnedToMaker')}</th>
              <th>{t('trace.onHand')}</th>
              <th class="num">{t('trace.unaccounted')}</th>
              <th>{t('trace.held')}</th>
            </tr>
          </thead>
          <tbody>
            {trace.depots.map((d) => {
              const r = d.reconciliation;
              return (
                <tr key={d.id} class={d.held || r.unaccounted > 0 || !r.balanced ? 'row-attention' : undefined} data-testid="trace-depot" data-code={d.code} data-depth={d.depth} data-held={String(d.held)} data-unaccounted={r.unaccounted}>
                  <td>
                    <span class="trace-name" style={{ paddingLeft: `${d.depth * 1.25}rem` }}>
                      {d.depth > 0 && (
                        <span class="muted" aria-hidden="true">
                          └{' '}
                        </span>
                      )}
                      <a href={paths.stock(d.id)}>{d.name}</a> <span class="muted">{t(`tier.${d.tier as DepotTier}`)}</span>
                    </span>
                  </td>
                  <td class="num">{count(d.received)}</td>
                  <td class="num">{count(d.issued)}</td>
                  <td class="num">
                    {count(d.dispensed)}
                    {d.dispensings > 0 && <span class="muted"> · {t('trace.dispensings', { count: d.dispensings })}</span>}
                    {d.toPeople.quantity > 0 && (
                      <div class="muted" data-testid="trace-to-people">
                        {t('trace.toPeople', { people: d.toPeople.people, quantity: formatQuantity(d.toPeople.quantity), anonymous: formatQuantity(d.anonymous) })}
                      </div>
                    )}
                  </td>
                  <td class="num">{count(d.writtenOff)}</td>
                  <td class="num">{count(d.returnedToMaker)}</td>
                  <td data-testid="trace-on-hand">
                    <span class="zones-on-hand">
                      {ZONES.filter((z) => (d.onHand[z] ?? 0) !== 0).map((z) => (
                        <ZoneBadge key={z} zone={z}>
                          {' '}
                          {formatQuantity(d.onHand[z]!)}
                        </ZoneBadge>
                      ))}
                      {ZONES.every((z) => (d.onHand[z] ?? 0) === 0) && <span class="muted">0</span>}
                    </span>
                  </td>
                  <td class="num" data-testid="trace-unaccounted">
                    {count(r.unaccounted)}
                    {r.shortOnArrival > 0 && <div class="muted">{t('trace.shortOnArrival', { quantity: formatQuantity(r.shortOnArrival) })}</div>}
                    {r.countDifference < 0 && <div class="muted">{t('trace.countShortage', { quantity: formatQuantity(-r.countDifference) })}</div>}
                    {!r.balanced && <div class="problem">{t('trace.unbalanced')}</div>}
                  </td>
                  <td>{d.held && <span class="tag tag-expired">{t('hold.active')}</span>}</td>
                </tr>
              );
            })}
            {trace.depots.length === 0 && (
              <tr>
                <td colSpan={9} class="empty">
                  {t(product ? 'trace.productNoDepots' : 'trace.noDepots')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      <div class="table-wrap">
        <table class="data" data-testid="trace-shipments">
          <caption>{t('trace.shipments')}</caption>
          <thead>
            <tr>
              <th>{t('trace.order')}</th>
              <th>{t('trace.route')}</th>
              <th>{t('label.status')}</th>
              <th>{t('label.dispatchedAt')}</th>
              <th class="num">{t('trace.sent')}</th>
              <th class="num">{t('trace.arrived')}</th>
            </tr>
          </thead>
          <tbody>
            {trace.shipments.map((s) => (
              <tr key={s.orderId} class={s.short > 0 ? 'row-attention' : undefined} data-testid="trace-shipment" data-short={s.short}>
                <td class="nowrap">
                  <a href={paths.transfer(s.orderId)}>{s.number}</a>
                </td>
                <td>
                  {depotName(s.fromDepotId)} → {depotName(s.toDepotId)}
                </td>
                <td>{TRANSFER_STATUSES.includes(s.status) ? t(`transferStatus.${s.status as TransferStatus}`) : s.status}</td>
                <td class="nowrap">{formatDateTime(s.dispatchedAt)}</td>
                <td class="num">{formatQuantity(s.quantity)}</td>
                <td class="num">
                  {s.received === null ? <span class="muted">{t('trace.inTransit')}</span> : formatQuantity(s.received)}
                  {s.short > 0 && <div class="muted">{t('trace.shortOnArrival', { quantity: formatQuantity(s.short) })}</div>}
                </td>
              </tr>
            ))}
            {trace.shipments.length === 0 && (
              <tr>
                <td colSpan={6} class="empty">
                  {t(product ? 'trace.productNoShipments' : 'trace.noShipments')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Where a product went (跟踪药具去向) over the subtree of a depot, every lot of it together, each lot linking to its own trace. */
export function ProductTraceScreen({ productId, depotId }: { productId: number; depotId?: number }) {
  const [trace, setTrace] = useState<ProductTrace | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const load = () => {
    setProblem(null);
    api.productTrace(productId, depotId).then(setTrace, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setTrace(null);
    load();
  }, [productId, depotId]);

  const shown = trace?.product.id === productId ? trace : null;
  if (!shown) return problem ? <ProblemMessage problem={problem} onRetry={load} /> : <p class="note">{t('label.loading')}</p>;
  const p = shown.product;
  const names = new Map(shown.depots.map((d) => [d.id, d.name]));
  const depotName = (id: number) => names.get(id) ?? t('trace.above');
  const productName = nameOf({ productNameZh: p.nameZh, productNameEn: p.nameEn });
  return (
    <section class="trace-screen" data-testid="product-trace-screen" data-product={p.id}>
      <header class="page-head">
        <div class="toolbar no-print">
          <a class="button" href={paths.quality(shown.root.id)} data-testid="trace-back">
            ‹ {shown.root.name} · {t('label.quality')}
          </a>
          <button type="button" class="button" onClick={() => window.print()}>
            {t('button.print')}
          </button>
        </div>
        <h1>
          {t('trace.productTitle')} · {productName} <span class="code">{p.code}</span>
        </h1>
        <dl class="facts">
          <div>
            <dt>{t('trace.scope')}</dt>
            <dd>
              {shown.root.name} <span class="muted code">{shown.root.code}</span>
            </dd>
          </div>
        </dl>
        <h2 class="trace-lots-title">{t('trace.lots')}</h2>
        <ul class="trace-lots" data-testid="trace-lots">
          {shown.lots.length === 0 && <li class="muted">{t('trace.none')}</li>}
          {shown.lots.map((l) => (
            <li key={l.id}>
              <a class="code" href={paths.trace(l.id, shown.root.id)}>
                {l.lot}
              </a>{' '}
              <span class="muted">
                {l.expiresOn} · {formatQuantity(l.onHand)}
              </span>
            </li>
          ))}
        </ul>
      </header>
      <TraceTables trace={shown} depotName={depotName} of="product" />
    </section>
  );
}
