import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type TransferOrderSummary } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDateTime } from '../../components/format.ts';
import { atOwnDepot, hasRole } from '../auth/session.ts';
import { BasisLabel, StatusBadge } from './transfer-labels.tsx';
import { NewOrderForm } from './NewOrderForm.tsx';

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
