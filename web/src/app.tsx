import { useEffect, useRef } from 'preact/hooks';
import type { Me } from './api.ts';
import { lang, t } from './i18n/index.ts';
import { navigate, parseHash, route, type Route } from './router.ts';
import { homeOf } from './navigation.ts';
import { Header } from './components/Header.tsx';
import { drawerOpen } from './components/drawer.ts';
import { Drawer, useDrawerModal } from './components/Drawer.tsx';
import { focusScreen } from './components/focus.ts';
import { focusHeadingOnRouteChange, screenTitle } from './components/screen-focus.ts';
import { LoginScreen } from './features/auth/LoginScreen.tsx';
import { ChangePasswordScreen } from './features/auth/ChangePasswordScreen.tsx';
import { booting, logOut, session } from './features/auth/session.ts';
import { DepotHeading } from './features/depots/DepotHeading.tsx';
import { DepotTree } from './features/depots/DepotTree.tsx';
import { StockCardScreen } from './features/stock/StockCardScreen.tsx';
import { StockScreen } from './features/stock/StockScreen.tsx';
import { ReversalsRoute } from './features/reversals/ReversalsRoute.tsx';
import { OpeningRoute } from './features/opening/OpeningRoute.tsx';
import { UsersScreen } from './features/users/UsersScreen.tsx';
import { ReceiptsScreen, ReceiptScreen } from './features/receiving/ReceivingScreens.tsx';
import { TransfersRoute } from './features/transfers/TransfersRoute.tsx';
import { DispensingScreen } from './features/dispensing/DispensingScreen.tsx';
import { LabelsScreen } from './features/labels/LabelsScreen.tsx';
import { ClimateRoute } from './features/climate/ClimateRoute.tsx';
import { ClimateAlerts } from './features/climate/ClimateAlerts.tsx';
import { QualityRoute } from './features/quality/QualityRoute.tsx';
import { ExpiryCard } from './features/quality/ExpiryCard.tsx';
import { CountsRoute } from './features/counts/CountsRoute.tsx';
import { PlanningRoute } from './features/planning/PlanningRoute.tsx';
import { DashboardRoute } from './features/dashboard/DashboardRoute.tsx';
import { ReportsRoute } from './features/reports/ReportsRoute.tsx';
import { SupervisionRoute } from './features/supervision/SupervisionRoute.tsx';
import { TrainingRoute } from './features/training/TrainingRoute.tsx';
import { FacilitiesRoute } from './features/facilities/FacilitiesRoute.tsx';
import { ServiceDeskRoute } from './features/service-desk/ServiceDeskRoute.tsx';
import { ArchiveRoute } from './features/archive/ArchiveRoute.tsx';
import { AssessmentRoute } from './features/assessment/AssessmentRoute.tsx';
import { PeopleRoute } from './features/people/PeopleRoute.tsx';
import { AdverseReactionsRoute } from './features/adverse-reactions/AdverseReactionsRoute.tsx';

export function App() {
  if (booting.value) return <p class="boot">{t('label.loading')}</p>;
  const me = session.value;
  if (!me) return <LoginScreen />;
  // An admin's one-time password: nothing else answers until the user has set their own.
  return me.mustChangePassword ? <ChangePasswordScreen me={me} /> : <Shell me={me} />;
}

function Shell({ me }: { me: Me }) {
  const current = route.value;
  // A dispenser's day is 发放: their home is the dispensing screen; everyone else's the overview.
  const home = homeOf(me);

  const main = useRef<HTMLElement>(null);
  const modal = useDrawerModal();

  useEffect(() => {
    // The address as it is now, not the route signal: a hash followed right after login (or typed
    // while the shell first renders) has changed location.hash before its hashchange event updates
    // the signal, and must not be sent home.
    if (parseHash(location.hash).name === 'home') navigate(home, { replace: true });
    drawerOpen.value = false;
  }, [current]);
  useEffect(() => focusHeadingOnRouteChange(() => main.current), []);
  useEffect(() => {
    document.title = screenTitle(current.name);
  }, [current.name, lang.value]);

  return (
    <div class="shell">
      {/* The first stop of Tab (WCAG 2.4.1); a plain #main link would be taken for a route by the hash router. */}
      <a
        class="skip-link"
        href="#main"
        data-testid="skip-link"
        onClick={(e) => {
          e.preventDefault();
          if (main.current) focusScreen(main.current);
        }}
      >
        {t('label.skipToContent')}
      </a>
      <Header me={me} home={home} onLogout={() => void logOut()} />
      <div class="shell-body">
        <Drawer id="sidebar" label={t('label.depotTree')} toggleTestId="tree-toggle">
          <DepotTree root={me.depot} />
        </Drawer>
        {/* data-hash: the address this render shows, so a test can tell the new screen from the last one. */}
        <main id="main" class="content" ref={main} tabIndex={-1} inert={modal} data-hash={location.hash}>
          {/* S0:466: a new user's roles wait for a training that names them, or their leader's waiver. */}
          {me.trainingRequired && (
            <p class="problem" role="status" data-testid="training-required">
              {t('label.trainingRequired')}
            </p>
          )}
          <Screen current={current} home={home} me={me} />
        </main>
      </div>
    </div>
  );
}

