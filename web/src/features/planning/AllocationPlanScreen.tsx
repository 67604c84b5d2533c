import { useEffect, useState } from 'preact/hooks';
import * as api from './planning-api.ts';
import { toProblem, type ApiProblem } from '../../api.ts';
import type { AllocationPlan } from './planning-api.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDateTime, formatQuantity } from '../../components/format.ts';
import { session } from '../auth/session.ts';
import { StatusBadge, type TransferStatus } from '../transfers/transfer-labels.tsx';
import { t, type PlanningMessageKey } from './i18n.ts';
import { leaderAt, plannerAt } from './access.ts';
import { dateOf, formatPct, nameOf, parseQuantity } from './plan-format.ts';
import { AllocationStatusBadge, LateTag, PlanSignatures } from './labels.tsx';
import { useLiveDocument } from '../../live.ts';

type Line = AllocationPlan['lines'][number];
type Edit = { allocated: string; reason: string };

const keyOf = (l: { childDepotId: number; productId: number }) => `${l.childDepotId}:${l.productId}`;

/** The plan's lines by product, products in code order, the children in the server's order. */
function byProduct(lines: readonly Line[]) {
  const groups = new Map<number, Line[]>();
  for (const l of lines) (groups.get(l.productId) ?? groups.set(l.productId, []).get(l.productId)!).push(l);
  return [...groups.values()].sort((a, b) => a[0]!.productCode.localeCompare(b[0]!.productCode));
}

/**
 * One allocation plan (分配计划): per product what the depot can allocate, and per depot below
 * the four inputs (last year's users and use, its request, the forecast change), the proposed
 * split and the planner's allocation, never beyond what is available. The leader signs and issues
 * it (签发, by the end of February); the planned transfer orders it generates are listed with their
 * progress. The printed 避孕药具分配计划表 carries the signature and stamp lines.
 */
