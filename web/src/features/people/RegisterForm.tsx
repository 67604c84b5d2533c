import { useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { invalidProps, useFieldIds } from '../../components/FieldError.tsx';
import { usePanelFocus } from '../../components/focus.ts';
import { today } from '../../components/format.ts';
import type { ProductClass } from '../../../../server/schemas/constants.ts';
import { registerPerson, type PersonRow } from './people-api.ts';
import { METHODS, methodName } from './people-format.ts';
import { t } from './i18n.ts';

type Field = 'name' | 'birthYearMonth' | 'community' | 'contact' | 'method' | 'methodSince' | 'consent' | 'consentOn';

/** Which field a refusal is about: the server names it (validation_failed), or the code does. */
function fieldOf(problem: ApiProblem | null): Field | null {
  if (!problem) return null;
  if (problem.code === 'consent_required') return 'consent';
  const path = problem.errors[0]?.path;
  if (problem.code === 'date_in_future') return path === 'consentOn' ? 'consentOn' : 'methodSince';
  return (['name', 'birthYearMonth', 'community', 'contact', 'method', 'methodSince', 'consent', 'consentOn'] as const).find((f) => f === path) ?? null;
}

/**
 * Registering a person (花名册): the minimum the regulation's form asks (name, birth year and month,
 * village group or community, optionally a contact), the method and since when, and the person's
 * consent with its date, without which the server refuses (422 consent_required). No ID number.
 */
export function RegisterForm({ depotId, onCancel, onRegistered }: { depotId: number; onCancel: () => void; onRegistered: (p: PersonRow) => void }) {
  const day = today();
  const [name, setName] = useState('');
  const [birth, setBirth] = useState('');
  const [community, setCommunity] = useState('');
  const [contact, setContact] = useState('');
  const [method, setMethod] = useState<ProductClass>('oral');
  const [since, setSince] = useState(day);
  const [consent, setConsent] = useState(false);
  const [consentOn, setConsentOn] = useState(day);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const ids = useFieldIds();
  const panel = usePanelFocus<HTMLFormElement>();
  const about = fieldOf(problem);
  const marked = (f: Field) => invalidProps(ids('problem'), about === f);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onRegistered(await registerPerson({ depotId, name, birthYearMonth: birth, community, ...(contact.trim() ? { contact: contact.trim() } : {}), method, methodSince: since, consent, consentOn }));
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  }
  return (
    <form ref={panel} class="panel person-form" data-testid="person-form" onSubmit={(e) => void submit(e)}>
      <h2>{t('people.registerTitle')}</h2>
      <p class="hint">{t('people.registerHint')}</p>
      <div class="form-grid">
        <label class={about === 'name' ? 'field invalid' : 'field'}>
          <span>{t('people.name')}</span>
          <input data-testid="person-name-input" required maxLength={40} autoComplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} {...marked('name')} />
        </label>
        <label class={about === 'birthYearMonth' ? 'field invalid' : 'field'}>
          <span>{t('people.birthYearMonth')}</span>
          <input type="month" data-testid="person-birth" required min="1950-01" max={day.slice(0, 7)} placeholder="1994-03" value={birth} onInput={(e) => setBirth(e.currentTarget.value)} {...marked('birthYearMonth')} />
        </label>
        <label class={about === 'community' ? 'field invalid' : 'field'}>
          <span>{t('people.community')}</span>
          <input data-testid="person-community" required maxLength={60} placeholder={t('people.communityHint')} value={community} onInput={(e) => setCommunity(e.currentTarget.value)} {...marked('community')} />
        </label>
        <label class={about === 'contact' ? 'field invalid' : 'field'}>
          <span>{t('people.contactOptional')}</span>
          <input data-testid="person-contact" type="tel" maxLength={40} autoComplete="off" value={contact} onInput={(e) => setContact(e.currentTarget.value)} {...marked('contact')} />
        </label>
        <label class={about === 'method' ? 'field invalid' : 'field'}>
          <span>{t('people.method')}</span>
          <select data-testid="person-method" value={method} onChange={(e) => setMethod(e.currentTarget.value as ProductClass)} {...marked('method')}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {methodName(m)}
              </option>
            ))}
          </select>
        </label>
        <label class={about === 'methodSince' ? 'field invalid' : 'field'}>
          <span>{t('people.since')}</span>
          <input type="date" data-testid="person-since" required max={day} value={since} onInput={(e) => setSince(e.currentTarget.value)} {...marked('methodSince')} />
        </label>
      </div>
      <fieldset class={about === 'consent' || about === 'consentOn' ? 'person-consent invalid' : 'person-consent'}>
        <legend>{t('people.consent')}</legend>
        <label class="check">
          <input type="checkbox" data-testid="person-consent" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} {...marked('consent')} />
          {t('people.consentText')}
        </label>
        <label class="field inline">
          <span>{t('people.consentOn')}</span>
          <input type="date" data-testid="person-consent-on" required max={day} value={consentOn} onInput={(e) => setConsentOn(e.currentTarget.value)} {...marked('consentOn')} />
        </label>
      </fieldset>
      <ProblemMessage problem={problem} testid="person-problem" id={ids('problem')} />
      <div class="actions">
        <button type="submit" class="button primary" data-testid="person-submit" disabled={busy}>
          {t('people.registerSubmit')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('button.cancel')}
        </button>
      </div>
    </form>
  );
}
