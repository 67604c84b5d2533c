import { useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { today } from '../../components/format.ts';
import { CONFIRMATION_DECISIONS, DIAGNOSING_BODIES, SERIOUS_CRITERIA, type ConfirmationDecision, type DiagnosingBody, type SeriousCriterion } from '../../../../server/domain/adverse-vocabulary.ts';
import { confirmReport, type AdverseReaction } from './adverse-api.ts';
import { t } from './i18n.ts';

const PROBLEM_ID = 'adr-confirm-problem';

/**
 * The county's technical service decides a reaction reported serious (S0:438): the diagnosing
 * body, institution, diagnostician and date, and either confirms it, with the criteria found (those
 * reported unless changed), or finds it not serious. The reporter cannot; the server says so.
 */
export function ConfirmForm({ report, onDone }: { report: AdverseReaction; onDone: (next: AdverseReaction) => void }) {
  const [decision, setDecision] = useState<ConfirmationDecision>('confirmed');
  const [criteria, setCriteria] = useState<SeriousCriterion[]>(report.criteria);
  const [body, setBody] = useState<DiagnosingBody>('fp_technical_service');
  const [institution, setInstitution] = useState('');
  const [diagnostician, setDiagnostician] = useState('');
  const [diagnosedOn, setDiagnosedOn] = useState(today());
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const bad = new Set((problem?.errors ?? []).map((e) => e.path));
  const mark = (field: string) => (bad.has(field) ? { 'aria-invalid': 'true' as const, 'aria-describedby': PROBLEM_ID } : {});

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onDone(
        await confirmReport(report.id, {
          decision,
          ...(decision === 'confirmed' ? { criteria } : {}),
          diagnosingBody: body,
          institution: institution.trim(),
          diagnostician: diagnostician.trim(),
          diagnosedOn,
          ...(note.trim() ? { note: note.trim() } : {}),
        }),
      );
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  }

  const complete = institution.trim().length >= 2 && diagnostician.trim() !== '' && diagnosedOn !== '' && (decision === 'not_serious' || criteria.length > 0);
  return (
    <form class="panel adr-confirm" data-testid="adr-confirm-form" onSubmit={(e) => void submit(e)}>
      <h2>{t('adr.confirmTitle')}</h2>
      <p class="hint">{t('adr.confirmHint')}</p>
      <fieldset class="adr-fieldset">
        <legend>{t('adr.decision')}</legend>
        {CONFIRMATION_DECISIONS.map((d) => (
          <label key={d} class="check">
            <input type="radio" name="adr-decision" data-testid={`adr-decision-${d}`} checked={decision === d} onChange={() => setDecision(d)} />
            {t(`adr.decision.${d}`)}
          </label>
        ))}
      </fieldset>
      {decision === 'confirmed' && (
        <fieldset class="adr-fieldset adr-criteria">
          <legend>{t('adr.criteriaFound')}</legend>
          {SERIOUS_CRITERIA.map((c) => (
            <label key={c} class="check">
              <input
                type="checkbox"
                data-testid={`adr-found-${c}`}
                checked={criteria.includes(c)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setCriteria((all) => SERIOUS_CRITERIA.filter((x) => (x === c ? on : all.includes(x))));
                }}
              />
              {t(`adr.criterion.${c}`)}
            </label>
          ))}
        </fieldset>
      )}
      <div class="form-grid">
        <label class="field">
          <span>{t('adr.diagnosingBody')}</span>
          <select data-testid="adr-body" value={body} onChange={(e) => setBody(e.currentTarget.value as DiagnosingBody)}>
            {DIAGNOSING_BODIES.map((b) => (
              <option key={b} value={b}>
                {t(`adr.body.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('adr.institution')}</span>
          <input required minLength={2} maxLength={100} data-testid="adr-institution" value={institution} onInput={(e) => setInstitution(e.currentTarget.value)} {...mark('institution')} />
        </label>
        <label class="field">
          <span>{t('adr.diagnostician')}</span>
          <input required maxLength={60} data-testid="adr-diagnostician" value={diagnostician} onInput={(e) => setDiagnostician(e.currentTarget.value)} {...mark('diagnostician')} />
        </label>
        <label class="field">
          <span>{t('adr.diagnosedOn')}</span>
          <input type="date" required max={today()} data-testid="adr-diagnosed-on" value={diagnosedOn} onInput={(e) => setDiagnosedOn(e.currentTarget.value)} {...mark('diagnosedOn')} />
        </label>
      </div>
      <label class="field">
        <span>{t('adr.note')}</span>
        <input maxLength={500} data-testid="adr-confirm-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <ProblemMessage problem={problem} testid="adr-confirm-problem" id={PROBLEM_ID} />
      <div class="actions">
        <button class="button primary" data-testid="adr-confirm" disabled={busy || !complete}>
          {t(decision === 'confirmed' ? 'adr.confirm' : 'adr.recordNotSerious')}
        </button>
      </div>
    </form>
  );
}
