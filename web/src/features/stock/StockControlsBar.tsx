import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { atOwnDepot, hasRole } from '../auth/session.ts';
import { reversalRequests } from '../reversals/reversal-api.ts';
import { openingBalances } from '../opening/opening-api.ts';

/**
 * The way to a depot's opening stock and reversal requests, with what waits for the user: the
 * reversal requests a leader decides, the opening balances a leader or planner confirms.
 */
export function StockControlsBar({ depotId }: { depotId: number }) {
  const own = atOwnDepot(depotId);
  const decides = own && hasRole('leader');
  const confirms = own && (hasRole('leader') || hasRole('planner'));
  const [waiting, setWaiting] = useState({ reversals: 0, opening: 0 });
  useEffect(() => {
    setWaiting({ reversals: 0, opening: 0 });
    if (decides) reversalRequests(depotId, 'pending').then((r) => setWaiting((w) => ({ ...w, reversals: r.items.length })), () => undefined);
    if (confirms) openingBalances(depotId, 'awaiting_confirmation').then((r) => setWaiting((w) => ({ ...w, opening: r.items.length })), () => undefined);
  }, [depotId, decides, confirms]);

  return (
    <nav class="toolbar stock-controls no-print" aria-label={t('controls.nav')} data-testid="stock-controls">
      <a class={`button${waiting.opening > 0 ? ' attention' : ''}`} href={paths.opening(depotId)} data-testid="open-opening">
        {t('screen.opening')}
        {waiting.opening > 0 && (
          <>
            {' '}
            <span class="waiting-badge" data-testid="opening-waiting" aria-hidden="true">
              {waiting.opening}
            </span>
            <span class="visually-hidden">{t('opening.waiting', { count: waiting.opening })}</span>
          </>
        )}
      </a>
      <a class={`button${waiting.reversals > 0 ? ' attention' : ''}`} href={paths.reversals(depotId)} data-testid="open-reversals">
        {t('screen.reversals')}
        {waiting.reversals > 0 && (
          <>
            {' '}
            <span class="waiting-badge" data-testid="reversals-waiting" aria-hidden="true">
              {waiting.reversals}
            </span>
            <span class="visually-hidden">{t('reversal.waiting', { count: waiting.reversals })}</span>
          </>
        )}
      </a>
    </nav>
  );
}
