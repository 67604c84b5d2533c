import { SHEET_LAYOUTS, type SheetLayoutName } from '../../../../labels/layouts.ts';
import type { StorageZone } from '../../../../server/schemas/constants.ts';

export type LabelRef =
  | { kind: 'batch'; batchId: number; depotId: number }
  | { kind: 'zone'; depotId: number; zone: StorageZone }
  | { kind: 'document'; documentType: 'receipt' | 'transfer_order'; id: number };

export interface SheetItem {
  ref: LabelRef;
  copies: number;
}

export { MAX_SHEET_LABELS } from '../../../../labels/layouts.ts';

function refText(ref: LabelRef): string {
  switch (ref.kind) {
    case 'batch':
      return `batch:${ref.batchId}@${ref.depotId}`;
    case 'zone':
      return `zone:${ref.depotId}:${ref.zone}`;
    case 'document':
      return `document:${ref.documentType}:${ref.id}`;
  }
}

/** The sheet's `items`, leaving out what has no copies: "batch:12@5*2,zone:5:qualified*1". */
export function sheetItems(items: readonly SheetItem[]): string {
  return items
    .filter((i) => i.copies > 0)
    .map((i) => `${refText(i.ref)}*${i.copies}`)
    .join(',');
}

export const labelCount = (items: readonly SheetItem[]) => items.reduce((n, i) => n + Math.max(0, i.copies), 0);

export const labelsPerPage = (layout: SheetLayoutName) => SHEET_LAYOUTS[layout].columns * SHEET_LAYOUTS[layout].rows;

/** Pages a sheet takes. Example: 26 labels on a4-3x8 (24 a page) take 2 pages, on a4-2x7 (14) 2, on a thermal roll 26. */
export const pageCount = (layout: SheetLayoutName, labels: number) => Math.ceil(labels / labelsPerPage(layout));

/** Copies as typed: a whole number from 0 up, anything else 0. */
export function copiesOf(text: string): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : 0;
}
