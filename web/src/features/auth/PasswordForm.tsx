import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { FieldError, invalidProps, useFieldIds } from '../../components/FieldError.tsx';
import { PASSWORD_LENGTH } from '../../../../server/schemas/constants.ts';
import { checkNewPassword, hasIssues, type PasswordIssues } from './password-policy.ts';
import { changeOwnPassword } from './session.ts';

/**
 * The user's new password, typed twice, checked as the server checks it before it is sent; the
 * server's own refusal shows on the field it names. `actions` go beside the save button (cancel,
 * log out). `onDone` runs once the new password is in force and the session renewed with it.
 */
export function PasswordForm({ onDone, actions, autoFocus }: { onDone: () => void; actions?: ComponentChildren; autoFocus?: boolean }) {
  const [current, setCurrent] = useState('');
  const [currentIssue, setCurrentIssue] = useState<'current_missing' | 'current_wrong' | null>(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [issues, setIssues] = useState<PasswordIssues>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [pending, setPending] = useState(false);
  const currentField = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  const repeatField = useRef<HTMLInputElement>(null);
  const ids = useFieldIds();
  // The autofocus attribute acts on a page's load only, not on a form drawn later.
  useEffect(() => {
    if (autoFocus) currentField.current?.focus();
  }, []);

  // The server names the field and, for a new password it does not take, the flaw (server/domain/password-policy.ts).
  const serverFlaw = problem?.errors.find((e) => e.path === 'password')?.message;
  const serverSays = serverFlaw !== undefined || (problem?.errors.some((e) => e.path === 'currentPassword') ?? false);
  const KNOWN_FLAWS = ['too_short', 'too_long', 'contains_username', 'common', 'unchanged'];
  const passwordIssue = issues.password ?? (serverFlaw === undefined ? undefined : KNOWN_FLAWS.includes(serverFlaw) ? serverFlaw : 'refused');
  const currentShown = currentIssue ?? (problem?.errors.some((e) => e.path === 'currentPassword') ? 'current_wrong' : null);

  async function submit(event: Event) {
    event.preventDefault();
    if (pending) return;
    const found = checkNewPassword(password, repeat);
    const missingCurrent = current === '' ? 'current_missing' : null;
    setIssues(found);
    setCurrentIssue(missingCurrent);
    setProblem(null);
    if (missingCurrent || hasIssues(found)) {
      (missingCurrent ? currentField : found.password ? passwordField : repeatField).current?.focus();
      return;
    }
    setPending(true);
    try {
      await changeOwnPassword(current, password);
      onDone();
    } catch (error) {
      const refused = toProblem(error);
      setProblem(refused);
      (refused.errors.some((e) => e.path === 'currentPassword') ? currentField : passwordField).current?.focus();
    } finally {
      setPending(false);
    }
  }

  return (
    <form class="password-form" onSubmit={(e) => void submit(e)} noValidate data-testid="password-form">
      <ProblemMessage problem={problem && !serverSays ? problem : null} testid="password-problem" />
      <label class={`field${currentShown ? ' invalid' : ''}`}>
        <span>{t('label.currentPassword')}</span>
        <input
          ref={currentField}
          data-testid="password-current"
          type="password"
          autocomplete="current-password"
          required
          autoFocus={autoFocus}
          {...invalidProps(ids('current'), currentShown !== null)}
          value={current}
          onInput={(e) => {
            setCurrent(e.currentTarget.value);
            setCurrentIssue(null);
          }}
        />
        {currentShown && (
          <FieldError id={ids('current')} testid="password-current-error">
            {t(`password.${currentShown}`)}
          </FieldError>
        )}
      </label>
      <label class={`field${passwordIssue ? ' invalid' : ''}`}>
        <span>{t('label.newPassword')}</span>
        <input
          ref={passwordField}
          data-testid="password-new"
          type="password"
          autocomplete="new-password"
          required
          {...(passwordIssue ? invalidProps(ids('password'), true) : { 'aria-describedby': ids('password-hint') })}
          value={password}
          onInput={(e) => {
            setPassword(e.currentTarget.value);
            setIssues({ ...issues, password: undefined });
          }}
        />
        {passwordIssue ? (
          <FieldError id={ids('password')} testid="password-new-error">
            {t(`password.${passwordIssue}`, PASSWORD_LENGTH)}
          </FieldError>
        ) : (
          <small class="hint" id={ids('password-hint')}>
            {t('hint.password')}
          </small>
        )}
      </label>
      <label class={`field${issues.repeat ? ' invalid' : ''}`}>
        <span>{t('label.repeatPassword')}</span>
        <input
          ref={repeatField}
          data-testid="password-repeat"
          type="password"
          autocomplete="new-password"
          required
          {...invalidProps(ids('repeat'), issues.repeat !== undefined)}
          value={repeat}
          onInput={(e) => {
            setRepeat(e.currentTarget.value);
            setIssues({ ...issues, repeat: undefined });
          }}
        />
        {issues.repeat && (
          <FieldError id={ids('repeat')} testid="password-repeat-error">
            {t(`password.repeat_${issues.repeat}`)}
          </FieldError>
        )}
      </label>
      <div class="actions">
        <button type="submit" class="button primary" data-testid="password-submit" disabled={pending}>
          {t('button.savePassword')}
        </button>
        {actions}
      </div>
    </form>
  );
}
