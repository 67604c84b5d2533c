import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { LangSwitch } from '../../components/LangSwitch.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { invalidProps, useFieldIds } from '../../components/FieldError.tsx';
import { screenTitle } from '../../components/screen-focus.ts';
import { logIn, sessionNotice } from './session.ts';

export function LoginScreen() {
  const username = useSignal('');
  const password = useSignal('');
  const pending = useSignal(false);
  const problem = useSignal<ApiProblem | null>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  const ids = useFieldIds();
  useEffect(() => {
    document.title = screenTitle('login');
  }, [lang.value]);
  // A refused login does not say which of the two was wrong: both fields point at the message.
  const refused = problem.value?.code === 'invalid_credentials';
  const fieldError = (path: string) => problem.value?.errors.some((e) => e.path === path) ?? false;

  async function submit(event: Event) {
    event.preventDefault();
    if (pending.value) return;
    pending.value = true;
    problem.value = null;
    try {
      await logIn(username.value.trim(), password.value);
    } catch (error) {
      problem.value = toProblem(error);
      password.value = '';
      passwordField.current?.focus();
    } finally {
      pending.value = false;
    }
  }

  return (
    <main class="login-page">
      <div class="login-lang">
        <LangSwitch />
      </div>
      <form class="login-card" onSubmit={submit} noValidate data-testid="login-form">
        <p class="product-name">{t('app.name')}</p>
        <h1>{t('label.signIn')}</h1>
        <ProblemMessage problem={problem.value ?? sessionNotice.value} testid="login-error" id={ids('problem')} />
        <label class="field">
          <span>{t('label.username')}</span>
          <input
            data-testid="login-username"
            name="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
            autofocus
            {...invalidProps(ids('problem'), refused || fieldError('username'))}
            value={username.value}
            onInput={(e) => (username.value = e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span>{t('label.password')}</span>
          <input
            ref={passwordField}
            data-testid="login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            {...invalidProps(ids('problem'), refused || fieldError('password'))}
            value={password.value}
            onInput={(e) => (password.value = e.currentTarget.value)}
          />
        </label>
        <button
          type="submit"
          class="button primary block"
          data-testid="login-submit"
          disabled={pending.value || !username.value.trim() || !password.value}
        >
          {t('button.login')}
        </button>
      </form>
    </main>
  );
}
