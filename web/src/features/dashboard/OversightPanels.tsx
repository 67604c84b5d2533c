import { paths } from '../../router.ts';
import { lang } from '../../i18n/index.ts';
import type { Dashboard } from './dashboard-api.ts';
import { Card, Items } from './Card.tsx';
import { t } from './i18n.ts';

type Reports = NonNullable<Dashboard['reports']>;
type Supervision = Dashboard['supervision'];
type ServiceDesk = NonNullable<Dashboard['serviceDesk']>;

const text = (x: { zh: string; en: string }) => (lang.value === 'en' ? x.en : x.zh);

/**
 * The periodic reports going up level by level (issue 21 item 2), for the leader and planner:
 * this depot's own reports due, late or returned, and the depots below that have not reported
 * or wait for a decision here; each leads to the submissions screen.
 */
export function ReportsPanel({ depotId, reports }: { depotId: number; reports: Reports }) {
  const list = paths.reports(depotId, { view: 'submissions' });
  const missing = reports.notReported.reduce((n, r) => n + r.depots.length, 0);
  return (
    <section class="panel dash-role" data-testid="panel-reports" aria-labelledby="dash-reports">
      <h2 id="dash-reports">{t('dash.reports')}</h2>
      <div class="dash-cards">
        <Card testid="card-reports-own" title={t('dash.reports.own')} count={reports.own.length} tone={reports.own.some((o) => o.late || o.state === 'returned') ? 'alert' : 'work'} listHref={list}>
          <Items
            items={reports.own}
            keyOf={(o) => `${o.kind}-${o.periodLabel.en}`}
            render={(o) => (
              <span data-testid="dash-report-own" data-kind={o.kind} data-state={o.late ? 'late' : o.state}>
                {text(o.title)} {text(o.periodLabel)} ·{' '}
                <span class={o.late || o.state === 'returned' ? 'warn' : 'muted'}>
                  {t(`dash.reports.state.${o.late && o.state !== 'returned' ? 'late' : o.state}`, { date: o.dueOn })}
                </span>
                {o.returnReason && <span class="muted"> · {o.returnReason}</span>}
              </span>
            )}
          />
        </Card>
        <Card testid="card-reports-missing" title={t('dash.reports.missing')} count={missing} tone="alert" listHref={list}>
          <Items
            items={reports.notReported}
            keyOf={(r) => `${r.kind}-${r.periodLabel.en}`}
            render={(r) => (
              <span data-testid="dash-report-missing" data-kind={r.kind}>
                {text(r.title)} {text(r.periodLabel)}{' '}
                <span class="muted">
                  {t('dash.reports.missingOf', { count: r.depots.length, expected: r.expected, date: r.dueOn })}:{' '}
                  {r.depots.map((d, i) => (
                    <>
                      {i > 0 && (lang.value === 'en' ? ', ' : '、')}
                      <span class="depot-name">{d.name}</span>
                    </>
                  ))}
                </span>
              </span>
            )}
          />
        </Card>
        <Card testid="card-reports-awaiting" title={t('dash.reports.awaiting')} count={reports.awaiting} listHref={list} />
      </div>
    </section>
  );
}

/** For the depot's leader: service requests received here past their reply or resolution time (限期办结), each leading to the request. */
export function ServiceDeskPanel({ depotId, desk }: { depotId: number; desk: ServiceDesk }) {
  return (
    <section class="panel dash-role" data-testid="panel-service-desk" aria-labelledby="dash-service-desk">
      <h2 id="dash-service-desk">{t('dash.serviceDesk')}</h2>
      <div class="dash-cards">
        <Card testid="card-service-overdue" title={t('dash.serviceDesk.overdue')} count={desk.overdue.length} tone="alert" listHref={paths.serviceDesk(depotId, { view: 'depot' })}>
          <Items
            items={desk.overdue}
            keyOf={(r) => r.id}
            render={(r) => (
              <>
                <a href={paths.serviceRequest(r.id)} data-testid="dash-service-request" data-id={r.id}>
                  {r.number} <span class="user-text">{r.subject}</span>
                </a>{' '}
                <span class="muted">{t(r.stage === 'reply' ? 'dash.serviceDesk.reply' : 'dash.serviceDesk.resolve', { owner: r.ownerName })}</span>
              </>
            )}
          />
        </Card>
      </div>
    </section>
  );
}

/** Corrective actions of supervision visits past their deadline: owed here, and awaited below (issue 21 item 3). */
export function SupervisionPanel({ depotId, supervision }: { depotId: number; supervision: Supervision }) {
  const item = (a: Supervision['owed'][number]) => (
    <>
      <a class="user-text" href={paths.supervisionVisit(a.visitId)} data-testid="dash-supervision-action" data-id={a.id}>
        {a.text}
      </a>{' '}
      <span class="muted">
        <span class="depot-name">{a.depot}</span> · {t('dash.supervision.due', { date: a.dueOn })}
      </span>
    </>
  );
  return (
    <section class="panel dash-role" data-testid="panel-supervision" aria-labelledby="dash-supervision">
      <h2 id="dash-supervision">{t('dash.supervision')}</h2>
      <div class="dash-cards">
        <Card testid="card-supervision-owed" title={t('dash.supervision.owed')} count={supervision.owed.length} tone="alert" listHref={paths.supervision(depotId)}>
          <Items items={supervision.owed} keyOf={(a) => a.id} render={item} />
        </Card>
        <Card testid="card-supervision-below" title={t('dash.supervision.below')} count={supervision.below.length} tone="alert" listHref={paths.supervision(depotId)}>
          <Items items={supervision.below} keyOf={(a) => a.id} render={item} />
        </Card>
      </div>
    </section>
  );
}
