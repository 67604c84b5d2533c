import { paths } from '../../router.ts';
import { formatByUnit, formatDate, formatDateTime, formatQuantity, unitName } from '../../components/format.ts';
import { lang } from '../../i18n/index.ts';
import type { Dashboard } from './dashboard-api.ts';
import { Card, Items } from './Card.tsx';
import { t } from './i18n.ts';

const localDay = (iso: string) => formatDate(iso);

/** "12/120 盒 · 0/50 板": picked of ordered, per unit. */
const pickedOf = (quantities: readonly { unitZh: string; unitEn: string; quantity: number; picked: number }[]) =>
  quantities.map((u) => `${formatQuantity(u.picked)}/${formatQuantity(u.quantity)} ${unitName(u)}`).join(' · ');

/** The storekeeper's work at the depot: receipts, picks, shipments in, the count, expired stock to sweep. */
export function StorekeeperPanel({ depotId, panel }: { depotId: number; panel: NonNullable<Dashboard['storekeeper']> }) {
  const c = panel.counts;
  return (
    <section class="panel dash-role" data-testid="panel-storekeeper" aria-labelledby="dash-storekeeper">
      <h2 id="dash-storekeeper">{t('dash.role.storekeeper')}</h2>
      <div class="dash-cards">
        <Card testid="card-receipts" title={t('dash.receipts')} count={panel.receipts.length} listHref={paths.receipts(depotId)}>
          <Items
            items={panel.receipts}
            keyOf={(r) => r.id}
            render={(r) => (
              <>
                <a href={paths.receipt(r.id)} data-testid="dash-receipt" data-number={r.number} data-stage={r.stage}>
                  {r.number}
                </a>{' '}
                <span class={`tag ${r.stage === 'count' ? 'warn' : 'ok'}`}>{t(`dash.receipts.${r.stage}`)}</span>{' '}
                <span class="muted">
                  {r.source === 'transfer' ? `${t('dash.receipts.transfer')} · ` : ''}
                  {r.supplierName}
                </span>
              </>
            )}
          />
        </Card>
        <Card testid="card-picks" title={t('dash.ordersToPick')} count={panel.ordersToPick.length} listHref={paths.transfers(depotId)}>
          <Items
            items={panel.ordersToPick}
            keyOf={(o) => o.id}
            render={(o) => (
              <>
                <a href={paths.transfer(o.id)} data-testid="dash-pick" data-number={o.number}>
                  {o.number}
                </a>{' '}
                <span class="muted">{t('dash.ordersToPick.item', { depot: o.toDepotName, picked: pickedOf(o.quantities) })}</span>
              </>
            )}
          />
        </Card>
        <Card testid="card-shipments" title={t('dash.shipments')} count={panel.shipmentsToReceive.length} listHref={paths.transfers(depotId)}>
          <Items
            items={panel.shipmentsToReceive}
            keyOf={(o) => o.id}
            render={(o) => (
              <>
                <a href={paths.transfer(o.id)} data-testid="dash-shipment" data-number={o.number}>
                  {o.number}
                </a>{' '}
                <span class="muted">{t('dash.shipments.item', { depot: o.fromDepotName, quantity: formatByUnit(o.quantities) })}</span>
              </>
            )}
          />
        </Card>
        <Card testid="card-counts" title={t('dash.counts')} count={c.open.length + (c.overdue ? 1 : 0)} tone={c.overdue ? 'alert' : 'work'} listHref={paths.counts(depotId)}>
          <p class={c.overdue ? 'dash-line overdue' : 'dash-line'} data-testid="dash-count-due" data-overdue={String(c.overdue)}>
            {c.lastCountedAt === null ? t('dash.counts.never') : t(c.overdue ? 'dash.counts.overdue' : 'dash.counts.onTime', { last: localDay(c.lastCountedAt), due: c.dueOn ?? '' })}
          </p>
          {c.open.length > 0 && (
            <Items
              items={c.open}
              keyOf={(o) => o.id}
              render={(o) => (
                <>
                  <a href={paths.count(o.id)} data-testid="dash-count" data-number={o.number}>
                    {o.number}
                  </a>{' '}
                  <span class="tag warn">{t(`dash.counts.${o.status}`)}</span>
                </>
              )}
            />
          )}
        </Card>
        <Card testid="card-expired" title={t('dash.expired')} count={panel.expiredInQualified.lots} tone="alert" listHref={panel.expiredInQualified.lots > 0 ? paths.quality(depotId) : undefined}>
          <p class="dash-line" data-testid="dash-expired-line">
            {panel.expiredInQualified.lots > 0 ? t('dash.expired.some', { lots: panel.expiredInQualified.lots, quantity: formatByUnit(panel.expiredInQualified.quantities) }) : t('dash.expired.none')}
          </p>
        </Card>
      </div>
    </section>
  );
}

