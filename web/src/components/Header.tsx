import type { Me } from '../api.ts';
import { t } from '../i18n/index.ts';
import { LangSwitch } from './LangSwitch.tsx';
import { drawerOpen } from './drawer.ts';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { AccountMenu } from '../features/auth/AccountMenu.tsx';

export function Header({ me, home, onLogout }: { me: Me; home: string; onLogout: () => void }) {
  return (
    <header class="app-header no-print">
      <button
        type="button"
        class="button drawer-button"
        data-testid="tree-toggle"
        aria-expanded={drawerOpen.value}
        aria-controls="sidebar"
        onClick={() => (drawerOpen.value = !drawerOpen.value)}
      >
        <span aria-hidden="true">☰</span> <span class="drawer-label">{t('button.depots')}</span>
      </button>
      <a class="brand" href={home} data-testid="app-name">
        {t('app.name')}
      </a>
      <div class="header-end">
        <NotificationBell />
        <AccountMenu me={me} />
        <LangSwitch />
        <button type="button" class="button" data-testid="logout" onClick={onLogout}>
          {t('button.logout')}
        </button>
      </div>
    </header>
  );
}
