import { useEffect, useState } from 'preact/hooks';
import * as api from './planning-api.ts';
import { ApiProblem, toProblem, type DepotDetail } from '../../api.ts';
import type { AllocationOverview, DemandOverview } from './planning-api.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDateTime, formatQuantity } from '../../components/format.ts';
import { details } from '../depots/depot-state.ts';
import { t } from './i18n.ts';
import { plannerAt } from './access.ts';
import { useCatalogue } from './catalogue.ts';
import { defaultPlanYear, parseYear, productNameOf } from './plan-format.ts';
import { AllocationStatusBadge, DemandStatusBadge, LateTag, YearStateTag } from './labels.tsx';
import { UsageSection } from './UsageSection.tsx';

type ChildPlan = DemandOverview['children'][number];

/**
 * A depot's planning tab (计划) for a plan year: its demand plan (需求计划, bottom-up from the
 * townships in the fourth quarter) with which depots below have submitted and what they asked,
 * a township's users by method (使用人数), and the allocation plan (分配计划, top-down, issued
 * by the end of February) with what the depot above allocated to it.
 */
export function PlanningScreen({ depotId, year: asked }: { depotId: number; year: string | null }) {
  const year = parseYear(asked) ?? defaultPlanYear();
  const detail = details.value.get(depotId);
  const depot = detail && !(detail instanceof ApiProblem) ? detail : undefined;
  const base = defaultPlanYear();
  const years = [...new Set([base - 2, base - 1, base, base + 1, year])].sort((a, b) => a - b);
  return (
    <section class="planning-screen" data-testid="planning-screen" data-year={year}>
      <div class="toolbar">
        <label class="field inline">
          <span>{t('plan.year')}</span>
          <select data-testid="plan-year" value={String(year)} onChange={(e) => navigate(paths.planning(depotId, Number(e.currentTarget.value)), { replace: true })}>
            {years.map((y) => (
              <option key={y} value={String(y)}>
                {t('plan.yearOption', { year: y })}
              </option>
            ))}
          </select>
        </label>
        <span class="muted">{t('plan.yearHint')}</span>
      </div>
      {detail instanceof ApiProblem && <ProblemMessage problem={detail} />}
      {!depot && !(detail instanceof ApiProblem) && <p class="note">{t('label.loading')}</p>}
      {depot && (
        <>
          <DemandSection depot={depot} year={year} />
          {depot.tier === 'township' && <UsageSection depotId={depot.id} />}
          <AllocationSection depot={depot} year={year} />
        </>
      )}
    </section>
  );
}

