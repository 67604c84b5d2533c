import { useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { invalidProps, useFieldIds } from '../../components/FieldError.tsx';
import { today } from '../../components/format.ts';
import type { FollowUpOutcome } from '../../../../server/domain/people-vocabulary.ts';
import type { ProductClass } from '../../../../server/schemas/constants.ts';
import { recordFollowUp, type FollowUpCreate } from './people-api.ts';
import { METHODS, methodName, outcomeName } from './people-format.ts';
import { t } from './i18n.ts';

export type FollowUpDone = Awaited<ReturnType<typeof recordFollowUp>>;

/**
 * A follow-up visit in one or two taps (随访, S0:365): 继续使用 is saved at once; side effects,
 * a switch or a stop open one field (what, the new method, why) and a save. Dated today unless
 * changed; the server updates the register and sets the next date.
 */
export function FollowUpEntry({ personId, method, onDone, compact = false }: { personId: number; method: ProductClass; onDone: (done: FollowUpDone) => void; compact?: boolean }) {
  const [open, setOpen] = useState<Exclude<FollowUpOutcome, 'continuing'> | null>(null);
  const [text, setText] = useState('');
  const [switchedTo, setSwitchedTo] = useState<ProductClass>(METHODS.find((m) => m !== method) ?? 'condom');
  const [on, setOn] = useState(today());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const ids = useFieldIds();

  async function save(input: FollowUpCreate) {
    setBusy(true);
    setProblem(null);
    try {
      const done = await recordFollowUp(personId, input);
      setOpen(null);
      setText('');
      onDone(done);
    } catch (err) {
      setProblem(toProblem(err));
    }
    setBusy(false);
  }
  const detail = (outcome: Exclude<FollowUpOutcome, 'continuing'>): FollowUpCreate => {
    const day = on === today() ? {} : { on };
    if (outcome === 'side_effects') return { outcome, sideEffects: text.trim(), ...day };
    if (outcome === 'switched') return { outcome, switchedTo, ...day };
    return { outcome, stopReason: text.trim(), ...day };
  };
  const missing = open !== null && open !== 'switched' && text.trim() === '';
  return (
    <div class={compact ? 'follow-up-entry compact' : 'follow-up-entry'} data-testid="follow-up-entry" data-person={personId}>
      <div class="follow-up-choices" role="group" aria-label={t('followUp.outcome')}>
        <button type="button" class="button primary" data-testid="follow-up-continuing" disabled={busy} onClick={() => void save(on === today() ? { outcome: 'continuing' } : { outcome: 'continuing', on })}>
          {outcomeName('continuing')}
        </button>
        {(['side_effects', 'switched', 'stopped'] as const).map((o) => (
          <button key={o} type="button" class="button" data-testid={`follow-up-${o}`} aria-pressed={open === o} aria-expanded={open === o} disabled={busy} onClick={() => setOpen(open === o ? null : o)}>
            {outcomeName(o)}
          </button>
        ))}
      </div>
      {open && (
        <form
          class="inline-form follow-up-detail"
          data-testid="follow-up-detail"
          onSubmit={(e) => {
            e.preventDefault();
            if (!missing) void save(detail(open));
          }}
        >
          {open === 'switched' ? (
            <label>
              {t('followUp.switchedTo')}
              <select data-testid="follow-up-method" value={switchedTo} onChange={(e) => setSwitchedTo(e.currentTarget.value as ProductClass)}>
                {METHODS.filter((m) => m !== method).map((m) => (
                  <option key={m} value={m}>
                    {methodName(m)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <label class="grow">
              {t(open === 'side_effects' ? 'followUp.sideEffectsWhat' : 'followUp.stopReason')}
              <input data-testid="follow-up-text" required maxLength={open === 'side_effects' ? 500 : 200} value={text} placeholder={t(open === 'side_effects' ? 'followUp.sideEffectsHint' : 'followUp.stopHint')} onInput={(e) => setText(e.currentTarget.value)} {...invalidProps(ids('problem'), problem?.code === 'validation_failed')} />
            </label>
          )}
          <label>
            {t('followUp.on')}
            <input type="date" data-testid="follow-up-on" max={today()} value={on} onInput={(e) => setOn(e.currentTarget.value)} {...invalidProps(ids('problem'), problem?.code === 'date_in_future' || problem?.code === 'date_before_last_change')} />
          </label>
          <button class="button primary" data-testid="follow-up-save" disabled={busy || missing}>
            {t('button.save')}
          </button>
        </form>
      )}
      <ProblemMessage problem={problem} testid="follow-up-problem" id={ids('problem')} />
    </div>
  );
}
