import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type Depot } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { FieldError, invalidProps, useFieldIds } from '../../components/FieldError.tsx';
import { usePanelFocus } from '../../components/focus.ts';
import { formatQuantity, productName } from '../../components/format.ts';
import { session } from '../auth/session.ts';
import { TRANSFER_BASES } from './transfer-labels.tsx';
import { allocationRemaining, type RemainingLine } from './order-api.ts';
import { approvalNeeded, blocksSubmit, orderIssues, planChoices, planLine, type OrderBasis } from './order-basis.ts';
import './order-form.css';

interface LineDraft {
  productId: string;
  quantity: string;
}

const emptyLine = (): LineDraft => ({ productId: '', quantity: '' });
const numberOr = (text: string) => (text.trim() === '' ? null : Number(text));

/** Refusals about the plan the order names, shown at the plan field. */
const PLAN_CODES = new Set(['allocation_plan_required', 'plan_not_found', 'allocation_plan_not_issued']);

/**
 * A planner's new order, on its basis (S0:378, 391): on an issued allocation plan, each line one
 * the plan allocates to the receiving depot and within what remains of it, approved as planned; a
 * national new-product allocation, with that document's number, for this depot's leader to
 * approve; or a temporary one, also for the leader. To a child depot, or sideways to a sibling
 * (the common parent's leader approves). The server checks every one of these again.
 */
