import { useState } from 'preact/hooks';
import type { Receipt } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { copiesOf, type SheetItem } from './label-sheet.ts';
import { sheetLayout, sheetUrl } from './labels-state.ts';
import { CopiesInput, SheetBar } from './SheetBar.tsx';

/**
 * Labels for the cartons just counted in: one a carton by default, since every scan on a line
 * was one carton; the storekeeper changes the copies for cartons that came unscanned or split.
 */
export function CartonLabels({ receipt }: { receipt: Receipt }) {
  const [typed, setTyped] = useState<Record<number, string>>({});
  const copiesText = (l: Receipt['lines'][number]) => typed[l.batchId] ?? String(l.scans);
  const items: SheetItem[] = receipt.lines.map((l) => ({ ref: { kind: 'batch', batchId: l.batchId, depotId: receipt.depotId }, copies: copiesOf(copiesText(l)) }));
  const documentLabel: SheetItem[] = [{ ref: { kind: 'document', documentType: 'receipt', id: receipt.id }, copies: 1 }];

  return (
    <section class="panel carton-labels no-print" data-testid="carton-labels">
      <div class="panel-head">
        <h2>{t('label.cartonLabels')}</h2>
        <a class="button small" href={sheetUrl(sheetLayout.value, documentLabel)} target="_blank" rel="noopener" data-testid="receipt-document-label">
          {t('button.documentLabel')}
        </a>
      </div>
      <p class="muted">{t('label.cartonLabelsHint')}</p>
      <table class="data">
        <thead>
          <tr>
            <th>{t('label.product')}</th>
            <th>{t('label.lot')}</th>
            <th>{t('label.expiresOn')}</th>
            <th class="num">{t('label.cartonsScanned')}</th>
            <th class="num">{t('label.copies')}</th>
          </tr>
        </thead>
        <tbody>
          {receipt.lines.map((l) => (
            <tr key={l.batchId} data-testid="carton-line" data-lot={l.lot}>
              <td>{lang.value === 'en' ? l.productNameEn : l.productNameZh}</td>
              <td class="code nowrap">{l.lot}</td>
              <td>{l.expiresOn}</td>
              <td class="num">{l.scans}</td>
              <td class="num">
                <CopiesInput testid={`carton-copies-${l.lot}`} label={t('label.copiesOf', { lot: l.lot })} value={copiesText(l)} onInput={(value) => setTyped({ ...typed, [l.batchId]: value })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <SheetBar items={items} />
    </section>
  );
}