function Screen({ current, home, me }: { current: Route; home: string; me: Me }) {
  switch (current.name) {
    case 'dashboard':
      return (
        <>
          {current.depotId === me.depot.id && <ClimateAlerts depotId={me.depot.id} />}
          {current.depotId === me.depot.id && <ExpiryCard depotId={me.depot.id} />}
          <DepotHeading depotId={current.depotId} screen="dashboard" />
          <DashboardRoute depotId={current.depotId} />
        </>
      );
    case 'stock':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="stock" />
          <StockScreen depotId={current.depotId} query={current.query} />
        </>
      );
    case 'card':
      return <StockCardScreen depotId={current.depotId} batchId={current.batchId} query={current.query} />;
    case 'reversals':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="stock" />
          <ReversalsRoute depotId={current.depotId} />
        </>
      );
    case 'opening':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="stock" />
          <OpeningRoute depotId={current.depotId} />
        </>
      );
    case 'users':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="users" />
          <UsersScreen depotId={current.depotId} query={current.query} />
        </>
      );
    case 'receipts':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="receipts" />
          <ReceiptsScreen depotId={current.depotId} />
        </>
      );
    case 'receipt':
      return <ReceiptScreen receiptId={current.receiptId} />;
    case 'transfers':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="transfers" />
          <TransfersRoute route={current} />
        </>
      );
    case 'transfer':
      return <TransfersRoute route={current} />;
    case 'dispense':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="dispense" />
          <DispensingScreen depotId={current.depotId} />
        </>
      );
    case 'labels':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="labels" />
          <LabelsScreen depotId={current.depotId} />
        </>
      );
    case 'climate':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="climate" />
          <ClimateRoute route={current} />
        </>
      );
    case 'climateArea':
    case 'climateRecord':
      return <ClimateRoute route={current} />;
    case 'quality':
    case 'writeOffNew':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="quality" />
          <QualityRoute route={current} />
        </>
      );
    case 'writeOff':
    case 'trace':
    case 'productTrace':
      return <QualityRoute route={current} />;
    case 'counts':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="counts" />
          <CountsRoute route={current} />
        </>
      );
    case 'count':
      return <CountsRoute route={current} />;
    case 'planning':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="planning" />
          <PlanningRoute route={current} />
        </>
      );
    case 'demandPlan':
    case 'allocationPlan':
      return <PlanningRoute route={current} />;
    case 'reports':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="reports" />
          <ReportsRoute route={current} />
        </>
      );
    case 'adverseReactions':
    case 'adverseReactionNew':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="adverseReactions" />
          <AdverseReactionsRoute route={current} />
        </>
      );
    case 'adverseReaction':
    case 'adverseSignal':
      return <AdverseReactionsRoute route={current} />;
    case 'people':
    case 'followUps':
    case 'peopleReports':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen={current.name === 'peopleReports' ? 'reports' : current.name} />
          <PeopleRoute route={current} />
        </>
      );
    case 'person':
      return <PeopleRoute route={current} />;
    case 'supervision':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="supervision" />
          <SupervisionRoute route={current} />
        </>
      );
    case 'supervisionVisit':
      return <SupervisionRoute route={current} />;
    case 'facilities':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="facilities" />
          <FacilitiesRoute route={current} />
        </>
      );
    case 'equipmentItem':
      return <FacilitiesRoute route={current} />;
    case 'serviceDesk':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="serviceDesk" />
          <ServiceDeskRoute route={current} />
        </>
      );
    case 'serviceRequest':
      return <ServiceDeskRoute route={current} />;
    case 'training':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="training" />
          <TrainingRoute route={current} />
        </>
      );
    case 'archive':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="archive" />
          <ArchiveRoute route={current} />
        </>
      );
    case 'archiveDocument':
      return <ArchiveRoute route={current} />;
    case 'assessment':
      return (
        <>
          <DepotHeading depotId={current.depotId} screen="assessment" />
          <AssessmentRoute route={current} />
        </>
      );
    case 'assessmentRound':
      return <AssessmentRoute route={current} />;
    case 'home':
      return null;
    case 'notFound':
      return (
        <div data-testid="not-found">
          <h1>{t('label.notFound')}</h1>
          <p class="note">
            <a href={home}>{t('label.overview')}</a>
          </p>
        </div>
      );
  }
}
