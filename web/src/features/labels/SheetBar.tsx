import { SHEET_LAYOUT_NAMES, type SheetLayoutName } from '../../../../labels/layouts.ts';
import { t } from '../../i18n/index.ts';
import { labelCount, MAX_SHEET_LABELS, pageCount, type SheetItem } from './label-sheet.ts';
import { chooseLayout, openSheet, sheetLayout, sheetUrl } from './labels-state.ts';

/** The label stock, how many labels and pages the chosen copies make, and the buttons that open the sheet or download it as PDF. */
export function SheetBar({ items, class: className = '' }: { items: readonly SheetItem[]; class?: string }) {
  const layout = sheetLayout.value;
  const labels = labelCount(items);
  const pages = pageCount(layout, labels);
  const tooMany = labels > MAX_SHEET_LABELS;
  const ready = labels > 0 && !tooMany;
  return (
    <div class={`sheet-bar no-print ${className}`} data-testid="sheet-bar">
      <label class="field inline">
        <span>{t('label.labelLayout')}</span>
        <select data-testid="sheet-layout" value={layout} onChange={(e) => chooseLayout(e.currentTarget.value as SheetLayoutName)}>
          {SHEET_LAYOUT_NAMES.map((name) => (
            <option key={name} value={name}>
              {t(`layout.${name}`)}
            </option>
          ))}
        </select>
      </label>
      <span class={`sheet-count${tooMany ? ' over' : ''}`} data-testid="sheet-count" data-labels={labels} data-pages={pages} role="status">
        {tooMany ? t('label.tooManyLabels', { max: MAX_SHEET_LABELS }) : t('label.labelsAndPages', { labels, pages })}
      </span>
      <button type="button" class="button primary" data-testid="sheet-print" disabled={!ready} onClick={() => openSheet(layout, items)}>
        {t('button.printLabels')}
      </button>
      {ready ? (
        <a class="button" href={sheetUrl(layout, items, 'pdf')} download data-testid="sheet-pdf">
          {t('button.downloadPdf')}
        </a>
      ) : (
        <button type="button" class="button" disabled data-testid="sheet-pdf">
          {t('button.downloadPdf')}
        </button>
      )}
    </div>
  );
}

/** Copies of one label, 0 to the sheet's limit; an empty field is none. */
export function CopiesInput({ value, onInput, testid, label }: { value: string; onInput: (value: string) => void; testid: string; label?: string }) {
  return (
    <input
      class="copies"
      type="number"
      min="0"
      max={MAX_SHEET_LABELS}
      inputMode="numeric"
      placeholder="0"
      aria-label={label}
      data-testid={testid}
      value={value}
      onInput={(e) => onInput(e.currentTarget.value)}
    />
  );
}
