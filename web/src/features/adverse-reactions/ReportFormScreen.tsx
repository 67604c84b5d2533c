import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type BatchWithProduct, type StockRow } from '../../api.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage, problemText } from '../../components/ProblemMessage.tsx';
import { formatQuantity, productName, today } from '../../components/format.ts';
import { ADR_OUTCOMES, SERIOUS_CRITERIA, type AdrOutcome, type SeriousCriterion } from '../../../../server/domain/adverse-vocabulary.ts';
import { adrDueOn, seriousCriteriaOf } from '../../../../server/domain/adverse-reactions.ts';
import { session } from '../auth/session.ts';
import { focusScanField, ScanField, useScanStatus } from '../receiving/ScanField.tsx';
import { fileReport, type ReportInput } from './adverse-api.ts';
import { filesReports } from './access.ts';
import { PersonPicker, type Who } from './PersonPicker.tsx';
import { scannedLot } from '../../components/scanned-lot.ts';
import { t } from './i18n.ts';

const PROBLEM_ID = 'adr-form-problem';
const SCAN_MESSAGE_ID = 'adr-scan-message';

/** The fields a refusal names (problem+json `errors[].path`), to mark them. */
const pathsOf = (problem: ApiProblem | null) => new Set((problem?.errors ?? []).map((e) => e.path.split('.')[0]!));

/**
 * Form 11 (不良反应报告表, S0:436) filed by a village or township dispenser: the person, the lot by
 * scan, when use started, the onset, what happened, the outcome and the five serious criteria
 * (S0:427-432). A criterion ticked (or a death) makes it serious at once: the form says so, that the
 * county must confirm it, and when it is due.
 */
