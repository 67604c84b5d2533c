import { t } from '../../i18n/index.ts';
import { formatQuantity } from '../../components/format.ts';
import type { FeedbackKind } from './scan-feedback.ts';

/** The last scan of a screen as a storekeeper reads it across the room. */
export interface LastScanInfo {
  kind: FeedbackKind;
  product: string;
  lot: string;
  expiresOn: string;
  /** The line's quantity now, and what it should come to (shipped, expected, requested; null when nothing is expected). */
  done: number;
  expected: number | null;
  unit?: string;
  typed?: boolean;
}

/**
 * Product, lot and expiry of the last scan in large type, with its line's count against what is
 * expected (green once complete), and the number of cartons scanned so far.
 */
export function LastScan({ last, cartons, typed, testid = 'last-scan' }: { last: LastScanInfo | null; cartons: number; typed: number; testid?: string }) {
  const complete = last !== null && last.expected !== null && last.done >= last.expected;
  const over = last !== null && last.expected !== null && last.done > last.expected;
  return (
    <section class="last-scan no-print" data-testid={testid} data-kind={last?.kind ?? 'idle'} data-complete={String(complete)} aria-live="polite">
      {last && (
        <>
          <div class="last-scan-product" data-testid="last-scan-product">
            {last.product} {last.typed && <span class="tag typed">{t('scan.typedTag')}</span>}
          </div>
          <div class="last-scan-lot">
            {t('label.lot')} <span class="code" data-testid="last-scan-lot">{last.lot}</span> · {t('label.expiresOn')} <span data-testid="last-scan-expiry">{last.expiresOn}</span>
          </div>
          <div class="last-scan-progress" data-testid="last-scan-progress" data-done={last.done} data-expected={last.expected ?? ''}>
            {formatQuantity(last.done)}
            {last.expected !== null && ` / ${formatQuantity(last.expected)}`}
            <small>{over ? t('scan.lineOver') : complete ? t('scan.lineComplete') : last.expected !== null ? t('scan.doneOfExpected', { unit: last.unit ?? '' }) : t('scan.doneNoExpected', { unit: last.unit ?? '' })}</small>
          </div>
        </>
      )}
      <div class="last-scan-counter" data-testid="carton-counter" data-cartons={cartons}>
        {t('scan.cartons')} <strong>{cartons}</strong>
        {typed > 0 && <> · {t('scan.typedCount', { count: typed })}</>}
      </div>
    </section>
  );
}
