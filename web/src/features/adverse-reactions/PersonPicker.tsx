import { PersonPicker as RegisterSearch } from '../dispensing/PersonPicker.tsx';
import type { PersonRow } from '../people/people-api.ts';
import { t } from './i18n.ts';

/** Who the report is about: someone on the register (by case number), or someone not on it by birth year and village only. */
export type Who = { kind: 'registered'; person: PersonRow | null } | { kind: 'unregistered'; birthYear: string; community: string };

/**
 * The person of a report: picked from the register of the depot (and, at a township, of the
 * villages below it) by case number or name, or, for someone not on it, the birth year and the
 * village or community only: no name, no contact (the minimum, PIPL).
 */
export function PersonPicker({ depotId, who, onChange, invalid, messageId }: { depotId: number; who: Who; onChange: (who: Who) => void; invalid: boolean; messageId: string }) {
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
      {who.kind === 'registered' && (
        <RegisterSearch
          depotId={depotId}
          chosen={who.person}
          onChoose={(person) => onChange({ kind: 'registered', person })}
          invalid={invalid}
          describedBy={messageId}
          anyStatus
          testid="adr-person-picker"
          wording={{ label: t('adr.personLabel'), hint: null, chosen: t('adr.personChosen', { person: '{person}' }) }}
        />
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