function DemandSection({ depot, year }: { depot: DepotDetail; year: number }) {
  const village = depot.tier === 'village';
  const [overview, setOverview] = useState<DemandOverview | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const load = () => {
    setProblem(null);
    api.demandOverview(depot.id, year).then(setOverview, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setOverview(null);
    if (!village) load();
  }, [depot.id, year]);

  const open = async () => {
    setBusy(true);
    setProblem(null);
    try {
      navigate(paths.demandPlan((await api.openDemandPlan(depot.id, year)).id));
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  };

  const shown = overview && overview.depotId === depot.id && overview.year === year ? overview : null;
  return (
    <section class="panel plan-panel" data-testid="demand-section" data-state={village ? 'village' : (shown?.state ?? 'loading')}>
      <div class="panel-head">
        <h2>{t('plan.demandTitle', { year })}</h2>
        {shown && <YearStateTag state={shown.state} />}
      </div>
      <p class="muted plan-hint">{t('plan.demandWhen', { year, previous: year - 1 })}</p>
      {village ? (
        <p class="note" data-testid="demand-village">
          {t('plan.villageNoPlan')}
        </p>
      ) : (
        <>
          <ProblemMessage problem={problem} onRetry={load} />
          {shown && (
            <div class="plan-own" data-testid="demand-own">
              <span>{t('plan.ownDemand', { depot: depot.name })}</span>
              <DemandStatusBadge status={shown.status as 'draft' | 'submitted' | 'returned' | null} />
              {shown.planId !== null ? (
                <a class="button" href={paths.demandPlan(shown.planId)} data-testid="demand-view">
                  {t('plan.viewPlan')}
                </a>
              ) : shown.state === 'open' ? (
                plannerAt(depot.id) ? (
                  <button type="button" class="button primary" data-testid="demand-create" disabled={busy} onClick={() => void open()}>
                    {t('plan.openDemand')}
                  </button>
                ) : (
                  <span class="muted">{t('plan.plannerOpens')}</span>
                )
              ) : (
                <span class="muted">{t(shown.state === 'not_open' ? 'plan.notOpenYet' : 'plan.closedNoPlan', { year, previous: year - 1 })}</span>
              )}
            </div>
          )}
          {shown && shown.children.length > 0 && <ChildrenPlans rows={shown.children} />}
        </>
      )}
    </section>
  );
}

/** Which depots below have submitted, and what they asked for by product (a column a depot that submitted). */
function ChildrenPlans({ rows }: { rows: ChildPlan[] }) {
  const catalogue = useCatalogue();
  const submitted = rows.filter((c) => c.status === 'submitted');
  const productIds = [...new Set(submitted.flatMap((c) => Object.entries(c.quantities).filter(([, q]) => q > 0).map(([id]) => Number(id))))].sort(
    (a, b) => (catalogue.get(a)?.code ?? '').localeCompare(catalogue.get(b)?.code ?? '') || a - b,
  );
  const quantity = (c: ChildPlan, productId: number) => c.quantities[String(productId)] ?? 0;
  return (
    <div class="plan-children" data-testid="demand-children">
      <h3>
        {t('plan.childrenTitle')}{' '}
        <span class="muted" data-testid="demand-children-count">
          {t('plan.childrenSubmitted', { submitted: submitted.length, total: rows.length })}
        </span>
      </h3>
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th>{t('plan.unit')}</th>
              <th>{t('label.status')}</th>
              <th>{t('plan.leaderSignature')}</th>
              <th>{t('plan.submittedAt')}</th>
              <th>{t('label.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.depotId} data-testid="child-plan" data-code={c.code} data-status={c.status ?? 'none'}>
                <td>
                  {c.name} <span class="muted code">{c.code}</span>
                </td>
                <td>
                  <DemandStatusBadge status={c.status} testid="child-plan-status" />
                </td>
                <td>{c.planId === null ? '' : c.signed ? <span class="tag ok">{t('plan.signed')}</span> : <span class="muted">{t('plan.unsigned')}</span>}</td>
                <td class="nowrap">{c.submittedAt ? formatDateTime(c.submittedAt) : ''}</td>
                <td>
                  {c.planId !== null && (
                    <a href={paths.demandPlan(c.planId)} data-testid="child-plan-open">
                      {t('plan.viewPlan')}
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('plan.breakdownTitle')}</h3>
      {submitted.length === 0 ? (
        <p class="note" data-testid="demand-breakdown-empty">
          {t('plan.noneSubmitted')}
        </p>
      ) : (
        <div class="table-wrap plan-scroll">
          <table class="data plan-breakdown" data-testid="demand-breakdown">
            <thead>
              <tr>
                <th class="sticky-col">{t('label.product')}</th>
                {submitted.map((c) => (
                  <th key={c.depotId} class="num" data-testid="breakdown-child" data-code={c.code}>
                    {c.name}
                  </th>
                ))}
                <th class="num">{t('label.total')}</th>
              </tr>
            </thead>
            <tbody>
              {productIds.map((id) => {
                const p = catalogue.get(id);
                return (
                  <tr key={id} data-testid="breakdown-row" data-product={p?.code ?? String(id)}>
                    <td class="sticky-col">
                      <span class="code">{p?.code}</span> {p ? productNameOf(p) : ''}
                    </td>
                    {submitted.map((c) => (
                      <td key={c.depotId} class="num" data-code={c.code}>
                        {formatQuantity(quantity(c, id))}
                      </td>
                    ))}
                    <td class="num strong" data-testid="breakdown-total">
                      {formatQuantity(submitted.reduce((s, c) => s + quantity(c, id), 0))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function AllocationSection({ depot, year }: { depot: DepotDetail; year: number }) {
  const [overview, setOverview] = useState<AllocationOverview | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const catalogue = useCatalogue();
  const load = () => {
    setProblem(null);
    api.allocationOverview(depot.id, year).then(setOverview, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setOverview(null);
    load();
  }, [depot.id, year]);

  const open = async () => {
    setBusy(true);
    setProblem(null);
    try {
      navigate(paths.allocationPlan((await api.openAllocationPlan(depot.id, year)).id));
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  };

  const allocates = depot.childCount > 0;
  const shown = overview && overview.depotId === depot.id && overview.year === year ? overview : null;
  const received = shown?.allocatedToMe.filter((a) => a.allocated > 0) ?? [];
  return (
    <section class="panel plan-panel" data-testid="allocation-section" data-state={shown ? (shown.status ?? 'none') : 'loading'}>
      <div class="panel-head">
        <h2>{t('plan.allocationTitle', { year })}</h2>
        {shown && allocates && shown.late && <LateTag issued={shown.status === 'issued'} />}
      </div>
      <p class="muted plan-hint">{t('plan.allocationWhen')}</p>
      <ProblemMessage problem={problem} onRetry={load} />
      {shown && allocates && (
        <div class="plan-own" data-testid="allocation-own">
          <span>{t('plan.ownAllocation', { depot: depot.name })}</span>
          <AllocationStatusBadge status={shown.status as 'draft' | 'issued' | null} />
          <span class={shown.late ? 'plan-deadline late' : 'plan-deadline'} data-testid="allocation-deadline">
            {t('plan.deadline', { date: shown.deadline })}
          </span>
          {shown.planId !== null ? (
            <a class="button" href={paths.allocationPlan(shown.planId)} data-testid="allocation-view">
              {t('plan.viewAllocation')}
            </a>
          ) : plannerAt(depot.id) ? (
            <button type="button" class="button primary" data-testid="allocation-create" disabled={busy} onClick={() => void open()}>
              {t('plan.openAllocation')}
            </button>
          ) : (
            <span class="muted">{t('plan.plannerOpensAllocation')}</span>
          )}
        </div>
      )}
      {shown && !allocates && <p class="note">{t('plan.noChildrenToAllocate')}</p>}
      {shown && depot.parentId !== null && (
        <div class="plan-received" data-testid="allocated-to-me">
          <h3>{t('plan.allocatedToMe')}</h3>
          {received.length === 0 ? (
            <p class="note" data-testid="allocated-to-me-none">
              {t('plan.nothingAllocatedYet')}
            </p>
          ) : (
            <div class="table-wrap">
              <table class="data">
                <thead>
                  <tr>
                    <th>{t('label.product')}</th>
                    <th class="num">{t('plan.allocated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {received.map((a) => {
                    const p = catalogue.get(a.productId);
                    return (
                      <tr key={a.productId} data-testid="allocated-to-me-row" data-product={p?.code}>
                        <td>
                          <span class="code">{p?.code}</span> {p ? productNameOf(p) : ''}
                        </td>
                        <td class="num">{formatQuantity(a.allocated)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
