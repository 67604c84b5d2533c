import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiProblem } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { dispensesAt, isAdmin } from '../auth/session.ts';
import { details, loadDetail } from './depot-state.ts';
import { depotHref } from './links.ts';

/** Breadcrumb from the user's depot down to the selected one, its name, and the screens for it. */
export function DepotHeading({ depotId, screen }: { depotId: number; screen: 'dashboard' | 'stock' | 'users' | 'receipts' | 'transfers' | 'dispense' | 'labels' | 'climate' | 'counts' | 'quality' | 'planning' | 'reports' }) {
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
          <nav class="breadcrumb" data-testid="breadcrumb" aria-label={t('label.depot')}>
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
      <nav class="tabs" ref={tabs} aria-label={t('label.depot')}>
        <a href={paths.dashboard(depotId)} data-testid="nav-dashboard" class={screen === 'dashboard' ? 'tab active' : 'tab'} aria-current={screen === 'dashboard' ? 'page' : undefined}>
          {t('label.overview')}
        </a>
        <a href={paths.stock(depotId)} data-testid="nav-stock" class={screen === 'stock' ? 'tab active' : 'tab'} aria-current={screen === 'stock' ? 'page' : undefined}>
          {t('label.stockOnHand')}
        </a>
        <a href={paths.receipts(depotId)} data-testid="nav-receipts" class={screen === 'receipts' ? 'tab active' : 'tab'} aria-current={screen === 'receipts' ? 'page' : undefined}>
          {t('label.receipts')}
        </a>
        <a href={paths.transfers(depotId)} data-testid="nav-transfers" class={screen === 'transfers' ? 'tab active' : 'tab'} aria-current={screen === 'transfers' ? 'page' : undefined}>
          {t('label.transfers')}
        </a>
        {known && dispensesAt(known.tier) && (
          <a href={paths.dispense(depotId)} data-testid="nav-dispense" class={screen === 'dispense' ? 'tab active' : 'tab'} aria-current={screen === 'dispense' ? 'page' : undefined}>
            {t('label.dispensing')}
          </a>
        )}
        <a href={paths.labels(depotId)} data-testid="nav-labels" class={screen === 'labels' ? 'tab active' : 'tab'} aria-current={screen === 'labels' ? 'page' : undefined}>
          {t('label.labels')}
        </a>
        <a href={paths.climate(depotId)} data-testid="nav-climate" class={screen === 'climate' ? 'tab active' : 'tab'} aria-current={screen === 'climate' ? 'page' : undefined}>
          {t('label.climate')}
        </a>
        <a href={paths.quality(depotId)} data-testid="nav-quality" class={screen === 'quality' ? 'tab active' : 'tab'} aria-current={screen === 'quality' ? 'page' : undefined}>
          {t('label.quality')}
        </a>
        <a href={paths.counts(depotId)} data-testid="nav-counts" class={screen === 'counts' ? 'tab active' : 'tab'} aria-current={screen === 'counts' ? 'page' : undefined}>
          {t('label.stockCount')}
        </a>
        <a href={paths.planning(depotId)} data-testid="nav-planning" class={screen === 'planning' ? 'tab active' : 'tab'} aria-current={screen === 'planning' ? 'page' : undefined}>
          {t('label.planning')}
        </a>
        <a href={paths.reports(depotId)} data-testid="nav-reports" class={screen === 'reports' ? 'tab active' : 'tab'} aria-current={screen === 'reports' ? 'page' : undefined}>
          {t('label.reports')}
        </a>
        {isAdmin.value && (
          <a href={paths.users(depotId)} data-testid="nav-users" class={screen === 'users' ? 'tab active' : 'tab'} aria-current={screen === 'users' ? 'page' : undefined}>
            {t('label.users')}
          </a>
        )}
      </nav>
    </header>
  );
}
