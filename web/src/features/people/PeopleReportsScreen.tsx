import { useEffect, useRef, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { navigate, paths, withQuery } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatQuantity, today } from '../../components/format.ts';
import { SheetView } from '../reports/SheetView.tsx';
import { details } from '../depots/depot-state.ts';
import { dispensesAt } from '../auth/session.ts';
import {
  dispensingRegister,
  dispensingRegisterHref,
  followUpSummary,
  followUpSummaryHref,
  userCounts,
  userCountsHref,
  type FollowUpSummary,
  type RegisterSheet,
  type UserCounts,
} from './people-api.ts';
import { METHODS, methodName } from './people-format.ts';
import { t } from './i18n.ts';

const SHEETS = ['register', 'users', 'summary'] as const;
type Sheet = (typeof SHEETS)[number];
const SHEET_LABEL = { register: 'label.dispensingRegisterForm', users: 'label.userCountsForm', summary: 'label.followUpSummaryForm' } as const;

/** The default periods: this month so far, the half-year and the quarter last ended (the one being reported). */
function periods(query: URLSearchParams) {
  const day = today();
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  const lastQuarter = Math.ceil(month / 3) - 1;
  const lastHalf = month > 6 ? 1 : 2;
  const num = (name: string, fallback: number, min: number, max: number) => {
    const n = Number(query.get(name));
    return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
  };
  const date = (name: string, fallback: string) => (/^\d{4}-\d\d-\d\d$/.test(query.get(name) ?? '') ? query.get(name)! : fallback);
  return {
    from: date('from', `${day.slice(0, 7)}-01`),
    to: date('to', day),
    year: num('year', lastQuarter === 0 ? year - 1 : year, 2000, 2100),
    quarter: num('quarter', lastQuarter === 0 ? 4 : lastQuarter, 1, 4),
    halfYear: num('year', lastHalf === 2 ? year - 1 : year, 2000, 2100),
    half: num('half', lastHalf, 1, 2) as 1 | 2,
  };
}

/**
 * The people's forms of a depot, next to the reports (报表): the dispensing register (药具发放登记表,
 * form 8.3) between two dates, the users by method of a half-year counted from the register
 * (使用人数, S0:372) and the quarter's follow-up summary (随访汇总表, form 12), each with its print
 * and XLSX. Counts only, except the register where the server shows names.
 */
export function PeopleReportsScreen({ depotId, query }: { depotId: number; query: URLSearchParams }) {
  const detail = details.value.get(depotId);
  const tier = detail && 'tier' in detail ? detail.tier : undefined;
  const offered: readonly Sheet[] = tier === undefined || dispensesAt(tier) ? SHEETS : ['users', 'summary'];
  const sheet: Sheet = offered.find((s) => s === query.get('sheet')) ?? offered[0]!;
  const p = periods(query);
  const change = (changes: Record<string, string | number | undefined>) => navigate(paths.peopleReports(depotId, withQuery(query, changes)), { replace: true });
  return (
    <section class="people-reports" data-testid="people-reports-screen" data-sheet={sheet}>
      <nav class="segmented no-print" aria-label={t('label.peopleReports')}>
        {offered.map((s) => (
          <a key={s} class={s === sheet ? 'report-choice active' : 'report-choice'} href={paths.peopleReports(depotId, { sheet: s })} aria-current={s === sheet ? 'page' : undefined} data-testid={`people-sheet-${s}`}>
            {t(SHEET_LABEL[s])}
          </a>
        ))}
        <a class="report-choice" href={paths.reports(depotId)} data-testid="people-sheet-back">
          {t('label.reports')}
        </a>
      </nav>
      {sheet === 'register' && <RegisterSheetView depotId={depotId} from={p.from} to={p.to} onChange={change} />}
      {sheet === 'users' && <UserCountsView depotId={depotId} year={p.halfYear} half={p.half} onChange={change} />}
      {sheet === 'summary' && <SummaryView depotId={depotId} year={p.year} quarter={p.quarter} onChange={change} />}
    </section>
  );
}

/** Reads one thing for the given key; answers to an older key are dropped. */
function useRead<T>(key: string, read: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(true);
  const asked = useRef('');
  const load = () => {
    asked.current = key;
    setBusy(true);
    setProblem(null);
    read().then(
      (r) => asked.current === key && (setData(r), setBusy(false)),
      (e) => asked.current === key && (setProblem(toProblem(e)), setBusy(false)),
    );
  };
  useEffect(load, [key]);
  return { data, problem, busy, load };
}