export function ReportFormScreen({ depotId }: { depotId: number }) {
  const [who, setWho] = useState<Who>({ kind: 'registered', person: null });
  const [lot, setLot] = useState<{ raw: string | null; batch: BatchWithProduct } | null>(null);
  const [status, say] = useScanStatus();
  const [useStartedOn, setUseStartedOn] = useState('');
  const [onsetOn, setOnsetOn] = useState('');
  const [learnedOn, setLearnedOn] = useState(today());
  const [description, setDescription] = useState('');
  const [treatment, setTreatment] = useState('');
  const [outcome, setOutcome] = useState<AdrOutcome>('improving');
  const [ticked, setTicked] = useState<SeriousCriterion[]>([]);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  if (!filesReports(depotId)) return <p class="note" data-testid="adr-not-here">{t('error.reporting_not_here')}</p>;

  async function onScan(raw: string) {
    try {
      const batch = await scannedLot(raw);
      setLot({ raw, batch });
      say('ok', `${productName(batch.product)} · ${t('label.lot')} ${batch.lot}`);
    } catch (e) {
      setLot(null);
      say('error', problemText(toProblem(e)));
    }
    focusScanField();
  }

  const criteria = seriousCriteriaOf(ticked, outcome);
  const serious = criteria.length > 0;
  const rule = session.value?.adverseReactionDueDays;
  const dueOn = rule && /^\d{4}-\d{2}-\d{2}$/.test(learnedOn) ? adrDueOn(learnedOn, criteria, rule) : null;
  const bad = pathsOf(problem);
  const mark = (field: string) => (bad.has(field) ? { 'aria-invalid': 'true' as const, 'aria-describedby': PROBLEM_ID } : {});
  const toggle = (c: SeriousCriterion, on: boolean) => setTicked((all) => SERIOUS_CRITERIA.filter((x) => (x === c ? on : all.includes(x))));

  async function submit(e: Event) {
    e.preventDefault();
    if (!lot) return;
    const person: Partial<ReportInput> =
      who.kind === 'registered' ? (who.person ? { personId: who.person.id } : {}) : { birthYear: Number(who.birthYear) || undefined, community: who.community.trim() || undefined };
    setBusy(true);
    setProblem(null);
    try {
      const filed = await fileReport({
        depotId,
        ...person,
        ...(lot.raw ? { raw: lot.raw } : { batchId: lot.batch.id }),
        useStartedOn,
        onsetOn,
        learnedOn,
        description: description.trim(),
        ...(treatment.trim() ? { treatment: treatment.trim() } : {}),
        outcome,
        criteria: ticked,
      });
      navigate(paths.adverseReaction(filed.id));
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  }

  const complete = lot !== null && useStartedOn !== '' && onsetOn !== '' && learnedOn !== '' && description.trim().length >= 2;
  return (
    <form class="adr-form" data-testid="adr-form" onSubmit={(e) => void submit(e)}>
      <div class="toolbar no-print">
        <a class="button" href={paths.adverseReactions(depotId)} data-testid="adr-back">
          ‹ {t('label.adverseReactions')}
        </a>
      </div>
      <h2>{t('adr.newTitle')}</h2>
      <p class="hint">{t('adr.newHint')}</p>

      <PersonPicker depotId={depotId} who={who} onChange={setWho} invalid={bad.has('personId') || bad.has('birthYear') || bad.has('community')} messageId={PROBLEM_ID} />

      <fieldset class="adr-fieldset" data-testid="adr-lot">
        <legend>{t('adr.productAndLot')}</legend>
        <div class="scan-bar">
          <ScanField
            onScan={(raw) => void onScan(raw)}
            status={status}
            messageId={SCAN_MESSAGE_ID}
            messageTestId="adr-scan-message"
            hint={t('adr.scanHint')}
            manual={(close) => <ManualLot depotId={depotId} onChoose={(b) => (setLot({ raw: null, batch: b }), say('ok', `${productName(b.product)} · ${t('label.lot')} ${b.lot}`), close())} />}
          />
        </div>
        {lot && (
          <dl class="facts" data-testid="adr-lot-picked" data-lot={lot.batch.lot} data-entry={lot.raw ? 'scanned' : 'typed'}>
            <div>
              <dt>{t('label.product')}</dt>
              <dd>{productName(lot.batch.product)}</dd>
            </div>
            <div>
              <dt>{t('label.lot')}</dt>
              <dd class="code">{lot.batch.lot}</dd>
            </div>
            <div>
              <dt>{t('label.expiresOn')}</dt>
              <dd>{lot.batch.expiresOn}</dd>
            </div>
            {lot.batch.manufacturer && (
              <div>
                <dt>{t('label.manufacturer')}</dt>
                <dd>{lot.batch.manufacturer}</dd>
              </div>
            )}
          </dl>
        )}
      </fieldset>

      <fieldset class="adr-fieldset">
        <legend>{t('adr.reaction')}</legend>
        <div class="form-grid">
          <label class="field">
            <span>{t('adr.useStartedOn')}</span>
            <input type="date" required max={today()} data-testid="adr-use-started" value={useStartedOn} onInput={(e) => setUseStartedOn(e.currentTarget.value)} {...mark('useStartedOn')} />
          </label>
          <label class="field">
            <span>{t('adr.onsetOn')}</span>
            <input type="date" required max={today()} data-testid="adr-onset" value={onsetOn} onInput={(e) => setOnsetOn(e.currentTarget.value)} {...mark('onsetOn')} />
          </label>
          <label class="field">
            <span>{t('adr.learnedOn')}</span>
            <input type="date" required max={today()} data-testid="adr-learned" value={learnedOn} onInput={(e) => setLearnedOn(e.currentTarget.value)} {...mark('learnedOn')} />
          </label>
          <label class="field">
            <span>{t('adr.outcome')}</span>
            <select data-testid="adr-outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as AdrOutcome)}>
              {ADR_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`adr.outcome.${o}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label class="field">
          <span>{t('adr.description')}</span>
          <textarea rows={3} required maxLength={1000} data-testid="adr-description" value={description} onInput={(e) => setDescription(e.currentTarget.value)} {...mark('description')} />
        </label>
        <label class="field">
          <span>{t('adr.treatment')}</span>
          <textarea rows={2} maxLength={500} data-testid="adr-treatment" value={treatment} onInput={(e) => setTreatment(e.currentTarget.value)} />
        </label>
      </fieldset>

      <fieldset class="adr-fieldset adr-criteria" data-testid="adr-criteria">
        <legend>{t('adr.criteria')}</legend>
        {SERIOUS_CRITERIA.map((c) => {
          const byOutcome = c === 'death' && outcome === 'death';
          return (
            <label key={c} class="check">
              <input type="checkbox" data-testid={`adr-criterion-${c}`} checked={criteria.includes(c)} disabled={byOutcome} onChange={(e) => toggle(c, e.currentTarget.checked)} />
              {t(`adr.criterion.${c}`)}
            </label>
          );
        })}
      </fieldset>
      <p class={serious ? 'notice attention adr-verdict serious' : 'notice adr-verdict'} role="status" data-testid="adr-verdict" data-serious={String(serious)} data-due={dueOn ?? ''}>
        {serious ? t('adr.seriousNow') : t('adr.ordinaryNow')}
        {dueOn && (
          <>
            {' '}
            <strong>{t(serious ? 'adr.dueCounty' : 'adr.dueTownship', { date: dueOn })}</strong>
          </>
        )}
      </p>

      <ProblemMessage problem={problem} testid="adr-form-problem" id={PROBLEM_ID} />
      <div class="actions">
        <button class="button primary" data-testid="adr-file" disabled={busy || !complete}>
          {t('adr.file')}
        </button>
      </div>
    </form>
  );
}

/** A lot whose label cannot be read: chosen from what the depot holds, earliest expiry first. */
function ManualLot({ depotId, onChoose }: { depotId: number; onChoose: (batch: BatchWithProduct) => void }) {
  const [rows, setRows] = useState<StockRow[]>([]);
  const [batchId, setBatchId] = useState(0);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  useEffect(() => {
    api.stock({ depotId, pageSize: 500 }).then(
      (page) => {
        const lots = [...new Map(page.items.map((r) => [r.batchId, r])).values()].sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
        setRows(lots);
        setBatchId(lots[0]?.batchId ?? 0);
      },
      (e) => setProblem(toProblem(e)),
    );
  }, [depotId]);
  return (
    <div class="inline-form" data-testid="adr-manual-lot">
      <label>
        {t('scan.chooseBatch')}
        <select data-testid="adr-manual-batch" value={batchId} onChange={(e) => setBatchId(Number(e.currentTarget.value))}>
          {rows.map((r) => (
            <option key={r.batchId} value={r.batchId}>
              {r.lot} · {productName(r.product)} · {t('label.expiresOn')} {r.expiresOn} · {formatQuantity(r.quantity)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" class="button primary" data-testid="adr-manual-choose" disabled={batchId === 0} onClick={() => api.batch(batchId).then(onChoose, (err) => setProblem(toProblem(err)))}>
        {t('scan.chooseThis')}
      </button>
      <ProblemMessage problem={problem} />
    </div>
  );
}
