import { useEffect, useRef, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { people, type PersonRow } from '../people/people-api.ts';

/** A person is found by a part of the case number, or of the name where the dispenser sees names; the first few matches are offered. */
const MATCHES = 8;

const who = (p: PersonRow) => (p.personal?.name ? `${p.personal.name} (${p.caseNumber})` : p.caseNumber);

/** How the picker reads where it is used; by default, whom a dispensing is for. */
interface Wording {
  /** The field's label. */
  label: string;
  /** The line shown while nothing is typed, or null. */
  hint: string | null;
  /** The chosen person, as `{person}`. */
  chosen: string;
}

const dispensing = (): Wording => ({ label: t('label.dispenseTo'), hint: t('label.anonymous'), chosen: t('label.chosenPerson', { person: '{person}' }) });

/**
 * A person of the users register found by case number or name (the server searches names only
 * where the reader sees them). In dispensing: anonymous when none is chosen (condoms and other
 * self-service supplies); where the depot keeps a register the server refuses pills, injections,
 * IUDs and implants to nobody (422 person_required), `invalid` marks the search then, and the link
 * leads to the register to add someone new. Only people using a method are offered there;
 * `anyStatus` offers everyone on the register (an adverse reaction may be why someone stopped).
 */
export function PersonPicker({ depotId, chosen, onChoose, invalid, describedBy, wording = dispensing(), anyStatus = false, testid = 'person-picker' }: { depotId: number; chosen: PersonRow | null; onChoose: (p: PersonRow | null) => void; invalid: boolean; describedBy?: string; wording?: Wording; anyStatus?: boolean; testid?: string }) {
  const [text, setText] = useState('');
  const [matches, setMatches] = useState<PersonRow[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const asked = useRef('');
  const field = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const q = text.trim();
    asked.current = q;
    if (q === '') return setMatches(null);
    // Typed names arrive a key at a time: wait for a pause before asking.
    const timer = setTimeout(() => {
      people({ depotId, q, pageSize: MATCHES }).then(
        (page) => asked.current === q && (setMatches(anyStatus ? page.items : page.items.filter((p) => p.status === 'using' || p.status === 'switched')), setProblem(null)),
        (e) => asked.current === q && setProblem(toProblem(e)),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [text, depotId]);
  useEffect(() => {
    if (invalid) field.current?.focus();
  }, [invalid]);

  if (chosen) {
    return (
      <div class="person-picker chosen" data-testid={testid} data-person={chosen.id} data-case={chosen.caseNumber}>
        <span data-testid="person-chosen">{wording.chosen.replace('{person}', who(chosen))}</span>
        <button type="button" class="button small" data-testid="person-change" onClick={() => (onChoose(null), setText(''))}>
          {t('button.changePerson')}
        </button>
      </div>
    );
  }
  return (
    <div class="person-picker" data-testid={testid}>
      <label class="field">
        <span>
          {wording.label} <span class="muted">({t('label.personSearch')})</span>
        </span>
        <input
          ref={field}
          type="search"
          data-testid="person-search"
          autoComplete="off"
          maxLength={40}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={invalid ? describedBy : undefined}
        />
      </label>
      {!matches && !invalid && wording.hint && <small class="hint">{wording.hint}</small>}
      {matches && (
        <ul class="person-matches" data-testid="person-matches">
          {matches.map((p) => (
            <li key={p.id}>
              <button type="button" class="button small" data-testid="person-match" data-case={p.caseNumber} onClick={() => onChoose(p)}>
                {who(p)} · {t(`productClass.${p.method}`)}
              </button>
            </li>
          ))}
          {matches.length === 0 && (
            <li class="muted" data-testid="person-no-match">
              {t('label.noPersonFound')}
            </li>
          )}
        </ul>
      )}
      {invalid && (
        <a href={paths.people(depotId, { new: 1 })} data-testid="person-register-link">
          {t('label.registerPersonLink')}
        </a>
      )}
      <ProblemMessage problem={problem} testid="person-search-problem" />
    </div>
  );
}
