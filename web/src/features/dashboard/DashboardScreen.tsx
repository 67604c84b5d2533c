import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { dashboard, type Dashboard } from './dashboard-api.ts';
import { InspectorPanel, StorekeeperPanel } from './WorkPanels.tsx';
import { PlanningPanel } from './PlanningPanel.tsx';
import { DepotStateTree } from './DepotStateTree.tsx';
import { AdverseReactionsPanel } from './AdverseReactionsPanel.tsx';
import { ReportsPanel, SupervisionPanel, ServiceDeskPanel } from './OversightPanels.tsx';
import { FacilitiesPanel } from './FacilitiesPanel.tsx';
import { t } from './i18n.ts';
import { hasRole } from '../auth/session.ts';

/**
 * A depot's overview (概览, issue 10 item 6): at the user's own depot a panel of work for each of
 * its roles, with counts and links to the screens where the work is done; at any depot with
 * depots below, their state at a glance as a tree.
 */
export function DashboardScreen({ depotId }: { depotId: number }) {
  const [data, setData] = useState<Dashboard | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const load = () => {
    setProblem(null);
    dashboard(depotId).then(setData, (e: unknown) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setData(null);
    load();
  }, [depotId]);

  const ready = data !== null && data.depot.id === depotId ? data : null;
  const adverse = ready?.adverseReactions;
  // Shown where there is something to do, and always to the county's clinician, whose work it is.
  const showAdverse = adverse !== undefined && (adverse.overdue + adverse.awaitingConfirmation + adverse.openSignals > 0 || (ready!.own && hasRole('clinician')));
  const reports = ready?.reports;
  const showReports = reports && reports.own.length + reports.notReported.length + reports.awaiting > 0;
  const showSupervision = ready && ready.supervision.owed.length + ready.supervision.below.length > 0;
  const serviceDesk = ready?.serviceDesk;
  const showServiceDesk = serviceDesk && serviceDesk.overdue.length > 0;
  // At the user's own depot, where its leader can close the gaps; or when depots below fall short.
  const showFacilities = ready && ((ready.own && (ready.facilities.gaps.length > 0 || ready.facilities.pendingRequests > 0)) || ready.facilities.below.length > 0);
  const nothing = ready && !ready.storekeeper && !ready.inspector && !ready.planning && !ready.tree && !showAdverse && !showReports && !showSupervision && !showFacilities && !showServiceDesk;
  return (
    <section class="dashboard" data-testid="dashboard" data-state={ready ? 'ready' : 'loading'} data-own={ready ? String(ready.own) : undefined}>
      <ProblemMessage problem={problem} onRetry={load} />
      {!ready && !problem && <p class="note">{t('label.loading')}</p>}
      {ready && (
        <>
          <p class="muted dash-today">{t('dash.today', { date: ready.today })}</p>
          {!ready.own && <p class="note">{t('dash.belowOnly')}</p>}
          {showAdverse && <AdverseReactionsPanel depotId={depotId} glance={adverse} />}
          {showReports && <ReportsPanel depotId={depotId} reports={reports} />}
          {showSupervision && <SupervisionPanel depotId={depotId} supervision={ready.supervision} />}
          {showServiceDesk && <ServiceDeskPanel depotId={depotId} desk={serviceDesk} />}
          {showFacilities && <FacilitiesPanel depotId={depotId} glance={ready.facilities} />}
          {ready.storekeeper && <StorekeeperPanel depotId={depotId} panel={ready.storekeeper} />}
          {ready.inspector && <InspectorPanel depotId={depotId} panel={ready.inspector} />}
          {ready.planning && <PlanningPanel depotId={depotId} panel={ready.planning} planner={hasRole('planner')} />}
          {ready.tree && <DepotStateTree key={depotId} tree={ready.tree} />}
          {nothing && (
            <p class="note" data-testid="dash-nothing">
              {t('dash.nothing')} <a href={paths.stock(depotId)}>{t('label.stockOnHand')}</a>
            </p>
          )}
        </>
      )}
    </section>
  );
}