type OnChange = (changes: Record<string, string | number | undefined>) => void;

function Downloads({ html, pdf, xlsx, testid }: { html?: string; pdf?: string; xlsx: string; testid: string }) {
  return (
    <span class="report-actions">
      {html && (
        <a class="button" href={html} target="_blank" rel="noopener" data-testid={`${testid}-print`}>
          {t('button.printForm')}
        </a>
      )}
      {pdf && (
        <a class="button" href={pdf} download data-testid={`${testid}-pdf`}>
          {t('button.downloadPdf')}
        </a>
      )}
      <a class="button" href={xlsx} download data-testid={`${testid}-xlsx`}>
        {t('button.downloadXlsx')}
      </a>
    </span>
  );
}

function RegisterSheetView({ depotId, from, to, onChange }: { depotId: number; from: string; to: string; onChange: OnChange }) {
  const { data, problem, busy, load } = useRead<RegisterSheet>(`${depotId}/${from}/${to}`, () => dispensingRegister(depotId, from, to));
  const href = (format: 'html' | 'pdf' | 'xlsx') => dispensingRegisterHref(depotId, from, to, format, lang.value);
  return (
    <>
      <div class="toolbar report-controls no-print">
        <label class="field inline">
          <span>{t('peopleReport.from')}</span>
          <input type="date" data-testid="register-from" value={from} max={to} onChange={(e) => e.currentTarget.value && onChange({ from: e.currentTarget.value })} />
        </label>
        <label class="field inline">
          <span>{t('peopleReport.to')}</span>
          <input type="date" data-testid="register-to" value={to} min={from} onChange={(e) => e.currentTarget.value && onChange({ to: e.currentTarget.value })} />
        </label>
        <Downloads html={href('html')} pdf={href('pdf')} xlsx={href('xlsx')} testid="register" />
      </div>
      <ProblemMessage problem={problem} onRetry={load} />
      {data && !problem && <SheetView sheet={data} busy={busy} />}
      {!data && !problem && <p class="note">{t('label.loading')}</p>}
    </>
  );
}

const yearChoices = (year: number) => {
  const now = Number(today().slice(0, 4));
  return [...new Set([now, now - 1, now - 2, year])].sort((a, b) => b - a);
};

function UserCountsView({ depotId, year, half, onChange }: { depotId: number; year: number; half: 1 | 2; onChange: OnChange }) {
  const { data, problem, busy, load } = useRead<UserCounts>(`${depotId}/${year}/${half}`, () => userCounts(depotId, year, half));
  const methods = METHODS.filter((m) => data && (data.totals.users[m] ?? 0) > 0);
  return (
    <>
      <div class="toolbar report-controls no-print">
        <label class="field inline">
          <span>{t('peopleReport.year')}</span>
          <select data-testid="users-year" value={String(year)} onChange={(e) => onChange({ year: Number(e.currentTarget.value) })}>
            {yearChoices(year).map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label class="field inline">
          <span>{t('peopleReport.half')}</span>
          <select data-testid="users-half" value={String(half)} onChange={(e) => onChange({ half: Number(e.currentTarget.value) })}>
            {[1, 2].map((h) => (
              <option key={h} value={String(h)}>
                {t(h === 1 ? 'peopleReport.h1' : 'peopleReport.h2')}
              </option>
            ))}
          </select>
        </label>
        <Downloads xlsx={userCountsHref(depotId, year, half, lang.value)} testid="users" />
      </div>
      <ProblemMessage problem={problem} onRetry={load} />
      {data && !problem && (
        <article class="report-sheet" data-testid="user-counts">
          <h2 class="report-title">{t('peopleReport.usersTitle', { year: data.year, half: t(data.half === 1 ? 'peopleReport.h1' : 'peopleReport.h2') })}</h2>
          <p class="report-meta">
            <span>{data.depot.name}</span>
            <span>{t('peopleReport.asOf', { day: data.periodEnd })}</span>
            <span data-testid="user-counts-sources">{t('peopleReport.sources', { register: data.sources.register, entered: data.sources.entered, none: data.sources.none })}</span>
          </p>
          <div class="report-table-wrap" tabIndex={0} role="region" aria-label={t('label.userCountsForm')}>
            <table class="data report-table" aria-busy={busy}>
              <thead>
                <tr>
                  <th>{t('peopleReport.unit')}</th>
                  <th>{t('peopleReport.source')}</th>
                  {methods.map((m) => (
                    <th key={m} class="num">
                      {methodName(m)}
                    </th>
                  ))}
                  <th class="num">{t('peopleReport.total')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.depotId} data-testid="user-counts-row" data-code={r.code} data-source={r.source}>
                    <td>{r.name}</td>
                    <td>
                      {t(`peopleReport.source.${r.source}`)}
                      {r.source === 'register' && <span class="muted"> {t('peopleReport.registerDepots', { n: r.registerDepots, of: r.depots })}</span>}
                    </td>
                    {methods.map((m) => (
                      <td key={m} class="num">
                        {formatQuantity(r.users[m] ?? 0)}
                      </td>
                    ))}
                    <td class="num" data-testid="user-counts-total">
                      {formatQuantity(r.total)}
                    </td>
                  </tr>
                ))}
                {data.rows.length === 0 && (
                  <tr>
                    <td class="empty" colSpan={methods.length + 3}>
                      {t('label.empty')}
                    </td>
                  </tr>
                )}
              </tbody>
              {data.rows.length > 1 && (
                <tfoot>
                  <tr class="report-totals">
                    <td colSpan={2}>{t('peopleReport.total')}</td>
                    {methods.map((m) => (
                      <td key={m} class="num">
                        {formatQuantity(data.totals.users[m] ?? 0)}
                      </td>
                    ))}
                    <td class="num">{formatQuantity(data.totals.total)}</td>
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
        </article>
      )}
      {!data && !problem && <p class="note">{t('label.loading')}</p>}
    </>
  );
}

