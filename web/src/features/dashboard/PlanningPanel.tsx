import { paths } from '../../router.ts';
import { formatByUnit, formatDateTime, formatYuan } from '../../components/format.ts';
import type { Dashboard } from './dashboard-api.ts';
import { Card, Items } from './Card.tsx';
import { t } from './i18n.ts';

type Planning = NonNullable<Dashboard['planning']>;

interface Approval {
  key: string;
  kind: 'transfer' | 'writeOff' | 'count' | 'demandPlan' | 'allocationPlan';
  href: string;
  label: string;
  detail: string;
}

/** Every decision waiting for the user, oldest kinds of paper first: one list with the kind named. */
function approvalsOf(a: Planning['approvals']): Approval[] {
  return [
    ...a.transferOrders.map((o) => ({ key: `t${o.id}`, kind: 'transfer' as const, href: paths.transfer(o.id), label: o.number, detail: t('dash.approval.transferItem', { from: o.fromDepotName, to: o.toDepotName }) })),
    ...a.writeOffs.map((r) => ({
      key: `w${r.id}`,
      kind: 'writeOff' as const,
      href: paths.writeOff(r.id),
      label: r.number,
      detail: t('dash.approval.writeOffItem', { depot: r.depotName, quantity: formatByUnit(r.quantities), value: formatYuan(r.totalValueFen) }),
    })),
    ...a.stockCounts.map((c) => ({ key: `c${c.id}`, kind: 'count' as const, href: paths.count(c.id), label: c.number, detail: formatDateTime(c.submittedAt) })),
    ...a.demandPlans.map((p) => ({ key: `d${p.id}`, kind: 'demandPlan' as const, href: paths.demandPlan(p.id), label: t('dash.approval.demandPlanItem', { year: p.year }), detail: t(`dash.planStatus.${p.status}`) })),
    ...a.allocationPlans.map((p) => ({ key: `a${p.id}`, kind: 'allocationPlan' as const, href: paths.allocationPlan(p.id), label: t('dash.approval.allocationPlanItem', { year: p.year }), detail: p.number })),
  ];
}

const planTag = (status: string) => (status === 'submitted' || status === 'issued' ? 'ok' : status === 'returned' ? 'excursion-temperature_high' : 'warn');

/**
 * The planner's and leader's panel: a planner's signatures waiting on counted receipts, decisions
 * waiting, the plan deadlines, and the depots below that have not reported.
 */
