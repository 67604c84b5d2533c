/**
 * Label stock the depots print on: A4 sheets of die-cut labels and thermal label rolls.
 * Millimetres throughout; a sheet prints at exact size through CSS `@page`.
 */

/**
 * Printer resolutions a label can be laid out for: thermal label printers print 203 or 300 dots an
 * inch, office lasers 600 (which also prints a 300 dpi layout dot for dot). A barcode module is a
 * whole number of dots, so that every bar prints the same width.
 */
export const PRINTER_DPIS = [203, 300, 600] as const;
export type PrinterDpi = (typeof PRINTER_DPIS)[number];

/** One printer dot in millimetres: 0.125 at 203 dpi, 0.085 at 300, 0.042 at 600. */
export const dotMm = (dpi: PrinterDpi) => 25.4 / dpi;

export interface SheetLayout {
  pageWidthMm: number;
  pageHeightMm: number;
  columns: number;
  rows: number;
  labelWidthMm: number;
  labelHeightMm: number;
  marginTopMm: number;
  marginLeftMm: number;
  gapXMm: number;
  gapYMm: number;
  /** The printer this stock usually goes through; a request may name another. */
  printerDpi: PrinterDpi;
}

export const SHEET_LAYOUTS = {
  /** A4, 3 × 8 labels of 70 × 37 mm, edge to edge (the common 24-up sheet). */
  'a4-3x8': { pageWidthMm: 210, pageHeightMm: 297, columns: 3, rows: 8, labelWidthMm: 70, labelHeightMm: 37, marginTopMm: 0.5, marginLeftMm: 0, gapXMm: 0, gapYMm: 0, printerDpi: 300 },
  /** A4, 2 × 7 labels of 99.1 × 38.1 mm (the common 14-up sheet, L7163 pitch). */
  'a4-2x7': { pageWidthMm: 210, pageHeightMm: 297, columns: 2, rows: 7, labelWidthMm: 99.1, labelHeightMm: 38.1, marginTopMm: 15.15, marginLeftMm: 4.65, gapXMm: 2.5, gapYMm: 0, printerDpi: 300 },
  /** Thermal roll, one 50 × 30 mm label a page. */
  'thermal-50x30': { pageWidthMm: 50, pageHeightMm: 30, columns: 1, rows: 1, labelWidthMm: 50, labelHeightMm: 30, marginTopMm: 0, marginLeftMm: 0, gapXMm: 0, gapYMm: 0, printerDpi: 203 },
  /** Thermal roll, one 100 × 50 mm label a page. */
  'thermal-100x50': { pageWidthMm: 100, pageHeightMm: 50, columns: 1, rows: 1, labelWidthMm: 100, labelHeightMm: 50, marginTopMm: 0, marginLeftMm: 0, gapXMm: 0, gapYMm: 0, printerDpi: 203 },
} as const satisfies Record<string, SheetLayout>;

export type SheetLayoutName = keyof typeof SHEET_LAYOUTS;
export const SHEET_LAYOUT_NAMES = Object.keys(SHEET_LAYOUTS) as SheetLayoutName[];

export interface Placement {
  page: number;
  xMm: number;
  yMm: number;
}

/**
 * Where each of `count` labels goes: row by row, page after page. Example: on a4-3x8 the 25th
 * label is the first of page 2, at (0, 0.5) mm; the 5th is page 1, column 2, row 2, at (70, 37.5).
 */
export function layoutSheet(layout: SheetLayout, count: number): Placement[] {
  const perPage = layout.columns * layout.rows;
  return Array.from({ length: count }, (_, i) => {
    const slot = i % perPage;
    const column = slot % layout.columns;
    const row = Math.floor(slot / layout.columns);
    return {
      page: Math.floor(i / perPage),
      xMm: layout.marginLeftMm + column * (layout.labelWidthMm + layout.gapXMm),
      yMm: layout.marginTopMm + row * (layout.labelHeightMm + layout.gapYMm),
    };
  });
}

/** Most labels one sheet request may hold (about 84 A4 pages). */
export const MAX_SHEET_LABELS = 2000;

/**
 * Single-label sizes in millimetres, each with the printer it usually goes through: thermal 50×30
 * and 100×50 on a 203 dpi label printer, the A4 sheet cells 70×37 and 99.1×38.1 on a laser (laid
 * out at 300 dpi, which a 600 dpi laser prints dot for dot).
 */
export const LABEL_SIZES = {
  '50x30': { widthMm: 50, heightMm: 30, printerDpi: 203 },
  '100x50': { widthMm: 100, heightMm: 50, printerDpi: 203 },
  '70x37': { widthMm: 70, heightMm: 37, printerDpi: 300 },
  '99x38': { widthMm: 99.1, heightMm: 38.1, printerDpi: 300 },
} as const satisfies Record<string, { widthMm: number; heightMm: number; printerDpi: PrinterDpi }>;
