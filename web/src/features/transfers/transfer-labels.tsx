import type { TransferOrder } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { formatDateTime, formatQuantity } from '../../components/format.ts';

export type TransferBasis = TransferOrder['basis'];
export type TransferStatus = TransferOrder['status'];

export const TRANSFER_BASES: readonly TransferBasis[] = ['allocation_plan', 'new_product', 'temporary'];

/** The order's status as a coloured badge; the words carry the meaning, the colour helps. */
export function StatusBadge({ status }: { status: TransferStatus }) {
  return (
    <span class={`status-badge status-${status}`} data-testid="order-status" data-status={status}>
      {t(`transferStatus.${status}`)}
    </span>
  );
}

export function BasisLabel({ basis, lateral }: { basis: TransferBasis; lateral: boolean }) {
  return (
    <span class="basis">
      {t(`basis.${basis}`)}
      {lateral && (
        <span class="tag warn" data-testid="lateral-mark">
          {t('label.lateral')}
        </span>
      )}
    </span>
  );
}

type Discrepancy = TransferOrder['discrepancies'][number];

/**
 * What arrived other than what was shipped, as both depots see it: on the receiving depot's
 * receipt and on the issuing depot's order and issue note.
 */
export function DiscrepancyTable(props: { rows: readonly Discrepancy[]; productName: (productId: number | null) => string; lotOf: (batchId: number | null) => string; rowTestId: string; caption?: string; testId?: string; showTime?: boolean }) {
  return (
    <table class="data" data-testid={props.testId}>
      {props.caption && <caption>{props.caption}</caption>}
      <thead>
        <tr>
          <th>{t('label.discrepancyKind')}</th>
          <th>{t('label.product')}</th>
          <th>{t('label.lot')}</th>
          <th class="num">{t('label.quantity')}</th>
          <th>{t('label.note')}</th>
          {props.showTime && <th>{t('label.dateTime')}</th>}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((d) => (
          <tr key={d.id} data-testid={props.rowTestId} data-kind={d.kind}>
            <td>{t(`discrepancy.${d.kind}`)}</td>
            <td>{props.productName(d.productId)}</td>
            <td>{d.lot ?? props.lotOf(d.batchId)}</td>
            <td class="num">{formatQuantity(d.quantity)}</td>
            <td>{d.note ?? ''}</td>
            {props.showTime && <td>{formatDateTime(d.recordedAt)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