export function PlanningPanel({ depotId, panel, planner }: { depotId: number; panel: Planning; planner: boolean }) {
  const approvals = approvalsOf(panel.approvals);
  const { demand, allocation } = panel.deadlines;
  const nr = panel.notReporting;
  const missing = nr.demandPlans.length + nr.usageFigures.total;
  return (
    <section class="panel dash-role" data-testid="panel-planning" aria-labelledby="dash-planning">
      <h2 id="dash-planning">{t('dash.role.planning')}</h2>
      <div class="dash-cards">
        {planner && (
          <Card testid="card-receipts-to-sign" title={t('dash.receiptsToSign')} count={panel.receiptsToSign.length} listHref={paths.receipts(depotId)}>
            <Items
              items={panel.receiptsToSign}
              keyOf={(r) => r.id}
              render={(r) => (
                <>
                  <a href={paths.receipt(r.id)} data-testid="dash-receipt-to-sign" data-number={r.number}>
                    {r.number}
                  </a>{' '}
                  <span class={`tag ${r.storekeeperSigned ? 'ok' : 'warn'}`}>{t(r.storekeeperSigned ? 'dash.receiptsToSign.keeperSigned' : 'dash.receiptsToSign.bothMissing')}</span>{' '}
                  <span class="muted">
                    {r.source === 'transfer' ? `${t('dash.receipts.transfer')} · ` : ''}
                    {r.supplierName} · {formatByUnit(r.quantities)} · {t('dash.receiptsToSign.counted', { time: formatDateTime(r.countedAt) })}
                  </span>
                </>
              )}
            />
          </Card>
        )}
        <Card testid="card-approvals" title={t('dash.approvals')} count={approvals.length}>
          <Items
            items={approvals}
            keyOf={(a) => a.key}
            render={(a) => (
              <>
                <span class="tag warn">{t(`dash.approval.${a.kind}`)}</span>{' '}
                <a href={a.href} data-testid="dash-approval" data-kind={a.kind} data-label={a.label}>
                  {a.label}
                </a>{' '}
                <span class="muted">{a.detail}</span>
              </>
            )}
          />
        </Card>
        {(demand || allocation) && (
          <Card testid="card-deadlines" title={t('dash.deadlines')} count={(demand?.state === 'open' && demand.status !== 'submitted' ? 1 : 0) + (allocation && allocation.status !== 'issued' ? 1 : 0)}>
            <ul class="dash-items">
              {demand && (
                <li data-testid="dash-deadline-demand" data-days={demand.daysLeft ?? ''} data-status={demand.status}>
                  <a href={demand.planId !== null ? paths.demandPlan(demand.planId) : paths.planning(depotId, demand.year)}>{t('dash.deadline.demand', { year: demand.year })}</a>{' '}
                  <span class={`tag ${planTag(demand.status)}`}>{t(`dash.planStatus.${demand.status}`)}</span>
                  <span class="dash-when">
                    {demand.state === 'open'
                      ? t('dash.deadline.demandOpen', { closes: demand.closesOn, days: demand.daysLeft ?? 0 })
                      : demand.state === 'not_open'
                        ? t('dash.deadline.demandNotOpen', { opens: demand.opensOn, days: demand.daysToOpen ?? 0 })
                        : t('dash.deadline.demandClosed')}
                  </span>
                </li>
              )}
              {allocation && (
                <li data-testid="dash-deadline-allocation" data-days={allocation.daysLeft} data-status={allocation.status}>
                  <a href={allocation.planId !== null ? paths.allocationPlan(allocation.planId) : paths.planning(depotId, allocation.year)}>{t('dash.deadline.allocation', { year: allocation.year })}</a>{' '}
                  <span class={`tag ${planTag(allocation.status)}`}>{t(`dash.planStatus.${allocation.status}`)}</span>
                  <span class={allocation.late ? 'dash-when overdue' : 'dash-when'}>
                    {allocation.status === 'issued'
                      ? t(allocation.late ? 'dash.deadline.allocationLate' : 'dash.deadline.allocationIssued')
                      : allocation.daysLeft >= 0
                        ? t('dash.deadline.allocationDue', { due: allocation.dueOn, days: allocation.daysLeft })
                        : t('dash.deadline.allocationPast', { due: allocation.dueOn, days: -allocation.daysLeft })}
                  </span>
                </li>
              )}
            </ul>
          </Card>
        )}
        <Card testid="card-not-reporting" title={t('dash.notReporting')} count={missing}>
          {nr.demandYear !== null && (
            <div class="dash-group" data-testid="dash-missing-plans" data-count={nr.demandPlans.length}>
              <h4>
                {t('dash.notReporting.demand', { year: nr.demandYear })} {nr.demandPlans.length === 0 && <span class="tag ok">{t('dash.notReporting.allIn')}</span>}
              </h4>
              {nr.demandPlans.length > 0 && (
                <Items
                  items={nr.demandPlans}
                  keyOf={(d) => d.depotId}
                  render={(d) => (
                    <>
                      <a href={d.planId !== null ? paths.demandPlan(d.planId) : paths.planning(d.depotId, nr.demandYear ?? undefined)} data-testid="dash-missing-plan" data-code={d.code}>
                        {d.name}
                      </a>{' '}
                      <span class={`tag ${planTag(d.status)}`}>{t(`dash.planStatus.${d.status}`)}</span>
                    </>
                  )}
                />
              )}
            </div>
          )}
          <div class="dash-group" data-testid="dash-missing-usage" data-count={nr.usageFigures.total}>
            <h4>
              {t('dash.notReporting.usage', { year: nr.usageHalf.year, half: t(nr.usageHalf.half === 1 ? 'dash.half.1' : 'dash.half.2') })}{' '}
              {nr.usageFigures.total === 0 && <span class="tag ok">{t('dash.notReporting.allIn')}</span>}
            </h4>
            {nr.usageFigures.total > 0 && (
              <Items
                items={nr.usageFigures.items}
                total={nr.usageFigures.total}
                keyOf={(d) => d.depotId}
                render={(d) => (
                  <a href={paths.planning(d.depotId)} data-testid="dash-missing-usage-depot" data-code={d.code}>
                    {d.name}
                  </a>
                )}
              />
            )}
          </div>
        </Card>
      </div>
    </section>
  );
}
