import type { StockRow } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { paths } from '../../router.ts';

export type AwaitingDocument = NonNullable<StockRow['awaiting']>;

/** Why stock is not yet usable (S0:356): the receipt awaiting its signatures or the opening balance awaiting confirmation. */
export const awaitingWhy = (document: AwaitingDocument) => t(`awaiting.${document.type}Why`, { number: document.number });

export const awaitingHref = (depotId: number, document: AwaitingDocument) => (document.type === 'receipt' ? paths.receipt(document.id) : paths.opening(depotId));

/**
 * The flag on stock that a document not yet effective holds back: "待签字" or "待确认", a link to
 * that document whose name says why the stock is neither dispensed, picked nor moved.
 */
export function AwaitingTag({ depotId, document }: { depotId: number; document: AwaitingDocument }) {
  return (
    <a
      class="tag awaiting"
      href={awaitingHref(depotId, document)}
      data-testid="stock-awaiting"
      data-document={document.type}
      title={awaitingWhy(document)}
      aria-label={`${t(`awaiting.${document.type}`)}: ${awaitingWhy(document)}`}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
    >
      {t(`awaiting.${document.type}`)}
    </a>
  );
}