export function NewOrderForm({ depotId, onClose }: { depotId: number; onClose: () => void }) {
  // Opened by the new-order button, which hides meanwhile: the focus comes into the form and goes back to it (WCAG 2.4.3).
  const panel = usePanelFocus<HTMLFormElement>();
  const [children, setChildren] = useState<Depot[]>([]);
  const [siblings, setSiblings] = useState<Depot[]>([]);
  const [productList, setProductList] = useState<api.Product[]>([]);
  const [toDepotId, setToDepotId] = useState('');
  const [basis, setBasis] = useState<OrderBasis>('temporary');
  const [remaining, setRemaining] = useState<RemainingLine[] | null>(null);
  const [planId, setPlanId] = useState<number | null>(null);
  const [planReference, setPlanReference] = useState('');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([emptyLine()]);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  /** Which form line each line sent was, for the server's `line` (1-based among those sent). */
  const [sentLines, setSentLines] = useState<number[]>([]);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const ids = useFieldIds();

  useEffect(() => {
    api.children(depotId).then((r) => setChildren(r.items), (e) => setProblem(toProblem(e)));
    const parentId = session.value?.depot.parentId;
    if (parentId) api.children(parentId).then((r) => setSiblings(r.items.filter((d) => d.id !== depotId)), () => setSiblings([]));
    api.products().then((r) => setProductList(r.items), (e) => setProblem(toProblem(e)));
  }, [depotId]);

  const onPlan = basis === 'allocation_plan';
  const loadRemaining = (keepPlan: boolean) => {
    if (!onPlan || !toDepotId) return;
    allocationRemaining(depotId, Number(toDepotId)).then(
      (r) => {
        setRemaining(r.items);
        const choices = planChoices(r.items);
        if (!keepPlan || !choices.some((c) => c.planId === planId)) setPlanId((choices.find((c) => c.remaining > 0) ?? choices[0])?.planId ?? null);
      },
      (e) => setProblem(toProblem(e)),
    );
  };
  useEffect(() => {
    setRemaining(null);
    loadRemaining(false);
  }, [onPlan, toDepotId]);

  const lateral = siblings.some((d) => String(d.id) === toDepotId);
  const approval = approvalNeeded(basis, lateral);
  const choices = planChoices(remaining ?? []);
  const planLines = (remaining ?? []).filter((l) => l.planId === planId);
  const issues = orderIssues(
    { basis, planId, planReference, lines: lines.map((l) => ({ productId: numberOr(l.productId), quantity: numberOr(l.quantity) })) },
    remaining ?? [],
  );
  const update = (i: number, change: Partial<LineDraft>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...change } : l)));

  function changeBasis(next: OrderBasis) {
    setBasis(next);
    setProblem(null);
    setTried(false);
    // An allocation plan allocates to the depots below only, and its lines name the products.
    if (next === 'allocation_plan') {
      if (siblings.some((d) => String(d.id) === toDepotId)) setToDepotId('');
      setLines([emptyLine()]);
    }
  }

  // The server's refusal, at the field it is about.
  const serverLine = problem?.code === 'exceeds_allocation' && typeof problem.data?.line === 'number' ? sentLines[problem.data.line - 1] : undefined;
  const planRefused = problem !== null && PLAN_CODES.has(problem.code);
  const referenceRefused = problem?.code === 'national_document_required' || (problem?.errors.some((e) => e.path === 'planReference') ?? false);
  const toRefused = problem?.errors.some((e) => e.path === 'toDepotId') ?? false;

  async function submit(e: Event) {
    e.preventDefault();
    setTried(true);
    setProblem(null);
    if (blocksSubmit(issues) || !toDepotId) return;
    const sent = lines.flatMap((l, i) => (l.productId && Number(l.quantity) > 0 ? [i] : []));
    setSentLines(sent);
    setBusy(true);
    try {
      const order = await api.createTransferOrder({
        fromDepotId: depotId,
        toDepotId: Number(toDepotId),
        basis,
        ...(onPlan && planId !== null ? { allocationPlanId: planId } : {}),
        ...(!onPlan && planReference.trim() ? { planReference: planReference.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        lines: sent.map((i) => ({ productId: Number(lines[i]!.productId), quantity: Number(lines[i]!.quantity) })),
      });
      navigate(paths.transfer(order.id));
    } catch (err) {
      const refused = toProblem(err);
      setProblem(refused);
      setBusy(false);
      // Someone else's order on the plan may have taken part of it meanwhile: show what remains now.
      if (refused.code === 'exceeds_allocation') loadRemaining(true);
    }
  }

  const depotOption = (d: Depot) => (
    <option key={d.id} value={d.id} data-code={d.code}>
      {d.name} ({d.code})
    </option>
  );
  const missingTo = tried && !toDepotId;
  // No issued plan allocates to that depot: an order on the plan cannot be made.
  const noPlan = onPlan && Boolean(toDepotId) && remaining !== null && choices.length === 0;
  return (
    <form ref={panel} class="panel order-form" data-testid="order-form" data-basis={basis} onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('label.newTransferOrder')}</h2>
      <div class="form-grid">
        <label class={`field${missingTo || toRefused ? ' invalid' : ''}`}>
          <span>{t('label.toDepot')}</span>
          <select
            data-testid="order-to"
            required
            {...invalidProps(missingTo ? ids('to') : ids('problem'), missingTo || toRefused)}
            value={toDepotId}
            onChange={(e) => {
              setToDepotId(e.currentTarget.value);
              // A plan's lines are per receiving depot: another depot, other lines.
              if (onPlan) setLines([emptyLine()]);
            }}
          >
            <option value="">{t('label.chooseDepot')}</option>
            <optgroup label={t('label.childDepots')}>{children.map(depotOption)}</optgroup>
            {siblings.length > 0 && !onPlan && <optgroup label={t('label.siblingDepots')}>{siblings.map(depotOption)}</optgroup>}
          </select>
          {missingTo && (
            <FieldError id={ids('to')} testid="order-to-error">
              {t('order.toRequired')}
            </FieldError>
          )}
        </label>
        <label class="field">
          <span>{t('label.basis')}</span>
          <select data-testid="order-basis" aria-describedby={ids('basis-hint')} value={basis} onChange={(e) => changeBasis(e.currentTarget.value as OrderBasis)}>
            {TRANSFER_BASES.map((b) => (
              <option key={b} value={b}>
                {t(`basis.${b}`)}
              </option>
            ))}
          </select>
          <small class="hint" id={ids('basis-hint')} data-testid="order-basis-hint">
            {t(`order.basisHint.${basis}`)}
          </small>
        </label>
        {onPlan && (
          <PlanField
            choices={choices}
            planId={planId}
            loading={Boolean(toDepotId) && remaining === null}
            chosenTo={Boolean(toDepotId)}
            invalid={(tried && issues.planId !== undefined) || planRefused}
            errorId={planRefused ? ids('problem') : ids('plan')}
            showMissing={tried && issues.planId !== undefined && !planRefused}
            onChange={(id) => {
              setPlanId(id);
              setLines([emptyLine()]);
            }}
          />
        )}
        {!onPlan && (
          <label class={`field${basis === 'new_product' && ((tried && issues.planReference) || referenceRefused) ? ' invalid' : ''}`}>
            <span>{t(basis === 'new_product' ? 'order.nationalDocument' : 'label.planReference')}</span>
            <input
              data-testid="order-plan-ref"
              maxLength={60}
              required={basis === 'new_product'}
              aria-required={basis === 'new_product' ? 'true' : undefined}
              {...(basis === 'new_product' && tried && issues.planReference
                ? invalidProps(ids('reference'), true)
                : referenceRefused
                  ? invalidProps(ids('problem'), true)
                  : basis === 'new_product'
                    ? { 'aria-describedby': ids('reference-hint') }
                    : {})}
              value={planReference}
              onInput={(e) => setPlanReference(e.currentTarget.value)}
            />
            {basis === 'new_product' &&
              (tried && issues.planReference ? (
                <FieldError id={ids('reference')} testid="order-plan-ref-error">
                  {t('order.nationalDocumentRequired')}
                </FieldError>
              ) : (
                <small class="hint" id={ids('reference-hint')}>
                  {t('order.nationalDocumentHint')}
                </small>
              ))}
          </label>
        )}
        <label class="field">
          <span>{t('label.note')}</span>
          <input data-testid="order-note" maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
      </div>
      {approval && (
        <p class="notice attention" data-testid="order-approval-hint">
          {t(approval === 'lateral' ? 'label.lateralNeedsApproval' : approval === 'new_product' ? 'order.newProductNeedsApproval' : 'label.temporaryNeedsApproval')}
        </p>
      )}
      <fieldset class="expected-lines" data-testid="order-lines">
        <legend>{t('label.orderLines')}</legend>
        {lines.map((l, i) => {
          const line = onPlan && l.productId ? planLine(remaining ?? [], planId, Number(l.productId)) : undefined;
          const over = issues.overRemaining.get(i);
          const refusedHere = serverLine === i;
          const quantityId = ids(`quantity-${i}`);
          return (
            <div class="inline-form order-draft-line" key={i} data-testid="order-line">
              <select data-testid="order-product" aria-label={t('label.product')} required value={l.productId} onChange={(e) => update(i, { productId: e.currentTarget.value })}>
                <option value="">{t('label.product')}</option>
                {onPlan
                  ? planLines.map((p) => (
                      <option key={p.productId} value={p.productId} data-code={p.productCode} disabled={p.remaining <= 0}>
                        {p.productCode} {lang.value === 'en' ? p.productNameEn : p.productNameZh} · {t('order.remainingShort', { remaining: formatQuantity(p.remaining) })}
                      </option>
                    ))
                  : productList.map((p) => (
                      <option key={p.id} value={p.id} data-code={p.code}>
                        {p.code} {productName(p)}
                      </option>
                    ))}
              </select>
              <input
                data-testid="order-quantity"
                type="number"
                min="1"
                max={line ? line.remaining : undefined}
                required
                aria-label={t('label.quantity')}
                placeholder={t('label.quantity')}
                {...(refusedHere ? invalidProps(ids('problem'), true) : over !== undefined ? invalidProps(quantityId, true) : line ? { 'aria-describedby': `${quantityId}-left` } : {})}
                value={l.quantity}
                onInput={(e) => update(i, { quantity: e.currentTarget.value })}
              />
              {line && over === undefined && (
                <small class="hint order-remaining" id={`${quantityId}-left`} data-testid="order-remaining" data-remaining={line.remaining}>
                  {t('order.remaining', { remaining: formatQuantity(line.remaining), allocated: formatQuantity(line.allocated), ordered: formatQuantity(line.ordered) })}
                </small>
              )}
              {over !== undefined && (
                <FieldError id={quantityId} testid="order-over-remaining">
                  {t('order.overRemaining', { remaining: formatQuantity(over) })}
                </FieldError>
              )}
              {lines.length > 1 && (
                <button type="button" class="button small" data-testid="order-remove-line" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                  {t('button.removeLine')}
                </button>
              )}
            </div>
          );
        })}
        <button type="button" class="button small" data-testid="order-add-line" onClick={() => setLines([...lines, emptyLine()])}>
          {t('button.addLine')}
        </button>
      </fieldset>
      <ProblemMessage problem={problem} testid="order-problem" id={ids('problem')} />
      <div class="actions">
        <button class="button primary" data-testid="order-submit" disabled={busy || noPlan}>
          {t('button.createOrder')}
        </button>
        <button type="button" class="button" data-testid="order-form-close" onClick={onClose}>
          {t('button.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The issued allocation plan the order follows: those of this depot that allocate to the receiving one. */
function PlanField(props: {
  choices: ReturnType<typeof planChoices>;
  planId: number | null;
  loading: boolean;
  chosenTo: boolean;
  invalid: boolean;
  errorId: string;
  showMissing: boolean;
  onChange: (planId: number | null) => void;
}) {
  const ids = useFieldIds();
  const none = props.chosenTo && !props.loading && props.choices.length === 0;
  const missing = props.showMissing && !none;
  return (
    <label class={`field${props.invalid && !none ? ' invalid' : ''}`}>
      <span>{t('order.allocationPlan')}</span>
      <select
        data-testid="order-plan"
        required
        disabled={!props.chosenTo || none}
        {...(props.invalid && !none ? invalidProps(missing ? ids('missing') : props.errorId, true) : { 'aria-describedby': ids('plan-hint') })}
        value={props.planId ?? ''}
        onChange={(e) => props.onChange(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
      >
        <option value="">{t(props.chosenTo ? 'order.choosePlan' : 'order.chooseDepotFirst')}</option>
        {props.choices.map((c) => (
          <option key={c.planId} value={c.planId} data-number={c.planNumber}>
            {t('order.planOption', { number: c.planNumber, remaining: formatQuantity(c.remaining) })}
          </option>
        ))}
      </select>
      {missing ? (
        <FieldError id={ids('missing')} testid="order-plan-error">
          {t('order.planRequired')}
        </FieldError>
      ) : (
        <small class="hint" id={ids('plan-hint')} data-testid={none ? 'order-plan-none' : 'order-plan-hint'}>
          {t(none ? 'order.noIssuedPlan' : 'order.planHint')}
        </small>
      )}
    </label>
  );
}
