import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem, type Product } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ZoneBadge } from '../../components/ZoneBadge.tsx';
import { usePanelFocus } from '../../components/focus.ts';
import { formatDateTime, formatQuantity, productName } from '../../components/format.ts';
import { useAction } from '../../components/action.ts';
import { DoneNotice, type Done } from '../../components/DoneNotice.tsx';
import { atOwnDepot, hasRole, session } from '../auth/session.ts';
import { productList } from '../stock/stock-state.ts';
import { decideReversal, reversalRequests, type ReversalRequest } from './reversal-api.ts';
import './controls.css';

/** A leader of the depot decides; never the requester (the server also refuses an account either granted: not_independent). */
const decidesAt = (depotId: number) => atOwnDepot(depotId) && hasRole('leader');

/**
 * A depot's reversal requests (冲销申请): those awaiting a decision first, each with what it would
 * take back, who asked, when and why; a leader other than the requester approves (the reversal
 * posts) or refuses with a reason. The requester follows the state here and on the stock card.
 */
export function ReversalsScreen({ depotId }: { depotId: number }) {
  const [items, setItems] = useState<ReversalRequest[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<Done>(null);
  const load = () => {
    setProblem(null);
    reversalRequests(depotId).then(
      (r) => setItems(r.items),
      (e) => setProblem(toProblem(e)),
    );
  };
  useEffect(() => {
    setItems(null);
    setDone(null);
    load();
    void productList.load(undefined);
  }, [depotId]);
  const products = productList.state.value.data?.items ?? [];
  const pending = items?.filter((r) => r.status === 'pending') ?? [];
  const decided = items?.filter((r) => r.status !== 'pending') ?? [];
  const changed = (text: () => string) => {
    setDone({ text });
    load();
  };

  return (
    <section class="screen controls-screen" data-testid="reversals-screen" data-state={items ? 'ready' : problem ? 'error' : 'loading'}>
      <div class="toolbar no-print">
        <a class="button" href={paths.stock(depotId)} data-testid="reversals-back">
          ‹ {t('button.back')}
        </a>
      </div>
      <h2>{t('reversal.title')}</h2>
      <p class="hint">{t('reversal.hint')}</p>
      <DoneNotice done={done} testid="reversal-done" />
      <ProblemMessage problem={problem} onRetry={load} />
      {items && (
        <>
          <section class="panel" data-testid="reversals-pending" data-count={pending.length}>
            <h3>
              {t('reversal.pending')} {pending.length > 0 && <span class="waiting-badge">{pending.length}</span>}
            </h3>
            <RequestTable rows={pending} products={products} depotId={depotId} empty={t('reversal.nonePending')} onDecided={changed} testid="reversals-pending-table" />
          </section>
          <section class="panel" data-testid="reversals-decided">
            <h3>{t('reversal.decided')}</h3>
            <RequestTable rows={decided} products={products} depotId={depotId} empty={t('reversal.none')} onDecided={changed} testid="reversals-decided-table" />
          </section>
        </>
      )}
    </section>
  );
}

const COLUMNS = 5;

function RequestTable({ rows, products, depotId, empty, onDecided, testid }: { rows: ReversalRequest[]; products: Product[]; depotId: number; empty: string; onDecided: (text: () => string) => void; testid: string }) {
  const [refusing, setRefusing] = useState<number | null>(null);
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={rows.length === 0 ? empty : t('reversal.title')}>
      <table class="data reversal-table" data-testid={testid}>
        <thead>
          <tr>
            <th>{t('reversal.posting')}</th>
            <th>{t('reversal.what')}</th>
            <th>{t('reversal.reason')}</th>
            <th>{t('reversal.requestedBy')}</th>
            <th>{t('reversal.decision')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={COLUMNS} class="empty">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <Fragment key={r.id}>
              <tr data-testid="reversal-row" data-request={r.id} data-status={r.status} data-kind={r.postingKind}>
                <td class="nowrap">
                  {t(`kind.${r.postingKind}`)} <span class="muted">#{r.postingId}</span>
                </td>
                <td>
                  <Movements request={r} products={products} depotId={depotId} />
                </td>
                <td class="reversal-reason">{r.reason}</td>
                <td class="nowrap">
                  {r.requestedByName ?? `#${r.requestedBy}`}
                  <br />
                  <span class="muted">{formatDateTime(r.requestedAt)}</span>
                </td>
                <td class="reversal-decision">
                  <Decision request={r} />
                  {r.status === 'pending' && <Actions request={r} depotId={depotId} refusing={refusing === r.id} onRefuse={() => setRefusing(r.id)} onDecided={onDecided} />}
                </td>
              </tr>
              {refusing === r.id && (
                <tr class="detail-row">
                  <td colSpan={COLUMNS}>
                    <RefuseForm request={r} onDone={() => (setRefusing(null), onDecided(() => t('reversal.refusedDone')))} onCancel={() => setRefusing(null)} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the reversal would post: the posting's movements the other way round, by lot and zone, with the lot's stock card. */
function Movements({ request, products, depotId }: { request: ReversalRequest; products: Product[]; depotId: number }) {
  return (
    <ul class="reversal-lines">
      {request.lines.map((l, i) => {
        const product = products.find((p) => p.id === l.productId);
        return (
          <li key={i} data-testid="reversal-line" data-lot={l.lot}>
            {product ? productName(product) : ''} <span class="code">{l.lot}</span> <ZoneBadge zone={l.location} />{' '}
            <strong class={l.quantity < 0 ? 'qty-in' : 'qty-out'}>{l.quantity < 0 ? `+${formatQuantity(-l.quantity)}` : `−${formatQuantity(l.quantity)}`}</strong>{' '}
            <a class="trace-link" href={paths.card(depotId, l.batchId)}>
              {t('reversal.openCard')}
            </a>
          </li>
        );
      })}
    </ul>
  );
}

function Decision({ request }: { request: ReversalRequest }) {
  const css = request.status === 'pending' ? 'awaiting_approval' : request.status;
  return (
    <>
      <span class={`status-badge status-${css}`} data-testid="reversal-status">
        {t(`reversal.state.${request.status}`)}
      </span>
      {request.decidedAt && (
        <div class="muted small" data-testid="reversal-decided-by">
          {t('reversal.decidedBy', { name: request.decidedByName ?? `#${request.decidedBy}`, time: formatDateTime(request.decidedAt) })}
        </div>
      )}
      {request.decisionReason && <div data-testid="reversal-decision-reason">{request.decisionReason}</div>}
    </>
  );
}

function Actions({ request, depotId, refusing, onRefuse, onDecided }: { request: ReversalRequest; depotId: number; refusing: boolean; onRefuse: () => void; onDecided: (text: () => string) => void }) {
  const { busy, problem, run } = useAction();
  if (!decidesAt(depotId)) return null;
  // The server refuses it too (self_approval); the screen says so instead of offering the button.
  if (request.requestedBy === session.value?.user.id) {
    return (
      <span class="muted" data-testid="reversal-own">
        {t('reversal.ownRequest')}
      </span>
    );
  }
  async function approve() {
    const decided = await run(() => decideReversal(request.id, 'approved'));
    if (decided) onDecided(() => t('reversal.approvedDone', { postingId: decided.postingId }));
  }
  return (
    <div class="reversal-actions">
      <button type="button" class="button primary small" data-testid="reversal-approve" disabled={busy} onClick={() => void approve()}>
        {t('reversal.approve')}
      </button>{' '}
      {!refusing && (
        <button type="button" class="button small" data-testid="reversal-refuse" disabled={busy} onClick={onRefuse}>
          {t('reversal.refuse')}
        </button>
      )}
      <ProblemMessage problem={problem} testid="reversal-problem" />
    </div>
  );
}

function RefuseForm({ request, onDone, onCancel }: { request: ReversalRequest; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, problem, run } = useAction();
  const panel = usePanelFocus<HTMLFormElement>();
  async function submit(e: Event) {
    e.preventDefault();
    if (await run(async () => (await decideReversal(request.id, 'declined', reason.trim()), true))) onDone();
  }
  return (
    <form class="inline-form" data-testid="refuse-form" ref={panel} onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <label class="grow">
        {t('reversal.refuseReason')}
        <input data-testid="refuse-reason" required minLength={2} maxLength={500} placeholder={t('reversal.refuseReasonHint')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button class="button danger" data-testid="refuse-submit" disabled={busy || reason.trim().length < 2}>
        {t('reversal.refuseDo')}
      </button>
      <button type="button" class="button" onClick={onCancel}>
        {t('button.cancel')}
      </button>
      <ProblemMessage problem={problem} testid="refuse-problem" />
    </form>
  );
}
