import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type Depot, type TransferOrderSummary } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDateTime, productName } from '../../components/format.ts';
import { atOwnDepot, hasRole, session } from '../auth/session.ts';
import { BasisLabel, StatusBadge, TRANSFER_BASES, type TransferBasis } from './transfer-labels.tsx';

type Page = Awaited<ReturnType<typeof api.transferOrders>>;

/** The transfer orders a depot issues and receives, the ones its leader must decide, and a new one (planner). */
export function TransfersScreen({ depotId }: { depotId: number }) {
  const [page, setPage] = useState<Page | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [drafting, setDrafting] = useState(false);

  useEffect(() => {
    setDrafting(false);
    setPage(null);
    setProblem(null);
    api.transferOrders(depotId).then(setPage, (e) => setProblem(toProblem(e)));
  }, [depotId]);

  const own = atOwnDepot(depotId);
  const awaiting = own && hasRole('leader') ? (page?.awaitingMyApproval ?? []) : [];
  return (
    <section data-testid="transfers-screen" data-state={page ? 'ready' : 'loading'}>
      {awaiting.length > 0 && (
        <div class="panel awaiting" data-testid="awaiting-approval">
          <h2>{t('label.awaitingMyApproval')}</h2>
          <ul>
            {awaiting.map((o) => (
              <li key={o.id}>
                <a href={paths.transfer(o.id)} data-testid="awaiting-row">
                  {o.number}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {own && hasRole('planner') && drafting && <NewOrderForm depotId={depotId} onClose={() => setDrafting(false)} />}
      {own && hasRole('planner') && !drafting && (
        <div class="toolbar">
          <button type="button" class="button primary" data-testid="order-new" onClick={() => setDrafting(true)}>
            {t('label.newTransferOrder')}
          </button>
        </div>
      )}
      <ProblemMessage problem={problem} />
      <div class="table-wrap">
        <table class="data" data-testid="transfers-table">
          <thead>
            <tr>
              <th>{t('label.transferNumber')}</th>
              <th>{t('label.direction')}</th>
              <th>{t('label.fromTo')}</th>
              <th>{t('label.basis')}</th>
              <th>{t('label.status')}</th>
              <th>{t('label.createdAt')}</th>
            </tr>
          </thead>
          <tbody>
            {(page?.items ?? []).map((o) => (
              <OrderRow key={o.id} order={o} depotId={depotId} />
            ))}
            {page && page.items.length === 0 && (
              <tr>
                <td colSpan={6} class="empty">
                  {t('label.empty')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function OrderRow({ order, depotId }: { order: TransferOrderSummary; depotId: number }) {
  const direction = order.fromDepotId === depotId ? 'out' : 'in';
  return (
    <tr class="clickable" data-testid="transfer-row" data-number={order.number} data-status={order.status} data-direction={direction} onClick={() => navigate(paths.transfer(order.id))}>
      <td class="nowrap">
        <a href={paths.transfer(order.id)}>{order.number}</a>
      </td>
      <td>
        <span class={`tag direction-${direction}`}>{t(`direction.${direction}`)}</span>
      </td>
      <td>
        {order.fromDepotName} → {order.toDepotName}
      </td>
      <td>
        <BasisLabel basis={order.basis} lateral={order.lateral} />
      </td>
      <td>
        <StatusBadge status={order.status} />
      </td>
      <td class="nowrap">{formatDateTime(order.createdAt)}</td>
    </tr>
  );
}

interface LineDraft {
  productId: string;
  quantity: string;
}

/**
 * A planner's new order: to a child depot, or sideways to a sibling (the common parent's leader
 * approves); a temporary order waits for this depot's leader.
 */
function NewOrderForm({ depotId, onClose }: { depotId: number; onClose: () => void }) {
  const [children, setChildren] = useState<Depot[]>([]);
  const [siblings, setSiblings] = useState<Depot[]>([]);
  const [productList, setProductList] = useState<api.Product[]>([]);
  const [toDepotId, setToDepotId] = useState('');
  // An allocation-plan order must name an issued plan's line, which this form cannot pick yet:
  // it starts as a temporary order, which the leader approves.
  const [basis, setBasis] = useState<TransferBasis>('temporary');
  const [planReference, setPlanReference] = useState('');
  const [note, setNote] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([{ productId: '', quantity: '' }]);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.children(depotId).then((r) => setChildren(r.items), (e) => setProblem(toProblem(e)));
    const parentId = session.value?.depot.parentId;
    if (parentId) api.children(parentId).then((r) => setSiblings(r.items.filter((d) => d.id !== depotId)), () => setSiblings([]));
    api.products().then((r) => setProductList(r.items), (e) => setProblem(toProblem(e)));
  }, [depotId]);

  const lateral = siblings.some((d) => String(d.id) === toDepotId);
  const needsApproval = lateral || basis === 'temporary';
  const update = (i: number, change: Partial<LineDraft>) => setLines(lines.map((l, j) => (j === i ? { ...l, ...change } : l)));

  async function submit(e: Event) {
    e.preventDefault();
    setProblem(null);
    setBusy(true);
    try {
      const order = await api.createTransferOrder({
        fromDepotId: depotId,
        toDepotId: Number(toDepotId),
        basis,
        ...(planReference.trim() ? { planReference: planReference.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        lines: lines.filter((l) => l.productId && Number(l.quantity) > 0).map((l) => ({ productId: Number(l.productId), quantity: Number(l.quantity) })),
      });
      navigate(paths.transfer(order.id));
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  }

  return (
    <form class="panel order-form" data-testid="order-form" onSubmit={(e) => void submit(e)}>
      <h2>{t('label.newTransferOrder')}</h2>
      <div class="form-grid">
        <label class="field">
          <span>{t('label.toDepot')}</span>
          <select data-testid="order-to" required value={toDepotId} onChange={(e) => setToDepotId(e.currentTarget.value)}>
            <option value="">{t('label.chooseDepot')}</option>
            <optgroup label={t('label.childDepots')}>
              {children.map((d) => (
                <option key={d.id} value={d.id} data-code={d.code}>
                  {d.name} ({d.code})
                </option>
              ))}
            </optgroup>
            {siblings.length > 0 && (
              <optgroup label={t('label.siblingDepots')}>
                {siblings.map((d) => (
                  <option key={d.id} value={d.id} data-code={d.code}>
                    {d.name} ({d.code})
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label class="field">
          <span>{t('label.basis')}</span>
          <select data-testid="order-basis" value={basis} onChange={(e) => setBasis(e.currentTarget.value as TransferBasis)}>
            {TRANSFER_BASES.map((b) => (
              <option key={b} value={b}>
                {t(`basis.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('label.planReference')}</span>
          <input data-testid="order-plan-ref" maxLength={60} value={planReference} onInput={(e) => setPlanReference(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('label.note')}</span>
          <input data-testid="order-note" maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
      </div>
      {needsApproval && (
        <p class="notice attention" data-testid="order-approval-hint">
          {t(lateral ? 'label.lateralNeedsApproval' : 'label.temporaryNeedsApproval')}
        </p>
      )}
      <fieldset class="expected-lines" data-testid="order-lines">
        <legend>{t('label.orderLines')}</legend>
        {lines.map((l, i) => (
          <div class="inline-form" key={i} data-testid="order-line">
            <select data-testid="order-product" required value={l.productId} onChange={(e) => update(i, { productId: e.currentTarget.value })}>
              <option value="">{t('label.product')}</option>
              {productList.map((p) => (
                <option key={p.id} value={p.id} data-code={p.code}>
                  {p.code} {productName(p)}
                </option>
              ))}
            </select>
            <input data-testid="order-quantity" type="number" min="1" required placeholder={t('label.quantity')} value={l.quantity} onInput={(e) => update(i, { quantity: e.currentTarget.value })} />
            {lines.length > 1 && (
              <button type="button" class="button small" data-testid="order-remove-line" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                {t('button.removeLine')}
              </button>
            )}
          </div>
        ))}
        <button type="button" class="button small" data-testid="order-add-line" onClick={() => setLines([...lines, { productId: '', quantity: '' }])}>
          {t('button.addLine')}
        </button>
      </fieldset>
      <ProblemMessage problem={problem} testid="order-problem" />
      <div class="actions">
        <button class="button primary" data-testid="order-submit" disabled={busy}>
          {t('button.createOrder')}
        </button>
        <button type="button" class="button" data-testid="order-form-close" onClick={onClose}>
          {t('button.cancel')}
        </button>
      </div>
    </form>
  );
}
