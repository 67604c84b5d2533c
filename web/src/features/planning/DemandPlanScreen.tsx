import { useEffect, useState } from 'preact/hooks';
import * as api from './planning-api.ts';
import { ApiProblem, toProblem } from '../../api.ts';
import type { DemandPlan } from './planning-api.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDateTime, formatQuantity } from '../../components/format.ts';
import { atOwnDepot, hasRole, session } from '../auth/session.ts';
import { details, loadDetail } from '../depots/depot-state.ts';
import { t, type PlanningMessageKey } from './i18n.ts';
import { leaderAt, plannerAt } from './access.ts';
import { dateOf, demandSteps, formatNumber, formatPct, formatStep, nameOf, parseQuantity, unitOf, type DemandInputs } from './plan-format.ts';
import { DemandStatusBadge, PlanSignatures } from './labels.tsx';
import { useLiveDocument } from '../../live.ts';

type Line = DemandPlan['lines'][number];
type Edit = { quantity: string; reason: string };

/**
 * One demand plan (需求计划): per product the eight inputs the regulation names, prefilled by the
 * server, the proposed quantity with its formula in words, and the planner's quantity (a change
 * needs a reason). The leader signs, the planner submits to the depot above, which may return it
 * with a comment. The printed 避孕药具需求计划表 carries the signature and stamp lines.
 */
