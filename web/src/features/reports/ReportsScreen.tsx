import { useEffect } from 'preact/hooks';
import { lang } from '../../i18n/index.ts';
import { navigate, paths } from '../../router.ts';
import { createResource } from '../../components/resource.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { wallClock } from '../../components/format.ts';
import { onSessionEnd } from '../auth/session.ts';
import { exportHref, reportCatalogue, reportSheet, type ReportCatalogue, type ReportGroup, type ReportRequest, type ReportSheet } from './reports-api.ts';
import { PERIOD_KINDS, reportRequest, requestQuery, yearChoices, type PeriodKind } from './report-params.ts';
import { say } from './report-format.ts';
import { SheetView } from './SheetView.tsx';
import { PeopleFormsLinks } from '../people/PeopleFormsLinks.tsx';
import { CypFactors } from './CypFactors.tsx';
import { setsCypFactors } from './access.ts';
import { t } from './i18n.ts';

const GROUPS: readonly ReportGroup[] = ['statistics', 'finance', 'risk', 'indicators'];
const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

const catalogue = createResource(reportCatalogue);
const sheet = createResource(reportSheet);
onSessionEnd(() => {
  catalogue.reset();
  sheet.reset();
});

const monthName = (month: number) => new Intl.DateTimeFormat(lang.value, { month: 'long' }).format(new Date(2000, month - 1, 1));

/**
 * A depot's Reports tab (报表): the reports by group, the period and 本级 / 汇总, the sheet as the
 * form lays it out, its exports and its print view. Everything chosen lives in the hash
 * (`#/reports/12?report=pts&year=2026&period=h1&scope=summary`), so reload and back keep it.
 */
