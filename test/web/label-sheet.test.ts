import { describe, it, expect } from 'vitest';
import { copiesOf, labelCount, pageCount, sheetItems, type SheetItem } from '../../web/src/features/labels/label-sheet.ts';
import { LabelSheetQuerySchema } from '../../server/schemas/api.ts';

const items: SheetItem[] = [
  { ref: { kind: 'batch', batchId: 12, depotId: 5 }, copies: 2 },
  { ref: { kind: 'zone', depotId: 5, zone: 'qualified' }, copies: 1 },
  { ref: { kind: 'zone', depotId: 5, zone: 'pending' }, copies: 0 },
  { ref: { kind: 'document', documentType: 'receipt', id: 7 }, copies: 3 },
];

describe('label sheet items', () => {
  it('writes batch, zone and document labels with their copies and leaves out those with none, as the sheet endpoint reads them', () => {
    const text = sheetItems(items);
    expect(text).toBe('batch:12@5*2,zone:5:qualified*1,document:receipt:7*3');
    const parsed = LabelSheetQuerySchema.parse({ layout: 'a4-3x8', items: text });
    expect(parsed.items.reduce((n, i) => n + i.copies, 0)).toBe(labelCount(items));
  });

  it('counts pages by the labels a page holds: 24 on A4 3×8, 14 on A4 2×7, one on a thermal roll', () => {
    expect(pageCount('a4-3x8', 24)).toBe(1);
    expect(pageCount('a4-3x8', 26)).toBe(2);
    expect(pageCount('a4-2x7', 15)).toBe(2);
    expect(pageCount('thermal-50x30', 26)).toBe(26);
    expect(pageCount('a4-3x8', 0)).toBe(0);
  });

  it('reads typed copies as whole numbers from 0, anything else as none', () => {
    expect(['3', '0', '', '-2', '1.5', 'abc'].map(copiesOf)).toEqual([3, 0, 0, 0, 0, 0]);
  });
});
