import { paths } from '../../router.ts';
import { gapText } from '../facilities/gap-text.ts';
import type { Dashboard } from './dashboard-api.ts';
import { Card, Items } from './Card.tsx';
import { t } from './i18n.ts';

/**
 * Facilities (docs/facilities.md): this depot's gaps against its tier's standard, the depots
 * directly below that fall short, and equipment changes waiting for a leader; each leads to the
 * facilities screen.
 */
export function FacilitiesPanel({ depotId, glance }: { depotId: number; glance: Dashboard['facilities'] }) {
  return (
    <section class="panel dash-role" data-testid="panel-facilities" aria-labelledby="dash-facilities">
      <h2 id="dash-facilities">{t('dash.facilities')}</h2>
      <div class="dash-cards">
        <Card testid="card-facility-gaps" title={glance.filled ? t('dash.facilities.gaps') : t('dash.facilities.notFilled')} count={glance.gaps.length} tone="alert" listHref={paths.facilities(depotId)}>
          <Items items={glance.gaps} keyOf={(g) => `${g.kind}-${g.ref}-${g.kind === 'item_missing' ? g.anyOf.join() : ''}`} render={(g) => <span data-testid="dash-facility-gap">{gapText(g)}</span>} />
        </Card>
        {glance.below.length > 0 && (
          <Card testid="card-facility-below" title={t('dash.facilities.below')} count={glance.below.length} tone="alert">
            <Items
              items={glance.below}
              keyOf={(d) => d.id}
              render={(d) => (
                <>
                  <a class="depot-name" href={paths.facilities(d.id)}>{d.name}</a> <span class="muted">{d.filled ? t('dash.facilities.belowGaps', { count: d.gaps }) : t('dash.facilities.notFilled')}</span>
                </>
              )}
            />
          </Card>
        )}
        {glance.pendingRequests > 0 && <Card testid="card-equipment-requests" title={t('dash.facilities.requests')} count={glance.pendingRequests} listHref={paths.facilities(depotId)} />}
      </div>
    </section>
  );
}