export function DemandPlanScreen({ planId }: { planId: number }) {
  const [plan, setPlan] = useState<DemandPlan | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [edits, setEdits] = useState<ReadonlyMap<number, Edit>>(new Map());
  const [serverErrors, setServerErrors] = useState<ReadonlyMap<number, string>>(new Map());
  const [notice, setNotice] = useState<PlanningMessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  const adopt = (p: DemandPlan) => {
    setPlan(p);
    setEdits(new Map());
    setServerErrors(new Map());
  };
  const load = () => {
    setProblem(null);
    api.demandPlan(planId).then(adopt, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setPlan(null);
    setNotice(null);
    load();
  }, [planId]);
  useEffect(() => {
    if (plan) void loadDetail(plan.depotId);
  }, [plan?.depotId]);
  // The leader signs, the depot above returns it: an open plan follows, unless the planner is typing.
  useLiveDocument(() => api.demandPlan(planId), plan?.id === planId ? plan : null, (p) => (adopt(p), setProblem(null)), { enabled: plan?.id === planId && edits.size === 0 && !busy });

  const act = async (fn: () => Promise<DemandPlan>, done: PlanningMessageKey) => {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      const next = await fn();
      adopt(next);
      setNotice(done);
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  };

  if (!plan || plan.id !== planId) return problem ? <ProblemMessage problem={problem} onRetry={load} /> : <p class="note">{t('label.loading')}</p>;

  const detail = details.value.get(plan.depotId);
  const parentId = detail && !(detail instanceof ApiProblem) ? detail.parentId : null;
  const submitted = plan.status === 'submitted';
  const editable = !submitted && plannerAt(plan.depotId);
  const signed = plan.signedBy !== null;
  const reviewer = parentId !== null && atOwnDepot(parentId) && (hasRole('planner') || hasRole('leader'));
  const mine = session.value?.depot.id;
  const back = paths.planning(mine !== undefined && mine !== plan.depotId ? mine : plan.depotId, plan.year);
  const hasChildren = plan.lines.some((l) => l.inputs.hasPlanningChildren);

  const valueOf = (l: Line): Edit => edits.get(l.productId) ?? { quantity: String(l.quantity), reason: l.reason ?? '' };
  const dirty = plan.lines.filter((l) => {
    const e = edits.get(l.productId);
    return e !== undefined && (parseQuantity(e.quantity) !== l.quantity || e.reason.trim() !== (l.reason ?? ''));
  });
  const errorOf = (l: Line): string | null => {
    const e = edits.get(l.productId);
    if (e) {
      const q = parseQuantity(e.quantity);
      if (q === null) return t('plan.wholeNumber');
      if (q !== l.proposed && !e.reason.trim()) return t('plan.reasonRequired');
    }
    return serverErrors.get(l.productId) ?? null;
  };
  const blocked = dirty.some((l) => errorOf(l) !== null);

  const save = async () => {
    const sent = dirty.map((l) => {
      const e = valueOf(l);
      const reason = e.reason.trim();
      return { productId: l.productId, quantity: parseQuantity(e.quantity)!, ...(reason ? { reason } : {}) };
    });
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      const next = await api.updateDemandPlan(plan.id, sent);
      adopt(next);
      setNotice(signed ? 'plan.savedUnsigned' : 'plan.saved');
    } catch (e) {
      const p = toProblem(e);
      setProblem(p);
      const byLine = new Map<number, string>();
      for (const f of p.errors) {
        const m = /^lines\.(\d+)\.reason$/.exec(f.path);
        const line = m ? sent[Number(m[1])] : undefined;
        if (line) byLine.set(line.productId, t('plan.reasonRequired'));
      }
      setServerErrors(byLine);
    } finally {
      setBusy(false);
    }
  };

  const missing = (plan.missingChildren ?? []).map((id) => plan.children.find((c) => c.depotId === id)?.name ?? String(id));
  return (
    <section class="demand-plan-screen" data-testid="demand-plan-screen" data-status={plan.status} data-signed={String(signed)}>
      <div class="toolbar no-print">
        <a class="button" href={back} data-testid="plan-back">
          ‹ {t('label.planning')}
        </a>
        <button type="button" class="button" data-testid="plan-print" onClick={() => window.print()}>
          {t('plan.printDemand')}
        </button>
      </div>
      <header class="page-head no-print">
        <h1 data-testid="plan-title">
          {t('plan.demandPlanOf', { depot: plan.depot.name, year: plan.year })} <DemandStatusBadge status={plan.status} testid="plan-status" />
        </h1>
      </header>

      <div class="panel plan-status-bar no-print" data-testid="plan-status-bar">
        <div class="plan-facts">
          <span data-testid="plan-signature" data-signed={String(signed)}>
            {signed ? (
              <span class="tag ok">{t('plan.signedAt', { time: formatDateTime(plan.signedAt!) })}</span>
            ) : (
              <span class="tag warn">{t('plan.notSigned')}</span>
            )}
          </span>
          {submitted && plan.submittedAt && <span data-testid="plan-submitted-at">{t('plan.submittedOn', { time: formatDateTime(plan.submittedAt) })}</span>}
          {hasChildren && (
            <span class="muted" data-testid="plan-children-count">
              {t('plan.childrenSubmitted', { submitted: plan.children.filter((c) => c.status === 'submitted').length, total: plan.children.length })}
            </span>
          )}
        </div>
        <div class="actions">
          {!submitted && !signed && leaderAt(plan.depotId) && (
            <button type="button" class="button primary" data-testid="plan-sign" disabled={busy || dirty.length > 0} onClick={() => void act(() => api.signDemandPlan(plan.id), 'plan.signedNotice')}>
              {t('plan.sign')}
            </button>
          )}
          {!submitted && (plannerAt(plan.depotId) || leaderAt(plan.depotId)) && (
            <button type="button" class={signed ? 'button primary' : 'button'} data-testid="plan-submit" disabled={busy || dirty.length > 0} onClick={() => void act(() => api.submitDemandPlan(plan.id), 'plan.submittedNotice')}>
              {t('plan.submit')}
            </button>
          )}
        </div>
        {!submitted && !signed && <p class="muted plan-hint">{t('plan.signBeforeSubmit')}</p>}
        {dirty.length > 0 && <p class="muted plan-hint">{t('plan.saveFirst')}</p>}
      </div>

      {plan.status === 'returned' && plan.returnComment && (
        <p class="notice attention no-print" data-testid="plan-returned">
          <strong>{t('plan.returnedBy', { time: plan.returnedAt ? formatDateTime(plan.returnedAt) : '' })}</strong> {plan.returnComment}
        </p>
      )}
      {submitted && missing.length > 0 && (
        <p class="notice attention no-print" data-testid="plan-missing-children">
          {t('plan.missingChildren', { count: missing.length, names: missing.join(t('plan.listSep')) })}
        </p>
      )}
      {notice && (
        <p class="notice no-print" role="status" data-testid="plan-notice">
          {t(notice)}
        </p>
      )}
      <div class="no-print">
        <ProblemMessage problem={problem} testid="plan-problem" />
      </div>

      {reviewer && submitted && <ReturnPanel plan={plan} busy={busy} onReturn={(comment) => void act(() => api.returnDemandPlan(plan.id, comment), 'plan.returnedNotice')} />}

      <div class="panel no-print">
        <div class="panel-head">
          <h2>{t('plan.lines')}</h2>
          {editable && (
            <div class="actions">
              <button type="button" class="button" data-testid="plan-refresh" disabled={busy || dirty.length > 0} title={t('plan.refreshHint')} onClick={() => void act(() => api.updateDemandPlan(plan.id, []), signed ? 'plan.refreshedUnsigned' : 'plan.refreshed')}>
                {t('plan.refresh')}
              </button>
              <button type="button" class="button primary" data-testid="plan-save" disabled={busy || dirty.length === 0 || blocked} onClick={() => void save()}>
                {t('button.save')}
              </button>
            </div>
          )}
        </div>
        <p class="muted plan-hint" data-testid="plan-formula">
          {t(hasChildren ? 'plan.formulaParentShort' : 'plan.formulaLeafShort')} {t('plan.formulaClick')}
        </p>
        <LinesTable
          plan={plan}
          editable={editable}
          hasChildren={hasChildren}
          valueOf={valueOf}
          errorOf={errorOf}
          onEdit={(l, change) => {
            setEdits(new Map(edits).set(l.productId, { ...valueOf(l), ...change }));
            if (serverErrors.has(l.productId)) {
              const next = new Map(serverErrors);
              next.delete(l.productId);
              setServerErrors(next);
            }
          }}
        />
      </div>

      <DemandSheet plan={plan} hasChildren={hasChildren} />
    </section>
  );
}

