import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatDateTime } from '../../components/format.ts';
import { session } from '../auth/session.ts';
import { adverseReaction, form13Href, submitCaseReport, type AdverseReaction } from './adverse-api.ts';
import { confirms, readsSignals, submitsCase } from './access.ts';
import { ConfirmForm } from './ConfirmForm.tsx';
import { DueDate, SeriousTag, StatusBadge, criteriaText, nameOf } from './labels.tsx';
import { t } from './i18n.ts';

/**
 * One adverse-reaction report: what form 11 says, the person's details only where the server
 * sends them, the county's confirmation of a serious reaction (the clinician decides here) and
 * its case report to the region (form 13, sent by a clinician or leader of the county).
 */
export function AdverseReactionScreen({ reportId }: { reportId: number }) {
  const [report, setReport] = useState<AdverseReaction | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState('');
  const load = () => {
    setProblem(null);
    adverseReaction(reportId).then(setReport, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setReport(null);
    setDone('');
    load();
  }, [reportId]);

  const r = report?.id === reportId ? report : null;
  if (!r) return problem ? <ProblemMessage problem={problem} onRetry={load} /> : <p class="note">{t('label.loading')}</p>;
  const changed = (next: AdverseReaction, message: string) => {
    setReport(next);
    setDone(message);
  };
  const mayConfirm = r.status === 'awaiting_confirmation' && confirms(r);
  const maySubmit = r.serious && r.status !== 'submitted' && submitsCase(r);
  return (
    <section class="adr-report" data-testid="adr-report" data-status={r.status} data-serious={String(r.serious)} data-number={r.number}>
      <header class="page-head">
        <div class="toolbar no-print">
          <a class="button" href={paths.adverseReactions(session.value?.depot.id ?? r.depot.id)} data-testid="adr-report-back">
            ‹ {t('label.adverseReactions')}
          </a>
          <span class="grow" />
          {r.serious && (
            <>
              <a class="button" href={form13Href(r.id, 'html', lang.value)} target="_blank" rel="noopener" data-testid="adr-form13-print">
                {t('adr.form13Print')}
              </a>
              <a class="button" href={form13Href(r.id, 'xlsx', lang.value)} download data-testid="adr-form13-xlsx">
                {t('adr.form13Xlsx')}
              </a>
            </>
          )}
        </div>
        <h1>
          {t('adr.reportTitle')} <span class="code" data-testid="adr-case-number">{r.caseNumber}</span> <StatusBadge status={r.status} /> <SeriousTag serious={r.serious} />
        </h1>
      </header>
      {done && (
        <p class="notice" role="status" data-testid="adr-done">
          {done}
        </p>
      )}
      <ReportFacts r={r} />
      {r.confirmation && <ConfirmationFacts r={r} />}
      {mayConfirm && <ConfirmForm report={r} onDone={(next) => changed(next, t(next.status === 'confirmed' ? 'adr.confirmedDone' : 'adr.notSeriousDone'))} />}
      {maySubmit && <SubmitPanel report={r} onDone={(next) => changed(next, t('adr.submittedDone'))} />}
    </section>
  );
}

