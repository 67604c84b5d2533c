import { signal } from '@preact/signals';
import { SHEET_LAYOUT_NAMES, type SheetLayoutName } from '../../../../labels/layouts.ts';
import { labelSheetUrl } from '../../api.ts';
import { sheetItems, type SheetItem } from './label-sheet.ts';

const STORAGE_KEY = 'labelLayout';

function storedLayout(): SheetLayoutName | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return SHEET_LAYOUT_NAMES.includes(value as SheetLayoutName) ? (value as SheetLayoutName) : null;
  } catch {
    return null;
  }
}

/** The label stock this browser prints on: a depot with a thermal printer chooses it once. */
export const sheetLayout = signal<SheetLayoutName>(storedLayout() ?? 'a4-3x8');

export function chooseLayout(layout: SheetLayoutName) {
  sheetLayout.value = layout;
  try {
    localStorage.setItem(STORAGE_KEY, layout);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** The printable page, or with `pdf` the same sheet as a PDF download. */
export const sheetUrl = (layout: SheetLayoutName, items: readonly SheetItem[], format: 'html' | 'pdf' = 'html') =>
  labelSheetUrl({ layout, items: sheetItems(items), ...(format === 'pdf' ? { format } : {}) });

/** The sheet opens in a new tab, where the user prints it at its exact page size or saves it as PDF. */
export function openSheet(layout: SheetLayoutName, items: readonly SheetItem[]) {
  window.open(sheetUrl(layout, items), '_blank');
}