export function AllocationPlanScreen({ planId }: { planId: number }) {
  const [plan, setPlan] = useState<AllocationPlan | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [edits, setEdits] = useState<ReadonlyMap<string, Edit>>(new Map());
  const [notice, setNotice] = useState<PlanningMessageKey | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  /** Products whose quiet depots below (no request, no use last year, nothing allocated) are shown too. */
  const [showAll, setShowAll] = useState<ReadonlySet<number>>(new Set());

  const adopt = (p: AllocationPlan) => {
    setPlan(p);
    setEdits(new Map());
  };
  const load = () => {
    setProblem(null);
    api.allocationPlan(planId).then(adopt, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setPlan(null);
    setNotice(null);
    setConfirming(false);
    setShowAll(new Set());
    load();
  }, [planId]);
  // The leader issues it, the orders it made move on: an open plan follows, unless the planner is typing.
  useLiveDocument(() => api.allocationPlan(planId), plan?.id === planId ? plan : null, (p) => (adopt(p), setProblem(null)), { enabled: plan?.id === planId && edits.size === 0 && !busy && !confirming });

  if (!plan || plan.id !== planId) return problem ? <ProblemMessage problem={problem} onRetry={load} /> : <p class="note">{t('label.loading')}</p>;

  const draft = plan.status === 'draft';
  const editable = draft && plannerAt(plan.depotId);
  const valueOf = (l: Line): Edit => edits.get(keyOf(l)) ?? { allocated: String(l.allocated), reason: l.reason ?? '' };
  const allocatedOf = (l: Line) => parseQuantity(valueOf(l).allocated);
  const dirty = plan.lines.filter((l) => {
    const e = edits.get(keyOf(l));
    return e !== undefined && (parseQuantity(e.allocated) !== l.allocated || e.reason.trim() !== (l.reason ?? ''));
  });
  const invalid = dirty.some((l) => allocatedOf(l) === null);
  const groups = byProduct(plan.lines);
  const quiet = (l: Line) => (l.requested ?? 0) === 0 && l.lastYearUse === 0 && l.lastYearUsers === 0 && l.proposed === 0 && l.allocated === 0 && !edits.has(keyOf(l));
  const mine = session.value?.depot.id;

  const act = async (fn: () => Promise<AllocationPlan>, done: PlanningMessageKey) => {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      adopt(await fn());
      setNotice(done);
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const save = () =>
    act(
      () =>
        api.updateAllocationPlan(
          plan.id,
          dirty.map((l) => {
            const reason = valueOf(l).reason.trim();
            return { childDepotId: l.childDepotId, productId: l.productId, allocated: allocatedOf(l)!, ...(reason ? { reason } : {}) };
          }),
        ),
      'plan.allocationSaved',
    );

  const over = problem?.code === 'exceeds_available' ? plan.lines.find((l) => l.productId === problem.data?.productId) : undefined;
  const children = new Set(plan.lines.map((l) => l.childDepotId)).size;
  return (
    <section class="allocation-plan-screen" data-testid="allocation-plan-screen" data-status={plan.status}>
      <div class="toolbar no-print">
        <a class="button" href={paths.planning(mine ?? plan.depotId, plan.year)} data-testid="plan-back">
          ‹ {t('label.planning')}
        </a>
        <button type="button" class="button" data-testid="allocation-print" onClick={() => window.print()}>
          {t('plan.printAllocation')}
        </button>
      </div>
      <header class="page-head no-print">
        <h1 data-testid="allocation-title">
          {t('plan.allocationPlanOf', { depot: plan.depot.name, year: plan.year })} <span class="muted code">{plan.number}</span> <AllocationStatusBadge status={plan.status} />
        </h1>
      </header>

      <div class="panel plan-status-bar no-print" data-testid="allocation-status-bar">
        <div class="plan-facts">
          <span class={plan.late ? 'plan-deadline late' : 'plan-deadline'} data-testid="allocation-deadline">
            {t('plan.deadline', { date: plan.deadline })}
          </span>
          {plan.late && <LateTag issued={!draft} />}
          {plan.issuedAt && (
            <span class="tag ok" data-testid="allocation-issued-at">
              {t('plan.issuedAt', { time: formatDateTime(plan.issuedAt) })}
            </span>
          )}
          <span class="muted">{t('plan.allocationScope', { children, products: groups.length })}</span>
        </div>
        <div class="actions">
          {draft && leaderAt(plan.depotId) && !confirming && (
            <button type="button" class="button primary" data-testid="allocation-issue" disabled={busy || dirty.length > 0} onClick={() => setConfirming(true)}>
              {t('plan.issue')}
            </button>
          )}
          {confirming && (
            <span class="confirm" data-testid="allocation-issue-confirm-box">
              {t('plan.issueConfirm', { orders: new Set(plan.lines.filter((l) => l.allocated > 0).map((l) => l.childDepotId)).size })}
              <button type="button" class="button primary" data-testid="allocation-issue-confirm" disabled={busy} onClick={() => void act(() => api.issueAllocationPlan(plan.id), 'plan.issuedNotice')}>
                {t('plan.issueNow')}
              </button>
              <button type="button" class="button" onClick={() => setConfirming(false)}>
                {t('button.cancel')}
              </button>
            </span>
          )}
        </div>
        {draft && <p class="muted plan-hint">{t('plan.issueHint')}</p>}
        {dirty.length > 0 && <p class="muted plan-hint">{t('plan.saveFirst')}</p>}
      </div>

      {notice && (
        <p class="notice no-print" role="status" data-testid="allocation-notice">
          {t(notice)}
        </p>
      )}
      <div class="no-print">
        <ProblemMessage problem={problem} testid="allocation-problem" />
      </div>
      {over && problem && (
        <p class="problem plan-over-detail no-print" data-testid="allocation-over-detail">
          {t('plan.exceedsDetail', { product: `${over.productCode} ${nameOf(over)}`, allocated: formatQuantity(Number(problem.data?.allocated ?? 0)), available: formatQuantity(Number(problem.data?.available ?? 0)) })}
        </p>
      )}

      {!draft && <OrdersPanel plan={plan} />}
      {!draft && <ProgressPanel plan={plan} />}

      <div class="panel no-print">
        <div class="panel-head">
          <h2>{t('plan.allocationGrid')}</h2>
          {editable && (
            <button type="button" class="button primary" data-testid="allocation-save" disabled={busy || dirty.length === 0 || invalid} onClick={() => void save()}>
              {t('button.save')}
            </button>
          )}
        </div>
        <p class="muted plan-hint">{t('plan.allocationFormula')}</p>
        <div class="table-wrap plan-scroll">
          <table class="data plan-grid" data-testid="allocation-grid">
            <thead>
              <tr>
                <th class="sticky-col">{t('plan.unit')}</th>
                <th class="num">{t('plan.lastYearUsers')}</th>
                <th class="num">{t('plan.lastYearUse')}</th>
                <th class="num">{t('plan.requested')}</th>
                <th class="num">{t('plan.forecast')}</th>
                <th class="num">{t('label.proposed')}</th>
                <th class="num">{t('plan.allocated')}</th>
                <th>{t('plan.allocationReason')}</th>
              </tr>
            </thead>
            {groups.map((lines) => {
              const first = lines[0]!;
              const available = plan.available ? (plan.available[String(first.productId)] ?? 0) : undefined;
              const sum = lines.reduce((s, l) => s + (allocatedOf(l) ?? 0), 0);
              const tooMuch = available !== undefined && sum > available;
              const visible = showAll.has(first.productId) ? lines : lines.filter((l) => !quiet(l));
              const hidden = lines.length - visible.length;
              return (
                <tbody key={first.productId} data-testid="allocation-product" data-product={first.productCode} data-over={String(tooMuch)}>
                  <tr class={`plan-group${tooMuch ? ' over' : ''}`}>
                    <th class="sticky-col" scope="colgroup">
                      <span class="code">{first.productCode}</span> {nameOf(first)}
                    </th>
                    <td colSpan={4} class="plan-group-facts">
                      {available !== undefined && (
                        <span data-testid="allocation-available">
                          {t('plan.available')} <strong>{formatQuantity(available)}</strong>
                        </span>
                      )}
                    </td>
                    <td class="num">{formatQuantity(lines.reduce((s, l) => s + l.proposed, 0))}</td>
                    <td class={`num plan-sum${tooMuch ? ' over' : ''}`} data-testid="allocation-sum">
                      {formatQuantity(sum)}
                    </td>
                    <td>
                      {tooMuch && (
                        <span class="plan-over" data-testid="allocation-over">
                          {t('plan.overBy', { quantity: formatQuantity(sum - available!) })}
                        </span>
                      )}
                    </td>
                  </tr>
                  {visible.map((l) => {
                    const v = valueOf(l);
                    const q = parseQuantity(v.allocated);
                    const changed = q !== l.proposed;
                    return (
                      <tr key={keyOf(l)} class={changed ? 'plan-changed' : undefined} data-testid="allocation-line" data-child={l.childCode} data-product={l.productCode} data-allocated={l.allocated}>
                        <td class="sticky-col plan-child">
                          {l.childName} <span class="muted code">{l.childCode}</span>
                        </td>
                        <td class="num">{formatQuantity(l.lastYearUsers)}</td>
                        <td class="num">{formatQuantity(l.lastYearUse)}</td>
                        <td class="num" data-testid="allocation-requested">
                          {l.requested === null ? <span class="muted">{t('plan.noRequest')}</span> : formatQuantity(l.requested)}
                        </td>
                        <td class="num">{formatPct(l.forecastChangePct)}</td>
                        <td class="num" data-testid="allocation-proposed">
                          {formatQuantity(l.proposed)}
                        </td>
                        <td class="num">
                          {editable ? (
                            <>
                              <input
                                class={`plan-qty${q === null ? ' invalid' : ''}`}
                                inputMode="numeric"
                                data-testid="allocation-input"
                                aria-label={t('plan.allocationOf', { child: l.childName, product: nameOf(l) })}
                                aria-invalid={q === null || undefined}
                                aria-describedby={q === null ? `allocation-error-${keyOf(l)}` : undefined}
                                value={v.allocated}
                                onInput={(e) => {
                                  setProblem(null);
                                  setEdits(new Map(edits).set(keyOf(l), { ...v, allocated: e.currentTarget.value }));
                                }}
                              />
                              {q === null && (
                                <p class="field-error" id={`allocation-error-${keyOf(l)}`}>
                                  {t('plan.wholeNumber')}
                                </p>
                              )}
                            </>
                          ) : (
                            <span data-testid="allocation-value">{formatQuantity(l.allocated)}</span>
                          )}
                        </td>
                        <td class="plan-reason">
                          {editable && (changed || v.reason) ? (
                            <input
                              data-testid="allocation-reason"
                              maxLength={300}
                              placeholder={t('plan.allocationReasonPlaceholder')}
                              aria-label={t('plan.reasonOf', { product: `${l.childName} ${nameOf(l)}` })}
                              value={v.reason}
                              onInput={(e) => setEdits(new Map(edits).set(keyOf(l), { ...v, reason: e.currentTarget.value }))}
                            />
                          ) : (
                            (l.reason ?? '')
                          )}
                        </td>
                      </tr>
                    );
                  })}
                  {hidden > 0 && (
                    <tr class="plan-quiet">
                      <td colSpan={8}>
                        <button type="button" class="row-toggle" data-testid="allocation-show-quiet" onClick={() => setShowAll(new Set(showAll).add(first.productId))}>
                          {t('plan.showQuiet', { count: hidden })}
                        </button>
                      </td>
                    </tr>
                  )}
                </tbody>
              );
            })}
          </table>
        </div>
        {groups.length === 0 && <p class="note">{t('plan.allocationEmpty')}</p>}
      </div>

      <AllocationSheet plan={plan} />
    </section>
  );
}

/** The transfer orders the issued plan generated, one per depot below (planned: no approval needed). */
function OrdersPanel({ plan }: { plan: AllocationPlan }) {
  const childName = (id: number) => plan.lines.find((l) => l.childDepotId === id)?.childName ?? '';
  return (
    <div class="panel no-print" data-testid="allocation-orders">
      <h2>{t('plan.ordersTitle')}</h2>
      {plan.orders.length === 0 ? (
        <p class="note">{t('plan.noOrders')}</p>
      ) : (
        <ul class="plan-orders">
          {plan.orders.map((o) => (
            <li key={o.id} data-testid="allocation-order" data-to={o.toDepotId}>
              <a href={paths.transfer(o.id)} data-testid="allocation-order-link">
                {t('label.transferOrder')} {o.number}
              </a>{' '}
              → {childName(o.toDepotId)}{' '}
              <StatusBadge status={o.status as TransferStatus} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Allocated vs dispatched vs received, per depot below and product. */
function ProgressPanel({ plan }: { plan: AllocationPlan }) {
  const rows = plan.lines.filter((l) => l.allocated > 0).sort((a, b) => a.childCode.localeCompare(b.childCode) || a.productCode.localeCompare(b.productCode));
  if (rows.length === 0) return null;
  return (
    <div class="panel no-print" data-testid="allocation-progress">
      <h2>{t('plan.progressTitle')}</h2>
      <div class="table-wrap">
        <table class="data plan-progress">
          <thead>
            <tr>
              <th>{t('plan.unit')}</th>
              <th>{t('label.product')}</th>
              <th class="num">{t('plan.allocated')}</th>
              <th class="num">{t('plan.dispatched')}</th>
              <th class="num">{t('plan.received')}</th>
              <th>{t('plan.progress')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => {
              const sent = Math.min(100, Math.round((l.dispatched / l.allocated) * 100));
              const got = Math.min(100, Math.round((l.received / l.allocated) * 100));
              return (
                <tr key={keyOf(l)} data-testid="progress-row" data-child={l.childCode} data-product={l.productCode} data-dispatched={l.dispatched} data-received={l.received}>
                  <td class="nowrap">{l.childName}</td>
                  <td>
                    <span class="code">{l.productCode}</span> {nameOf(l)}
                  </td>
                  <td class="num">{formatQuantity(l.allocated)}</td>
                  <td class="num">{formatQuantity(l.dispatched)}</td>
                  <td class="num">{formatQuantity(l.received)}</td>
                  <td>
                    <span class="plan-bar" role="img" aria-label={t('plan.progressText', { dispatched: sent, received: got })} title={t('plan.progressText', { dispatched: sent, received: got })}>
                      <span class="plan-bar-sent" style={{ width: `${sent}%` }} />
                      <span class="plan-bar-got" style={{ width: `${got}%` }} />
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** 避孕药具分配计划表: A4 landscape, the lines that carry something, with the signature and stamp lines. */
function AllocationSheet({ plan }: { plan: AllocationPlan }) {
  const leader = plan.signedByName;
  const rows = plan.lines
    .filter((l) => l.allocated > 0 || (l.requested ?? 0) > 0 || l.proposed > 0)
    .sort((a, b) => a.childCode.localeCompare(b.childCode) || a.productCode.localeCompare(b.productCode));
  return (
    <article class="plan-sheet print-only" data-testid="allocation-sheet">
      <h1 class="plan-sheet-title">{t('plan.allocationSheetTitle')}</h1>
      <p class="plan-sheet-head">
        <span>
          {t('plan.sheetIssuer')} {plan.depot.name}
        </span>
        <span>
          {t('plan.sheetYear')} {t('plan.yearOption', { year: plan.year })}
        </span>
        <span>
          {t('plan.sheetNumber')} {plan.number}
        </span>
        <span>
          {t('plan.sheetIssued')} {dateOf(plan.issuedAt) || '—'}
        </span>
        <span>{t('plan.deadline', { date: plan.deadline })}</span>
      </p>
      <table class="data plan-sheet-table">
        <thead>
          <tr>
            <th>{t('plan.sheetNo')}</th>
            <th>{t('plan.sheetRecipient')}</th>
            <th>{t('label.product')}</th>
            <th>{t('plan.lastYearUsers')}</th>
            <th>{t('plan.lastYearUse')}</th>
            <th>{t('plan.requested')}</th>
            <th>{t('plan.forecast')}</th>
            <th>{t('plan.allocated')}</th>
            <th>{t('plan.allocationReason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((l, n) => (
            <tr key={keyOf(l)}>
              <td class="num">{n + 1}</td>
              <td>{l.childName}</td>
              <td>
                {l.productCode} {nameOf(l)}
              </td>
              <td class="num">{formatQuantity(l.lastYearUsers)}</td>
              <td class="num">{formatQuantity(l.lastYearUse)}</td>
              <td class="num">{l.requested === null ? '—' : formatQuantity(l.requested)}</td>
              <td class="num">{formatPct(l.forecastChangePct)}</td>
              <td class="num strong">{formatQuantity(l.allocated)}</td>
              <td>{l.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <PlanSignatures testid="allocation-sheet" leader={leader} date={dateOf(plan.issuedAt)} />
    </article>
  );
}