function ReportFacts({ r }: { r: AdverseReaction }) {
  const row = (label: string, value: ComponentChildren, testid?: string, wide = false) => (
    <div class={wide ? 'wide' : undefined}>
      <dt>{label}</dt>
      <dd data-testid={testid}>{value}</dd>
    </div>
  );
  return (
    <dl class="facts adr-facts" data-testid="adr-facts">
      {row(t('adr.number'), <span class="code">{r.number}</span>)}
      {row(t('adr.reportingDepot'), r.depot.name)}
      {r.personal && row(t('adr.personName'), r.personal.name ?? t('adr.notOnRegister'), 'adr-person-name')}
      {r.personal?.community && row(t('adr.community'), r.personal.community)}
      {row(t('adr.ageAtOnset'), r.ageAtOnset ?? '—')}
      {row(t('label.product'), `${nameOf(r.product)} (${r.product.code})`)}
      {row(
        t('label.lot'),
        <>
          <span class="code" data-testid="adr-lot">
            {r.batch.lot}
          </span>{' '}
          <span class="muted">
            {t('label.expiresOn')} {r.batch.expiresOn}
          </span>{' '}
          {r.entry === 'typed' && <span class="tag typed">{t('scan.typedTag')}</span>}{' '}
          <a class="trace-link" href={paths.trace(r.batch.id, session.value?.depot.id)} data-testid="adr-trace">
            {t('label.trace')}
          </a>
        </>,
      )}
      {row(t('adr.useStartedOn'), r.useStartedOn)}
      {row(t('adr.onsetOn'), r.onsetOn)}
      {row(t('adr.learnedOn'), r.learnedOn)}
      {row(t('adr.description'), r.description, undefined, true)}
      {r.treatment && row(t('adr.treatment'), r.treatment)}
      {row(t('adr.outcome'), t(`adr.outcome.${r.outcome}`))}
      {row(t('adr.criteriaMet'), r.serious ? criteriaText(r.criteria) : t('adr.noCriteria'), 'adr-criteria-found', true)}
      {r.reportedCriteria.join() !== r.criteria.join() && row(t('adr.reportedCriteria'), criteriaText(r.reportedCriteria) || t('adr.noCriteria'), undefined, true)}
      {row(t('adr.dueOn'), <DueDate dueOn={r.dueOn} overdue={r.overdue} />)}
      {row(t('adr.reporter'), `${r.reporter.displayName} · ${formatDateTime(r.filedAt)}`)}
      {r.submission && row(t('adr.submittedAt'), formatDateTime(r.submission.submittedAt), 'adr-submitted-at')}
      {r.signalId !== null &&
        readsSignals() &&
        row(
          t('adr.signal'),
          <a href={paths.adverseSignal(r.signalId)} data-testid="adr-signal-link">
            {t('adr.openSignal')}
          </a>,
        )}
    </dl>
  );
}

function ConfirmationFacts({ r }: { r: AdverseReaction }) {
  const c = r.confirmation!;
  return (
    <section class="panel" data-testid="adr-confirmation" data-decision={c.decision}>
      <h2>{t('adr.confirmationTitle')}</h2>
      <p>
        <strong>{t(`adr.decision.${c.decision}`)}</strong>
      </p>
      <dl class="facts">
        <div>
          <dt>{t('adr.diagnosingBody')}</dt>
          <dd>{t(`adr.body.${c.diagnosingBody}`)}</dd>
        </div>
        <div>
          <dt>{t('adr.institution')}</dt>
          <dd>{c.institution}</dd>
        </div>
        <div>
          <dt>{t('adr.diagnostician')}</dt>
          <dd>{c.diagnostician}</dd>
        </div>
        <div>
          <dt>{t('adr.diagnosedOn')}</dt>
          <dd>{c.diagnosedOn}</dd>
        </div>
        {c.note && (
          <div>
            <dt>{t('adr.note')}</dt>
            <dd>{c.note}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/**
 * Sending the case report (form 13) to the region: once, after the county's confirmation. Asked
 * once first; before the confirmation the server refuses (confirmation_required) and its message
 * stands here.
 */
function SubmitPanel({ report, onDone }: { report: AdverseReaction; onDone: (next: AdverseReaction) => void }) {
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    setAsking(false);
    setBusy(true);
    setProblem(null);
    try {
      onDone(await submitCaseReport(report.id));
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="panel adr-submit" data-testid="adr-submit-panel">
      <h2>{t('adr.submitTitle')}</h2>
      <p class="hint">{report.status === 'confirmed' ? t('adr.submitHint') : t('adr.submitAfterConfirmation')}</p>
      <button type="button" class="button primary" data-testid="adr-submit" disabled={busy} onClick={() => (setProblem(null), setAsking(true))}>
        {t('adr.submit')}
      </button>
      <ProblemMessage problem={problem} testid="adr-submit-problem" />
      {asking && (
        <ConfirmDialog title={t('adr.submitTitle')} confirmLabel={t('adr.submit')} onConfirm={() => void submit()} onCancel={() => setAsking(false)} testid="adr-submit-dialog">
          <p>{t('adr.submitQuestion', { number: report.caseNumber })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
