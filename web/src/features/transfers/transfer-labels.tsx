import type { TransferOrder } from '../../api.ts';
import { t } from '../../i18n/index.ts';

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