export function ReportsScreen({ depotId, query }: { depotId: number; query: URLSearchParams }) {
  const now = wallClock(Date.now())!;
  const reports = catalogue.state.value;
  const entry = reports.data?.find((r) => r.id === (query.get('report') || 'pts'));
  // Until the catalogue is known the asked scope is sent as it is: the server ignores it where a report has none.
  const request = reportRequest(depotId, query, now, entry ? entry.hasScope : true);
  const key = JSON.stringify(request);
  useEffect(() => {
    void catalogue.load(undefined);
  }, []);
  useEffect(() => {
    void sheet.load(request, { force: true }); // stock moves: read the figures fresh on every visit
  }, [key]);

  const { data, problem, loading } = sheet.state.value;
  const shown = data && data.depot.id === depotId ? data : undefined;
  const change = (changes: Partial<ReportRequest>, replace = true) => navigate(paths.reports(depotId, requestQuery({ ...request, ...changes })), { replace });

  return (
    <section class="report-screen" data-testid="reports-screen" data-report={request.report} data-scope={request.scope} data-period={request.period} data-state={loading ? 'loading' : problem ? 'error' : 'ready'}>
      <ProblemMessage problem={reports.problem} testid="report-catalogue-problem" onRetry={() => void catalogue.load(undefined, { force: true })} />
      {reports.data && <ReportPicker reports={reports.data} current={request} depotId={depotId} />}
      {reports.data && <PeopleFormsLinks depotId={depotId} />}
      <div class="toolbar report-controls no-print">
        <label class="field inline">
          <span>{t('report.year')}</span>
          <select data-testid="report-year" value={String(request.year)} onChange={(e) => change({ year: Number(e.currentTarget.value) })}>
            {yearChoices(now, request.year).map((y) => (
              <option key={y} value={String(y)}>
                {t('report.yearOption', { year: y })}
              </option>
            ))}
          </select>
        </label>
        <label class="field inline">
          <span>{t('report.period')}</span>
          <select data-testid="report-period" value={request.period} onChange={(e) => change({ period: e.currentTarget.value as PeriodKind, month: request.month ?? now.month })}>
            {PERIOD_KINDS.map((p) => (
              <option key={p} value={p}>
                {t(`reportPeriod.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {request.period === 'month' && (
          <label class="field inline">
            <span class="visually-hidden">{t('report.month')}</span>
            <select data-testid="report-month" aria-label={t('report.month')} value={String(request.month)} onChange={(e) => change({ month: Number(e.currentTarget.value) })}>
              {MONTHS.map((m) => (
                <option key={m} value={String(m)}>
                  {monthName(m)}
                </option>
              ))}
            </select>
          </label>
        )}
        {entry?.hasScope && (
          <div class="segmented" role="group" aria-label={t('report.scope')} title={t('report.scopeHint')}>
            {(['own', 'summary'] as const).map((scope) => (
              <button key={scope} type="button" data-testid={`report-scope-${scope}`} aria-pressed={request.scope === scope} onClick={() => change({ scope }, false)}>
                {t(`reportScope.${scope}`)}
              </button>
            ))}
          </div>
        )}
        <div class="report-actions">
          <a class="button" href={exportHref(request, 'xlsx', lang.value)} download data-testid="report-export-xlsx">
            {t('report.exportXlsx')}
          </a>
          <a class="button" href={exportHref(request, 'csv', lang.value)} download data-testid="report-export-csv">
            {t('report.exportCsv')}
          </a>
          <button type="button" class="button primary" data-testid="report-print" disabled={!shown} onClick={() => window.print()}>
            {t('button.print')}
          </button>
        </div>
      </div>
      {request.report === 'cyp' && setsCypFactors() && <CypFactors onSaved={() => void sheet.load(request, { force: true })} />}
      {problem && <ProblemMessage problem={problem} onRetry={() => void sheet.load(request, { force: true })} />}
      {!shown && !problem && <p class="note">{t('label.loading')}</p>}
      {shown && !problem && <SheetView sheet={shown} busy={loading} />}
    </section>
  );
}

/**
 * The reports under their group's name (统计报表, 财务账, 风险, 指标): a row of choices a group on
 * wider screens, one select with a group each on a phone.
 */
function ReportPicker({ reports, current, depotId }: { reports: ReportCatalogue; current: ReportRequest; depotId: number }) {
  if (reports.length === 0) return <p class="note">{t('report.noReports')}</p>;
  const hrefOf = (r: ReportCatalogue[number]) => paths.reports(depotId, requestQuery({ ...current, report: r.id, scope: r.hasScope ? current.scope : 'own' }));
  const groups = GROUPS.map((group) => ({ group, reports: reports.filter((r) => r.group === group) })).filter((g) => g.reports.length > 0);
  return (
    <div class="report-picker no-print">
      <nav class="report-choices" aria-label={t('report.picker')} data-testid="report-picker">
        {groups.map(({ group, reports: inGroup }) => (
          <div key={group} class="report-group" role="group" aria-labelledby={`report-group-${group}`} data-group={group}>
            <span class="report-group-name" id={`report-group-${group}`}>
              {t(`reportGroup.${group}`)}
            </span>
            <span class="report-group-choices">
              {inGroup.map((r) => {
                const active = r.id === current.report;
                return (
                  <a key={r.id} class={active ? 'report-choice active' : 'report-choice'} href={hrefOf(r)} aria-current={active ? 'page' : undefined} data-testid={`report-choice-${r.id}`}>
                    {say(r.title)}
                  </a>
                );
              })}
            </span>
          </div>
        ))}
      </nav>
      <label class="field inline report-picker-select">
        <span>{t('report.report')}</span>
        <select
          data-testid="report-select"
          value={current.report}
          onChange={(e) => {
            const chosen = reports.find((r) => r.id === e.currentTarget.value);
            if (chosen) navigate(hrefOf(chosen));
          }}
        >
          {groups.map(({ group, reports: inGroup }) => (
            <optgroup key={group} label={t(`reportGroup.${group}`)}>
              {inGroup.map((r) => (
                <option key={r.id} value={r.id}>
                  {say(r.title)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
    </div>
  );
}
