import { useEffect } from 'preact/hooks';
import type { Me } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { LangSwitch } from '../../components/LangSwitch.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import { logOut } from './session.ts';
import './account.css';

/**
 * The only screen while an admin's one-time password is in force (the server answers every other
 * call 403 password_change_required): the user sets their own, and the app goes on to the screen
 * the address asks for.
 */
export function ChangePasswordScreen({ me }: { me: Me }) {
  useEffect(() => {
    document.title = `${t('label.setNewPassword')} · ${t('app.name')}`;
  }, [lang.value]);
  return (
    <main class="login-page">
      <div class="login-lang">
        <LangSwitch />
      </div>
      <div class="login-card" data-testid="password-screen">
        <p class="product-name">{t('app.name')}</p>
        <h1>{t('label.setNewPassword')}</h1>
        <p class="password-note" data-testid="password-note">
          {t('label.oneTimePasswordNote', { name: me.user.displayName, username: me.user.username })}
        </p>
        <PasswordForm
          autoFocus
          onDone={() => {}}
          actions={
            <button type="button" class="button" data-testid="password-logout" onClick={() => void logOut()}>
              {t('button.logout')}
            </button>
          }
        />
      </div>
    </main>
  );
}
