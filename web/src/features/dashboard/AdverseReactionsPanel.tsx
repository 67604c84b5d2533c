import { useEffect, useState } from 'preact/hooks';
import { paths } from '../../router.ts';
import { lang } from '../../i18n/index.ts';
import { overdueCases, type OverdueCase } from '../adverse-reactions/adverse-api.ts';
import type { Dashboard } from './dashboard-api.ts';
import { Card, Items } from './Card.tsx';
import { t } from './i18n.ts';

/**
 * Adverse reactions over the depot's subtree (issue 20 item 8): serious cases past their due date
 * and not yet at the region, by case number (GET /adverse-reactions/overdue), reports awaiting the
 * county's confirmation and lot signals whose lot is not held; each leads to the list.
 */
export function AdverseReactionsPanel({ depotId, glance }: { depotId: number; glance: Dashboard['adverseReactions'] }) {
  const [overdue, setOverdue] = useState<OverdueCase[]>([]);
  useEffect(() => {
    setOverdue([]);
    if (glance.overdue > 0) overdueCases(depotId).then((r) => setOverdue(r.items), () => setOverdue([]));
  }, [depotId, glance.overdue]);
  const list = paths.adverseReactions(depotId);
  return (
    <section class="panel dash-role" data-testid="panel-adverse" aria-labelledby="dash-adverse">
      <h2 id="dash-adverse">{t('dash.adverse')}</h2>
      <div class="dash-cards">
        <Card testid="card-adverse-overdue" title={t('dash.adverse.overdue')} count={glance.overdue} tone="alert" listHref={list}>
          <Items
            items={overdue}
            total={glance.overdue}
            keyOf={(o) => o.id}
            render={(o) => (
              <>
                <a href={paths.adverseReaction(o.id)} data-testid="dash-adverse-overdue" data-number={o.number}>
                  {o.caseNumber}
                </a>{' '}
                <span class="muted">
                  {o.depot.name} · {lang.value === 'en' ? o.productNameEn : o.productNameZh} {o.lot} · {t('dash.adverse.daysOverdue', { days: o.daysOverdue })}
                </span>
              </>
            )}
          />
        </Card>
        <Card testid="card-adverse-awaiting" title={t('dash.adverse.awaiting')} count={glance.awaitingConfirmation} listHref={paths.adverseReactions(depotId, { status: 'awaiting_confirmation' })} />
        <Card testid="card-adverse-signals" title={t('dash.adverse.signals')} count={glance.openSignals} tone="alert" listHref={list} />
      </div>
    </section>
  );
}
