import type { Me } from '../api.ts';
import { t } from '../i18n/index.ts';
import { LangSwitch } from './LangSwitch.tsx';
import { drawerOpen } from './drawer.ts';

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
        <span aria-hidden="true">☰</span> {t('button.depots')}
      </button>
      <a class="brand" href={home} data-testid="app-name">
        {t('app.name')}
      </a>
      <div class="header-end">
        <div class="user-menu" data-testid="user-menu">
          <span class="user-name" data-testid="user-name">
            {me.user.displayName}
          </span>
          <span class="user-depot" data-testid="user-depot">
            {me.depot.name} · {t(`tier.${me.depot.tier}`)}
          </span>
          <span class="user-roles" data-testid="user-roles">
            {me.user.roles.map((role) => (
              <span key={role} class="chip" data-role={role}>
                {t(`role.${role}`)}
              </span>
            ))}
          </span>
        </div>
        <LangSwitch />
        <button type="button" class="button" data-testid="logout" onClick={onLogout}>
          {t('button.logout')}
        </button>
      </div>
    </header>
  );
}