/** The inspector's work: goods-in inspections, pre-issue checks, excursions, holds. */
export function InspectorPanel({ depotId, panel }: { depotId: number; panel: NonNullable<Dashboard['inspector']> }) {
  const en = lang.value === 'en';
  return (
    <section class="panel dash-role" data-testid="panel-inspector" aria-labelledby="dash-inspector">
      <h2 id="dash-inspector">{t('dash.role.inspector')}</h2>
      <div class="dash-cards">
        <Card testid="card-inspections" title={t('dash.awaitingInspection')} count={panel.awaitingInspection.length} listHref={paths.receipts(depotId)}>
          {panel.pending.length > 0 && (
            <p class="dash-line muted" data-testid="dash-pending">
              {t('dash.pending', { quantity: formatByUnit(panel.pending) })}
            </p>
          )}
          <Items
            items={panel.awaitingInspection}
            keyOf={(r) => r.id}
            render={(r) => (
              <>
                <a href={paths.receipt(r.id)} data-testid="dash-inspection" data-number={r.number}>
                  {r.number}
                </a>{' '}
                <span class="muted">
                  {r.supplierName} · {t('dash.awaitingInspection.item', { lots: r.lots, quantity: formatByUnit(r.quantities) })}
                </span>
              </>
            )}
          />
        </Card>
        <Card testid="card-pre-issue" title={t('dash.preIssue')} count={panel.preIssueChecks.total}>
          <Items
            items={panel.preIssueChecks.items}
            total={panel.preIssueChecks.total}
            keyOf={(b) => b.batchId}
            render={(b) => (
              <>
                <a href={b.orderId !== null ? paths.transfer(b.orderId) : paths.card(depotId, b.batchId)} data-testid="dash-pre-issue" data-lot={b.lot} data-reason={b.reason}>
                  {b.productCode} {b.lot}
                </a>{' '}
                <span class={`tag ${b.reason === 'climate' ? 'excursion-temperature_high' : 'warn'}`}>{t(`dash.preIssue.${b.reason}`)}</span>
                {b.orderId !== null && <span class="tag ok">{t('dash.preIssue.onOrder')}</span>}{' '}
                <span class="muted">
                  {en ? b.productNameEn : b.productNameZh} · {formatQuantity(b.quantity)} {unitName(b)}
                </span>
              </>
            )}
          />
        </Card>
        <Card testid="card-excursions" title={t('dash.excursions')} count={panel.excursions.length} tone="alert" listHref={paths.climate(depotId)}>
          <Items
            items={panel.excursions}
            keyOf={(e) => e.id}
            render={(e) => (
              <>
                <span class={`tag excursion-${e.kind}`}>{t(`excursionKind.${e.kind}`)}</span>{' '}
                <a href={paths.climateArea(e.areaId)} data-testid="dash-excursion" data-kind={e.kind}>
                  {e.areaName}
                </a>{' '}
                <span class="muted">
                  {t('dash.excursions.since', { time: formatDateTime(new Date(e.startAt).toISOString()) })} · {t(e.endAt === null ? 'dash.excursions.ongoing' : 'dash.excursions.ended')}
                </span>
              </>
            )}
          />
        </Card>
        <Card testid="card-holds" title={t('dash.holds')} count={panel.holds.length} listHref={paths.quality(depotId)}>
          <Items
            items={panel.holds}
            keyOf={(h) => h.id}
            render={(h) => (
              <>
                <a href={paths.trace(h.batchId, depotId)} data-testid="dash-hold" data-lot={h.lot}>
                  {h.productCode} {h.lot}
                </a>{' '}
                <span class="muted">{h.reason}</span>
              </>
            )}
          />
        </Card>
      </div>
    </section>
  );
}