const SUMMARY_COLUMNS = ['users', 'followedUp', 'visits', 'sideEffects', 'switched', 'stopped', 'notReported'] as const;

function SummaryView({ depotId, year, quarter, onChange }: { depotId: number; year: number; quarter: number; onChange: OnChange }) {
  const { data, problem, busy, load } = useRead<FollowUpSummary>(`${depotId}/${year}/${quarter}`, () => followUpSummary(depotId, year, quarter));
  const href = (format: 'html' | 'pdf' | 'xlsx') => followUpSummaryHref(depotId, year, quarter, format, lang.value);
  return (
    <>
      <div class="toolbar report-controls no-print">
        <label class="field inline">
          <span>{t('peopleReport.year')}</span>
          <select data-testid="summary-year" value={String(year)} onChange={(e) => onChange({ year: Number(e.currentTarget.value) })}>
            {yearChoices(year).map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label class="field inline">
          <span>{t('peopleReport.quarter')}</span>
          <select data-testid="summary-quarter" value={String(quarter)} onChange={(e) => onChange({ quarter: Number(e.currentTarget.value) })}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={String(q)}>
                {t('peopleReport.quarterN', { q })}
              </option>
            ))}
          </select>
        </label>
        <Downloads html={href('html')} pdf={href('pdf')} xlsx={href('xlsx')} testid="summary" />
      </div>
      <ProblemMessage problem={problem} onRetry={load} />
      {data && !problem && (
        <article class="report-sheet" data-testid="follow-up-summary">
          <h2 class="report-title">{t('peopleReport.summaryTitle', { year: data.year, q: data.quarter })}</h2>
          <p class="report-meta">
            <span>{data.depot.name}</span>
            <span>
              {data.from} – {data.to}
            </span>
            <span data-testid="summary-due">{t('peopleReport.dueOn', { day: data.dueOn })}</span>
          </p>
          <div class="report-table-wrap" tabIndex={0} role="region" aria-label={t('label.followUpSummaryForm')}>
            <table class="data report-table" aria-busy={busy}>
              <thead>
                <tr>
                  <th>{t('peopleReport.unit')}</th>
                  {SUMMARY_COLUMNS.map((c) => (
                    <th key={c} class="num">
                      {t(`peopleReport.col.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.depotId} data-testid="summary-row" data-code={r.code}>
                    <td>{r.name}</td>
                    {SUMMARY_COLUMNS.map((c) => (
                      <td key={c} class="num">
                        {formatQuantity(r[c])}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr class="report-totals" data-testid="summary-totals">
                  <td>{t('peopleReport.total')}</td>
                  {SUMMARY_COLUMNS.map((c) => (
                    <td key={c} class="num">
                      {formatQuantity(data.totals[c])}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
          {data.notReported.length > 0 && (
            <p class="notice attention" data-testid="summary-not-reported">
              {t('peopleReport.notReported', { names: data.notReported.map((d) => d.name).join('、') })}
            </p>
          )}
        </article>
      )}
      {!data && !problem && <p class="note">{t('label.loading')}</p>}
    </>
  );
}
