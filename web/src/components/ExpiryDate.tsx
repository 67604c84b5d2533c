import type { StockRow } from '../api.ts';
import { t } from '../i18n/index.ts';

type ExpiryStatus = StockRow['expiryStatus'];

/** Expiry date with its status in words, so that the row colour is never the only signal. */
export function ExpiryDate({ date, status }: { date: string; status: ExpiryStatus }) {
  return (
    <span class="expiry" data-expiry={status}>
      {date}
      {status !== 'ok' && <span class={`tag tag-${status}`}>{t(`expiry.${status}`)}</span>}
    </span>
  );
}