function ReturnPanel({ plan, busy, onReturn }: { plan: DemandPlan; busy: boolean; onReturn: (comment: string) => void }) {
  const [comment, setComment] = useState('');
  return (
    <div class="panel plan-review no-print" data-testid="plan-review">
      <h2>{t('plan.reviewTitle', { depot: plan.depot.name })}</h2>
      <p class="muted plan-hint">{t('plan.reviewHint')}</p>
      <div class="inline-form">
        <label class="grow">
          {t('plan.returnComment')}
          <input data-testid="plan-return-comment" maxLength={500} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
        </label>
        <button type="button" class="button danger-outline" data-testid="plan-return" disabled={busy || comment.trim().length < 2} onClick={() => onReturn(comment.trim())}>
          {t('plan.return')}
        </button>
      </div>
    </div>
  );
}

function LinesTable(props: {
  plan: DemandPlan;
  editable: boolean;
  hasChildren: boolean;
  valueOf: (l: Line) => Edit;
  errorOf: (l: Line) => string | null;
  onEdit: (l: Line, change: Partial<Edit>) => void;
}) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const { plan, editable, hasChildren } = props;
  const columns = hasChildren ? 11 : 10;
  const toggle = (productId: number) => {
    const next = new Set(open);
    if (!next.delete(productId)) next.add(productId);
    setOpen(next);
  };
  return (
    <div class="table-wrap plan-scroll">
      <table class="data plan-lines" data-testid="demand-lines">
        <thead>
          <tr>
            <th class="sticky-col">{t('label.product')}</th>
            <th class="num" title={t('plan.input.executedHint')}>
              {t('plan.input.executed')}
            </th>
            <th class="num">{t('plan.input.openingStock')}</th>
            <th class="num">{t('plan.input.stockBelow')}</th>
            <th class="num">{t('plan.input.users')}</th>
            <th class="num" title={t('plan.input.standardHint')}>
              {t('plan.input.standard')}
            </th>
            <th class="num">{t('plan.input.turnover')}</th>
            <th class="num">{t('plan.input.trend')}</th>
            {hasChildren && <th class="num">{t('plan.input.childrenRequested')}</th>}
            <th class="num">{t('label.proposed')}</th>
            <th class="num">{t('plan.quantity')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.lines.map((l) => {
            const v = props.valueOf(l);
            const q = parseQuantity(v.quantity);
            const differs = q !== l.proposed;
            const error = props.errorOf(l);
            const expanded = open.has(l.productId);
            const withReason = editable ? differs || v.reason !== '' : l.reason !== null;
            const i = l.inputs;
            return [
              <tr key={l.productId} class={`${differs ? 'plan-changed' : ''}${withReason || expanded ? ' has-sub' : ''}`} data-testid="demand-line" data-product={l.productCode} data-proposed={l.proposed} data-quantity={l.quantity}>
                <td class="sticky-col">
                  <span class="code">{l.productCode}</span> {nameOf(l)} <span class="unit">{unitOf(l)}</span>
                </td>
                <td class="num" data-testid="input-executed" title={t('plan.executedParts', { issued: formatQuantity(i.lastYearIssued), dispensed: formatQuantity(i.lastYearDispensed) })}>
                  {formatQuantity(i.lastYearIssued + i.lastYearDispensed)}
                  {i.lastYearIssued > 0 && i.lastYearDispensed > 0 && (
                    <span class="plan-sub">{t('plan.executedParts', { issued: formatQuantity(i.lastYearIssued), dispensed: formatQuantity(i.lastYearDispensed) })}</span>
                  )}
                </td>
                <td class="num" data-testid="input-opening">
                  {formatQuantity(i.openingStock)}
                </td>
                <td class="num" data-testid="input-below">
                  {formatQuantity(i.stockBelow)}
                </td>
                <td class="num" data-testid="input-users">
                  {i.users === null ? '—' : formatQuantity(i.users)}
                </td>
                <td class="num">{formatNumber(i.standardAnnualUse)}</td>
                <td class="num">{formatNumber(i.turnoverMonths)}</td>
                <td class="num">{formatPct(i.trendPct)}</td>
                {hasChildren && (
                  <td class="num" data-testid="input-children">
                    {formatQuantity(i.childrenRequested)}
                  </td>
                )}
                <td class="num plan-proposed">
                  <button
                    type="button"
                    class="formula-toggle"
                    data-testid="formula-toggle"
                    aria-expanded={expanded}
                    title={t('plan.showFormula')}
                    onClick={() => toggle(l.productId)}
                  >
                    <span data-testid="line-proposed">{formatQuantity(l.proposed)}</span>
                    <span class="formula-icon" aria-hidden="true">
                      {expanded ? '▾' : 'ⓘ'}
                    </span>
                    <span class="visually-hidden">{t('plan.showFormula')}</span>
                  </button>
                </td>
                <td class="num">
                  {editable ? (
                    <input
                      class={`plan-qty${error && q === null ? ' invalid' : ''}`}
                      inputMode="numeric"
                      data-testid="line-quantity"
                      aria-label={t('plan.quantityOf', { product: nameOf(l) })}
                      aria-invalid={(error && q === null) || undefined}
                      aria-describedby={error && q === null && withReason ? `line-error-${l.productId}` : undefined}
                      value={v.quantity}
                      onInput={(e) => props.onEdit(l, { quantity: e.currentTarget.value })}
                    />
                  ) : (
                    <span class="strong" data-testid="line-quantity-value">
                      {formatQuantity(l.quantity)}
                    </span>
                  )}
                </td>
              </tr>,
              withReason && (
                <tr key={`${l.productId}-reason`} class={`plan-subrow${differs ? ' plan-changed' : ''}${expanded ? ' has-sub' : ''}`} data-testid="reason-row" data-product={l.productCode}>
                  <td colSpan={columns}>
                    <div class="plan-subrow-body">
                      {editable ? (
                        <label class="plan-reason-field">
                          <span>{t('plan.reasonOf', { product: l.productCode })}</span>
                          <input
                            class={error && q !== null ? 'invalid' : undefined}
                            aria-invalid={(error && q !== null) || undefined}
                            aria-describedby={error ? `line-error-${l.productId}` : undefined}
                            data-testid="line-reason"
                            maxLength={300}
                            required={differs}
                            placeholder={t('plan.reasonPlaceholder')}
                            value={v.reason}
                            onInput={(e) => props.onEdit(l, { reason: e.currentTarget.value })}
                          />
                        </label>
                      ) : (
                        <span data-testid="line-reason-value">
                          <span class="muted">{t('plan.reasonLabel', { product: l.productCode })}</span>
                          {l.reason}
                        </span>
                      )}
                      {editable && error && (
                        <p class="field-error" id={`line-error-${l.productId}`} data-testid="line-error">
                          {error}
                        </p>
                      )}
                    </div>
                  </td>
                </tr>
              ),
              expanded && (
                <tr key={`${l.productId}-formula`} class="formula-row" data-testid="formula-row" data-product={l.productCode}>
                  <td colSpan={columns}>
                    <FormulaSteps inputs={i} proposed={l.proposed} />
                  </td>
                </tr>
              ),
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}

const trendTerm = (pct: number) => `${pct < 0 ? '−' : '+'} ${formatPct(Math.abs(pct))}`;

/** The proposal of one line in words with its numbers (server/domain/planning.ts proposeDemand). */
function FormulaSteps({ inputs: i, proposed }: { inputs: DemandInputs; proposed: number }) {
  const s = demandSteps(i);
  const months = formatNumber(i.turnoverMonths);
  if (s.kind === 'parent') {
    return (
      <ol class="formula-steps" data-kind="parent">
        <li>{t('plan.formula.parentIntro', { requested: formatQuantity(i.childrenRequested) })}</li>
        <li>{t('plan.formula.parentTurnover', { requested: formatQuantity(i.childrenRequested), months, turnover: formatStep(s.turnover), opening: formatQuantity(i.openingStock), need: formatQuantity(s.need) })}</li>
        <li>
          <strong>{t('plan.formula.parentResult', { requested: formatQuantity(i.childrenRequested), need: formatQuantity(s.need), proposed: formatQuantity(proposed) })}</strong>
        </li>
      </ol>
    );
  }
  return (
    <ol class="formula-steps" data-kind={s.kind}>
      <li>
        {s.kind === 'users'
          ? t('plan.formula.useByUsers', { users: formatQuantity(i.users ?? 0), standard: formatNumber(i.standardAnnualUse), trend: trendTerm(i.trendPct), use: formatStep(s.use) })
          : t('plan.formula.useByPast', { issued: formatQuantity(i.lastYearIssued), dispensed: formatQuantity(i.lastYearDispensed), trend: trendTerm(i.trendPct), use: formatStep(s.use) })}
      </li>
      <li>{t('plan.formula.turnover', { use: formatStep(s.use), months, turnover: formatStep(s.turnover) })}</li>
      <li>
        <strong>
          {t('plan.formula.leafResult', { use: formatStep(s.use), turnover: formatStep(s.turnover), opening: formatQuantity(i.openingStock), below: formatQuantity(i.stockBelow), raw: formatStep(s.raw), proposed: formatQuantity(proposed) })}
        </strong>
      </li>
    </ol>
  );
}

/** 避孕药具需求计划表: the form as it goes up, A4 landscape, with the signature and stamp lines. */
function DemandSheet({ plan, hasChildren }: { plan: DemandPlan; hasChildren: boolean }) {
  const leader = plan.signedByName;
  return (
    <article class="plan-sheet print-only" data-testid="demand-sheet">
      <h1 class="plan-sheet-title">{t('plan.demandSheetTitle')}</h1>
      <p class="plan-sheet-head">
        <span>
          {t('plan.sheetUnit')} {plan.depot.name}
        </span>
        <span>
          {t('plan.sheetYear')} {t('plan.yearOption', { year: plan.year })}
        </span>
        <span>
          {t('plan.sheetStatus')} {t(`planStatus.${plan.status}`)}
        </span>
        <span>
          {t('plan.sheetSubmitted')} {dateOf(plan.submittedAt) || '—'}
        </span>
      </p>
      <table class="data plan-sheet-table">
        <thead>
          <tr>
            <th>{t('plan.sheetNo')}</th>
            <th>{t('label.product')}</th>
            <th>{t('plan.sheetUnitCol')}</th>
            <th>{t('plan.input.executed')}</th>
            <th>{t('plan.input.openingStock')}</th>
            <th>{t('plan.input.stockBelow')}</th>
            <th>{t('plan.input.users')}</th>
            <th>{t('plan.input.standard')}</th>
            <th>{t('plan.input.turnover')}</th>
            <th>{t('plan.input.trend')}</th>
            {hasChildren && <th>{t('plan.input.childrenRequested')}</th>}
            <th>{t('label.proposed')}</th>
            <th>{t('plan.quantity')}</th>
            <th>{t('plan.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.lines.map((l, n) => (
            <tr key={l.productId}>
              <td class="num">{n + 1}</td>
              <td>
                {l.productCode} {nameOf(l)}
              </td>
              <td>{unitOf(l)}</td>
              <td class="num">{formatQuantity(l.inputs.lastYearIssued + l.inputs.lastYearDispensed)}</td>
              <td class="num">{formatQuantity(l.inputs.openingStock)}</td>
              <td class="num">{formatQuantity(l.inputs.stockBelow)}</td>
              <td class="num">{l.inputs.users === null ? '—' : formatQuantity(l.inputs.users)}</td>
              <td class="num">{formatNumber(l.inputs.standardAnnualUse)}</td>
              <td class="num">{formatNumber(l.inputs.turnoverMonths)}</td>
              <td class="num">{formatPct(l.inputs.trendPct)}</td>
              {hasChildren && <td class="num">{formatQuantity(l.inputs.childrenRequested)}</td>}
              <td class="num">{formatQuantity(l.proposed)}</td>
              <td class="num strong">{formatQuantity(l.quantity)}</td>
              <td>{l.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="plan-sheet-note">{t(hasChildren ? 'plan.formulaParentShort' : 'plan.formulaLeafShort')}</p>
      <PlanSignatures testid="demand-sheet" leader={leader} date={dateOf(plan.signedAt)} />
    </article>
  );
}
