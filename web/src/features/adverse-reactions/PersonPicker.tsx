import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { people, type Person } from './adverse-api.ts';
import { t } from './i18n.ts';

/** Who the report is about: someone on the register (by case number), or someone not on it by birth year and village only. */
export type Who = { kind: 'registered'; person: Person | null } | { kind: 'unregistered'; birthYear: string; community: string };

const SHOWN = 8;

/**
 * The person of a report: picked from the register of the depot (and, at a township, of the
 * villages below it) by case number or name, or, for someone not on it, the birth year and the
 * village or community only: no name, no contact (the minimum, PIPL).
 */
export function PersonPicker({ depotId, who, onChange, invalid, messageId }: { depotId: number; who: Who; onChange: (who: Who) => void; invalid: boolean; messageId: string }) {
  const [register, setRegister] = useState<Person[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [search, setSearch] = useState('');
  useEffect(() => {
    people(depotId).then(
      (p) => setRegister(p.items),
      (e) => setProblem(toProblem(e)),
    );
  }, [depotId]);

  const needle = search.trim().toLowerCase();
  const matches = (register ?? []).filter((p) => !needle || [p.caseNumber, p.personal?.name ?? ''].some((s) => s.toLowerCase().includes(needle)));
  const aria = invalid ? { 'aria-invalid': 'true' as const, 'aria-describedby': messageId } : {};
  return (
    <fieldset class="adr-fieldset" data-testid="adr-person">
      <legend>{t('adr.person')}</legend>
      <div class="adr-choice">
        <label class="check">
          <input type="radio" name="adr-who" data-testid="adr-who-registered" checked={who.kind === 'registered'} onChange={() => onChange({ kind: 'registered', person: null })} />
          {t('adr.registered')}
        </label>
        <label class="check">
          <input type="radio" name="adr-who" data-testid="adr-who-unregistered" checked={who.kind === 'unregistered'} onChange={() => onChange({ kind: 'unregistered', birthYear: '', community: '' })} />
          {t('adr.unregistered')}
        </label>
      </div>
      {who.kind === 'registered' && who.person && (
        <p class="picked-lot" data-testid="adr-person-picked" data-case={who.person.caseNumber}>
          <strong class="code">{who.person.caseNumber}</strong> {who.person.personal?.name ?? ''} <span class="muted">{t(`productClass.${who.person.method}`)}</span>{' '}
          <button type="button" class="button small" data-testid="adr-person-change" onClick={() => onChange({ kind: 'registered', person: null })}>
            {t('adr.change')}
          </button>
        </p>
      )}
      {who.kind === 'registered' && !who.person && (
        <>
          <label class="field">
            <span>{t('adr.findPerson')}</span>
            <input type="search" data-testid="adr-person-search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} {...aria} />
          </label>
          <ProblemMessage problem={problem} />
          {register && (
            <ul class="adr-people" data-testid="adr-people">
              {matches.slice(0, SHOWN).map((p) => (
                <li key={p.id}>
                  <button type="button" class="button small" data-testid="adr-person-choose" data-case={p.caseNumber} onClick={() => onChange({ kind: 'registered', person: p })}>
                    {p.caseNumber}
                  </button>{' '}
                  {p.personal?.name ?? ''} <span class="muted">{t(`productClass.${p.method}`)}</span>
                </li>
              ))}
              {matches.length === 0 && <li class="muted">{register.length === 0 ? t('adr.registerEmpty') : t('adr.noMatch')}</li>}
            </ul>
          )}
        </>
      )}
      {who.kind === 'unregistered' && (
        <div class="form-grid">
          <label class="field">
            <span>{t('adr.birthYear')}</span>
            <input inputMode="numeric" maxLength={4} data-testid="adr-birth-year" value={who.birthYear} onInput={(e) => onChange({ ...who, birthYear: e.currentTarget.value })} {...aria} />
          </label>
          <label class="field">
            <span>{t('adr.community')}</span>
            <input maxLength={60} data-testid="adr-community" value={who.community} onInput={(e) => onChange({ ...who, community: e.currentTarget.value })} {...aria} />
          </label>
          <p class="hint wide">{t('adr.minimalHint')}</p>
        </div>
      )}
    </fieldset>
  );
}
