import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useAction } from '../../components/action.ts';
import { DoneNotice, type Done } from '../../components/DoneNotice.tsx';
import { atOwnDepot, hasRole } from '../auth/session.ts';
import { acceptReport, reportStatus, returnReport, submitReport, type BelowReport, type OwnReport, type ReportStatus } from './submissions-api.ts';
import { t } from './i18n.ts';
import { SubmissionFigures } from './SubmissionFigures.tsx';

const say = (text: { zh: string; en: string }) => (lang.value === 'en' ? text.en : text.zh);
const BADGE: Record<OwnReport['state'], string> = { upcoming: '', due: 'status-approved', late: 'status-declined', submitted: 'status-awaiting_approval', returned: 'status-declined', accepted: 'status-received' };

/**
 * A depot's reports going up (逐级上报, S0:370): its own, each period with its due date and state,
 * signed and submitted by the leader; and those of the depots directly below, which its leader or
 * planner accepts or returns with a reason, with who has not reported. `#/reports/12?view=submissions&year=2026`.
 */
export function SubmissionsScreen({ depotId, query }: { depotId: number; query: URLSearchParams }) {
  const year = Number(query.get('year')) || Number(new Date().getFullYear());
  const [status, setStatus] = useState<ReportStatus | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<Done>(null);
  const load = () => {
    setProblem(null);
    reportStatus(depotId, year).then(setStatus, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setStatus(null);
    setDone(null);
    load();
  }, [depotId, year]);
  const changed = (text: () => string) => {
    setDone({ text });
    load();
  };

  return (
    <section class="screen submissions-screen" data-testid="submissions-screen" data-year={year} data-state={status ? 'ready' : problem ? 'error' : 'loading'}>
      <div class="toolbar no-print">
        <a class="button" href={paths.reports(depotId)} data-testid="submissions-back">
          ‹ {t('submission.backToReports')}
        </a>
        <label class="field inline">
          <span>{t('report.year')}</span>
          <select data-testid="submissions-year" value={String(year)} onChange={(e) => navigate(paths.reports(depotId, { view: 'submissions', year: e.currentTarget.value }), { replace: true })}>
            {[year + 1, year, year - 1, year - 2].map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>
      <h2>{t('submission.title')}</h2>
      <p class="hint">{t('submission.hint')}</p>
      <DoneNotice done={done} testid="submission-done" />
      <ProblemMessage problem={problem} onRetry={load} />
      {status && status.own.length > 0 && <OwnReports depotId={depotId} year={year} rows={status.own} onChanged={changed} />}
      {status && status.below.length > 0 && <BelowReports depotId={depotId} rows={status.below} onChanged={changed} />}
      {status && status.own.length === 0 && status.below.length === 0 && <p class="empty">{t('submission.none')}</p>}
    </section>
  );
}

/** The way in from the report sheets. */
export function SubmissionsLink({ depotId }: { depotId: number }) {
  return (
    <div class="toolbar no-print">
      <a class="button" href={paths.reports(depotId, { view: 'submissions' })} data-testid="submissions-link">
        {t('submission.link')}
      </a>
    </div>
  );
}

function StateBadge({ state }: { state: OwnReport['state'] }) {
  return (
    <span class={`status-badge ${BADGE[state]}`} data-testid="submission-state">
      {t(`submission.state.${state}`)}
    </span>
  );
}

function OwnReports({ depotId, year, rows, onChanged }: { depotId: number; year: number; rows: OwnReport[]; onChanged: (text: () => string) => void }) {
  return (
    <section class="panel" data-testid="submissions-own">
      <h3>{t('submission.own')}</h3>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('submission.own')}>
        <table class="data">
          <thead>
            <tr>
              <th>{t('submission.report')}</th>
              <th>{t('submission.period')}</th>
              <th>{t('submission.dueOn')}</th>
              <th>{t('submission.state')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.kind}-${r.period}`} data-testid="submission-own-row" data-kind={r.kind} data-period={r.period} data-state={r.state}>
                <td>{say(r.title)}</td>
                <td class="nowrap">{say(r.periodLabel)}</td>
                <td class="nowrap">{r.dueOn}</td>
                <td>
                  <StateBadge state={r.state} />
                  {r.version !== null && r.version > 1 && <span class="muted small"> {t('submission.version', { version: r.version })}</span>}
                  {r.returnReason && (
                    <div class="small" data-testid="submission-return-reason">
                      {t('submission.returnedBecause', { reason: r.returnReason })}
                    </div>
                  )}
                </td>
                <td>
                  {(r.state === 'due' || r.state === 'late' || r.state === 'returned') && <SubmitButton depotId={depotId} year={year} row={r} onChanged={onChanged} />}
                  {r.state !== 'upcoming' && (
                    // Before signing (or re-signing after a return): the live figures; once sent: the frozen ones.
                    <FiguresToggle source={r.submissionId !== null && r.state !== 'returned' ? { submissionId: r.submissionId } : { depotId, kind: r.kind, year, period: r.period }} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Only the depot's leader signs (the server refuses anyone else: role_required). */
function SubmitButton({ depotId, year, row, onChanged }: { depotId: number; year: number; row: OwnReport; onChanged: (text: () => string) => void }) {
  const { busy, problem, run } = useAction();
  if (!atOwnDepot(depotId) || !hasRole('leader')) return null;
  async function submit() {
    const sent = await run(() => submitReport(depotId, row.kind, year, row.period));
    if (sent) onChanged(() => t('submission.submittedDone', { report: say(sent.title), period: say(sent.periodLabel) }));
  }
  return (
    <div>
      <button type="button" class="button primary small" data-testid="submission-submit" disabled={busy} onClick={() => void submit()}>
        {row.state === 'returned' ? t('submission.resubmit') : t('submission.submit')}
      </button>
      <ProblemMessage problem={problem} testid="submission-problem" />
    </div>
  );
}

function BelowReports({ depotId, rows, onChanged }: { depotId: number; rows: BelowReport[]; onChanged: (text: () => string) => void }) {
  const decides = atOwnDepot(depotId) && (hasRole('leader') || hasRole('planner'));
  return (
    <section class="panel" data-testid="submissions-below">
      <h3>{t('submission.below')}</h3>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('submission.below')}>
        <table class="data">
          <thead>
            <tr>
              <th>{t('submission.report')}</th>
              <th>{t('submission.period')}</th>
              <th>{t('submission.accepted')}</th>
              <th>{t('submission.awaiting')}</th>
              <th>{t('submission.notReported')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.kind}-${r.period}`} data-testid="submission-below-row" data-kind={r.kind} data-period={r.period}>
                <td>{say(r.title)}</td>
                <td class="nowrap">{say(r.periodLabel)}</td>
                <td class="nowrap">
                  {r.accepted} / {r.expected}
                </td>
                <td>
                  {r.awaiting.map((c) => (
                    <Fragment key={c.depotId}>
                      <Awaiting name={c.name} submissionId={c.submissionId!} decides={decides} onChanged={onChanged} />
                    </Fragment>
                  ))}
                </td>
                <td data-testid="submission-not-reported">{r.notReported.map((c) => t('submission.notReportedOne', { depot: c.name, state: t(`submission.state.${c.state}`) })).join(lang.value === 'en' ? ', ' : '、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Awaiting({ name, submissionId, decides, onChanged }: { name: string; submissionId: number; decides: boolean; onChanged: (text: () => string) => void }) {
  const { busy, problem, run } = useAction();
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  async function accept() {
    if (await run(() => acceptReport(submissionId))) onChanged(() => t('submission.acceptedDone', { depot: name }));
  }
  async function giveBack(e: Event) {
    e.preventDefault();
    if (await run(() => returnReport(submissionId, reason.trim()))) onChanged(() => t('submission.returnedDone', { depot: name }));
  }
  return (
    <div class="submission-awaiting" data-testid="submission-awaiting" data-submission={submissionId}>
      <strong>{name}</strong>{' '}
      {decides && (
        <>
          <button type="button" class="button primary small" data-testid="submission-accept" disabled={busy} onClick={() => void accept()}>
            {t('submission.accept')}
          </button>{' '}
          {!returning && (
            <button type="button" class="button small" data-testid="submission-return" disabled={busy} onClick={() => setReturning(true)}>
              {t('submission.return')}
            </button>
          )}
        </>
      )}
      {returning && (
        <form class="inline-form" data-testid="submission-return-form" onSubmit={(e) => void giveBack(e)} onKeyDown={(e) => e.key === 'Escape' && setReturning(false)}>
          <label class="grow">
            {t('submission.returnReason')}
            <input data-testid="submission-return-reason-input" required minLength={2} maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <button class="button danger" data-testid="submission-return-submit" disabled={busy || reason.trim().length < 2}>
            {t('submission.returnDo')}
          </button>
          <button type="button" class="button" onClick={() => setReturning(false)}>
            {t('submission.cancel')}
          </button>
        </form>
      )}
      <ProblemMessage problem={problem} testid="submission-decide-problem" />
      <FiguresToggle source={{ submissionId }} />
    </div>
  );
}

/** Figures on demand: a report's table is read only by the one about to sign or decide. */
function FiguresToggle({ source }: { source: Parameters<typeof SubmissionFigures>[0]['source'] }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="submission-figures-toggle">
      <button type="button" class="button small" aria-expanded={open} data-testid="submission-figures-toggle" onClick={() => setOpen(!open)}>
        {open ? t('submission.hideFigures') : t('submission.figures')}
      </button>
      {open && <SubmissionFigures source={source} />}
    </div>
  );
}
