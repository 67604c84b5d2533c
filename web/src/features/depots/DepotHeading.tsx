import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiProblem } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { session } from '../auth/session.ts';
import { visibleTabs, type TabScreen } from '../../navigation.ts';
import { details, loadDetail } from './depot-state.ts';
import { depotHref } from './links.ts';

/** Breadcrumb from the user's depot down to the selected one, its name, and the screens for it: the tabs of the user's roles (navigation.ts). */
export function DepotHeading({ depotId, screen }: { depotId: number; screen: TabScreen }) {
  useEffect(() => {
    void loadDetail(depotId, { force: true });
  }, [depotId]);
  // On a phone the row of tabs scrolls sideways: the current one is brought into view.
  const tabs = useRef<HTMLElement>(null);
  useEffect(() => {
    tabs.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [screen, depotId]);
  const detail = details.value.get(depotId);
  const known = detail && !(detail instanceof ApiProblem) ? detail : undefined;

  return (
    <header class="page-head">
      {known && (
        <>
          <nav class="breadcrumb" data-testid="breadcrumb" aria-label={t('label.breadcrumb')}>
            {known.ancestors.map((a) => (
              <Fragment key={a.id}>
                <a href={depotHref(a.id)} data-testid={`crumb-${a.code}`}>
                  {a.name}
                </a>
                <span class="crumb-sep" aria-hidden="true">
                  ›
                </span>
              </Fragment>
            ))}
          </nav>
          <h1 data-testid="depot-title">
            {known.name} <span class="tier-badge">{t(`tier.${known.tier}`)}</span> <span class="muted code">{known.code}</span>
          </h1>
        </>
      )}
      <nav class="tabs" ref={tabs} aria-label={t('label.depotScreens')}>
        {visibleTabs(session.value?.user.roles ?? [], known, screen).map((tab) => (
          <a key={tab.screen} href={tab.href(depotId)} data-testid={`nav-${tab.screen}`} class={screen === tab.screen ? 'tab active' : 'tab'} aria-current={screen === tab.screen ? 'page' : undefined}>
            {t(tab.label)}
          </a>
        ))}
      </nav>
    </header>
  );
}
