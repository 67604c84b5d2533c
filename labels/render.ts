import bwipjs from 'bwip-js/node';
import { GS, gs1ElementString, internalLabel, parseScan, ScanError, STORAGE_ZONE_CODES } from './gs1.ts';
import { dotMm, type PrinterDpi } from './layouts.ts';
import { grayPng } from './png.ts';

/**
 * Labels as pure renderings: data in, SVG, PDF or PNG out; no database, no clock. A label carries
 * a barcode the scan field reads back (labels/gs1.ts) and the same facts in words for a person.
 * It is laid out for the printer's resolution: every module a whole number of dots.
 */
export type LabelContent =
  | {
      kind: 'batch';
      batchId: number;
      gtin: string | null;
      lot: string;
      expiresOn: string;
      productNameZh: string;
      productCode: string;
      depotName: string;
    }
  | { kind: 'zone'; depotCode: string; depotName: string; zone: (typeof STORAGE_ZONE_CODES)[number] }
  | { kind: 'document'; documentType: DocumentLabelType; id: number; number: string; depotName: string };

export const DOCUMENT_LABEL_TYPES = ['receipt', 'transfer_order', 'shipment', 'count'] as const;
export type DocumentLabelType = (typeof DOCUMENT_LABEL_TYPES)[number];

/**
 * A label that cannot be drawn (422 label_unencodable). `note` says why in a few words of
 * Chinese, for the cell of a sheet that prints in its place; `detail` says it for the API.
 */
export class LabelError extends Error {
  readonly code = 'label_unencodable';
  constructor(
    readonly detail: string,
    readonly note = '条码无法生成',
  ) {
    super(detail);
    this.name = 'LabelError';
  }
}

export interface Symbol {
  /** The symbology: GS1 DataMatrix (FNC1 first), plain DataMatrix, Code 128 or QR Code. */
  bcid: 'gs1datamatrix' | 'datamatrix' | 'code128' | 'qrcode';
  /** What a scanner sends back, as labels/gs1.ts reads it (GS1: the element string, FNC1 as GS). */
  data: string;
}

/**
 * Quiet zone on each side, in modules, as the symbology standards require: Code 128 10X
 * (ISO/IEC 15417), Data Matrix 1X (ISO/IEC 16022), QR Code 4X (ISO/IEC 18004). Nothing is drawn
 * there, on any label, in any format.
 */
export const QUIET_ZONE_MODULES: Record<Symbol['bcid'], number> = { code128: 10, gs1datamatrix: 1, datamatrix: 1, qrcode: 4 };

/**
 * The narrowest module a label prints: 0.25 mm, 2 dots at 203 dpi, 3 at 300, 6 at 600. Thinner
 * modules come out uneven on a thermal head and no longer scan.
 */
export const MIN_MODULE_MM = 0.25;

type BatchLabel = Extract<LabelContent, { kind: 'batch' }>;

/**
 * The GS1 DataMatrix of a batch, or undefined when GS1 (10) cannot carry its lot (over 20
 * characters, or outside the GS1 character set: Chinese, spaces). The data is checked by reading
 * it back as a scanner would, so what is printed scans as this lot and expiry.
 */
function gs1Symbol(label: BatchLabel & { gtin: string }): Symbol | undefined {
  const fields = { gtin: label.gtin, expiry: label.expiresOn };
  try {
    gs1ElementString(fields);
  } catch (e) {
    // A GTIN that fails its check is the catalogue's error: printing it, or hiding it behind the
    // internal label, would send a wrong product code out with the goods.
    if (e instanceof ScanError) throw new LabelError(`Batch ${label.batchId}: ${e.detail}`, e.code === 'invalid_check_digit' ? 'GTIN校验位错误' : 'GTIN有误');
    throw e;
  }
  try {
    const data = gs1ElementString({ ...fields, lot: label.lot });
    const read = parseScan(`]d2${data}`);
    return read.kind === 'gs1' && read.lot === label.lot && read.expiry === label.expiresOn ? { bcid: 'gs1datamatrix', data } : undefined;
  } catch (e) {
    if (e instanceof ScanError) return undefined;
    throw e;
  }
}

/**
 * The barcodes a label may carry, the one it prefers first. A batch of a product with a GTIN
 * gets a GS1 DataMatrix with (01) GTIN, (17) expiry and (10) lot; without a GTIN, or with a lot
 * GS1 cannot carry, a DataMatrix of the internal batch label, which every scan field reads as the
 * same batch. A zone gets a Code 128 of its internal label ("move here"), or a DataMatrix of the
 * same text where Code 128 at 0.25 mm a module does not fit (50×30 and 70×37 mm labels); a
 * document a QR code that opens it.
 *
 * Example: GTIN 09506000134352, lot A(1)B, expiry 2027-12-31 gives a GS1 DataMatrix that reads
 * "010950600013435217271231" + "10A(1)B". The encoder gets the element string with FNC1, never
 * the bracketed form, in which "(1)" would read as an AI.
 */
export function symbolsOf(label: LabelContent): Symbol[] {
  switch (label.kind) {
    case 'batch': {
      const internal: Symbol = { bcid: 'datamatrix', data: internalLabel({ kind: 'batch', batchId: label.batchId }) };
      const gs1 = label.gtin ? gs1Symbol({ ...label, gtin: label.gtin }) : undefined;
      return [gs1 ?? internal];
    }
    case 'zone': {
      const data = internalLabel({ kind: 'zone', depotCode: label.depotCode, zone: label.zone });
      return [
        { bcid: 'code128', data },
        { bcid: 'datamatrix', data },
      ];
    }
    case 'document':
      return [{ bcid: 'qrcode', data: internalLabel({ kind: 'document', documentType: label.documentType, id: label.id }) }];
  }
}

/** The barcode a label carries wherever it fits. */
export const symbolOf = (label: LabelContent): Symbol => symbolsOf(label)[0]!;

/**
 * A symbol's dark modules as rectangles in module units, with the box they sit in (quiet zone
 * included): bwip-js encodes (`raw`), and SVG, PDF and PNG draw the same rectangles. Drawing
 * here rather than with bwip-js's own output saves two thirds of the time a label takes.
 * Matrix rows become runs of dark modules; Code 128 bars come from its bar/space widths, one
 * unit tall (the label gives them their height).
 */
export interface EncodedSymbol {
  bcid: Symbol['bcid'];
  linear: boolean;
  box: { x: number; y: number; width: number; height: number };
  bars: { x: number; y: number; width: number; height: number }[];
}

type RawSymbol = { pixs: number[]; pixx: number; pixy: number } | { sbs: number[] };

/** What bwip-js is given: GS1 data as ^FNC1 and the element string, ^FNC1 for each GS (GS1 lots have no "^"). */
function encoderOptions(symbol: Symbol) {
  if (symbol.bcid === 'gs1datamatrix') return { bcid: 'datamatrix', text: `^FNC1${symbol.data.split(GS).join('^FNC1')}`, parsefnc: true };
  return { bcid: symbol.bcid, text: symbol.data };
}

export function encodeSymbol(symbol: Symbol): EncodedSymbol {
  let encoded: RawSymbol | undefined;
  try {
    [encoded] = bwipjs.raw(encoderOptions(symbol) as Parameters<typeof bwipjs.raw>[0]) as unknown as RawSymbol[];
  } catch (e) {
    throw new LabelError(`${symbol.bcid} cannot encode ${JSON.stringify(symbol.data)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!encoded) throw new LabelError(`Nothing to encode for ${JSON.stringify(symbol.data)}`);
  const quiet = QUIET_ZONE_MODULES[symbol.bcid];
  const bars: EncodedSymbol['bars'] = [];
  if ('sbs' in encoded) {
    let x = 0;
    encoded.sbs.forEach((w, i) => {
      if (i % 2 === 0) bars.push({ x, y: 0, width: w, height: 1 });
      x += w;
    });
    return { bcid: symbol.bcid, linear: true, box: { x: -quiet, y: 0, width: x + 2 * quiet, height: 1 }, bars };
  }
  const { pixx: width, pixy: height, pixs } = encoded;
  for (let y = 0; y < height; y++) {
    let x = 0;
    while (x < width) {
      if (pixs[y * width + x] !== 1) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < width && pixs[y * width + x] === 1) x += 1;
      bars.push({ x: start, y, width: x - start, height: 1 });
    }
  }
  return { bcid: symbol.bcid, linear: false, box: { x: -quiet, y: -quiet, width: width + 2 * quiet, height: height + 2 * quiet }, bars };
}

/**
 * A symbol placed on a label for a printer: `x`, `y` is the top-left corner of its quiet zone on
 * the printer's dot grid, `width` × `height` the box with its quiet zones, in millimetres. A module
 * is `dots.x` dots wide and `dots.y` tall (for Code 128, `dots.y` is the bars' height).
 */
export interface PlacedBarcode {
  x: number;
  y: number;
  width: number;
  height: number;
  moduleMm: number;
  dpi: PrinterDpi;
  dots: { x: number; y: number };
  symbol: EncodedSymbol;
}

type Area = { x: number; y: number; width: number; height: number };

/**
 * Places the first of the symbols that fits an area with modules of whole dots no narrower than
 * MIN_MODULE_MM: the widest such module, centred, on the dot grid. Example at 203 dpi (0.125 mm a
 * dot): a 20 × 20 DataMatrix, 22 modules with its quiet zones, in a 19 mm square takes 6 dots a
 * module (0.75 mm), 16.5 mm; a zone's Code 128 of 330 modules with its quiet zones needs 82.6 mm
 * at 2 dots and does not fit the 46.4 mm of a 50 mm label, so its DataMatrix is placed.
 */
export function fitSymbol(symbols: readonly Symbol[], area: Area, dpi: PrinterDpi): PlacedBarcode {
  const dot = dotMm(dpi);
  // The allowance keeps an exact fit from being lost to floating point.
  const across = Math.floor(area.width / dot + 1e-6);
  const down = Math.floor(area.height / dot + 1e-6);
  const minDots = Math.ceil(MIN_MODULE_MM / dot - 1e-6);
  for (const symbol of symbols) {
    const encoded = encodeSymbol(symbol);
    const { box } = encoded;
    const perModule = Math.min(Math.floor(across / box.width), encoded.linear ? Infinity : Math.floor(down / box.height));
    if (perModule < minDots) continue;
    const dots = { x: perModule, y: encoded.linear ? down : perModule };
    const width = box.width * dots.x * dot;
    const height = box.height * dots.y * dot;
    const onGrid = (mm: number) => Math.round(mm / dot) * dot;
    return { x: onGrid(area.x + (area.width - width) / 2), y: onGrid(area.y + (area.height - height) / 2), width, height, moduleMm: dots.x * dot, dpi, dots, symbol: encoded };
  }
  throw new LabelError(`No barcode of ${JSON.stringify(symbols[0]?.data)} with modules of ${MIN_MODULE_MM} mm fits ${fmt(area.width)} × ${fmt(area.height)} mm at ${dpi} dpi`, '标签太小，放不下条码');
}

/** The barcode alone as SVG, one module a unit, quiet zone included. */
export function barcodeSvg(symbol: Symbol | EncodedSymbol): string {
  const { box, bars } = 'bars' in symbol ? symbol : encodeSymbol(symbol);
  const d = bars.map((r) => `M${r.x} ${r.y}h${r.width}v${r.height}h-${r.width}z`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box.x} ${box.y} ${box.width} ${box.height}" shape-rendering="crispEdges" preserveAspectRatio="none"><rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

/**
 * A placed barcode as PNG, quiet zones included, one pixel a printer dot and the dpi written in
 * the file: printed at that resolution it is the barcode of the label, module for module.
 */
export function barcodePng(b: PlacedBarcode): Buffer {
  const { box, bars } = b.symbol;
  const width = box.width * b.dots.x;
  const height = box.height * b.dots.y;
  const pixels = new Uint8Array(width * height).fill(255);
  for (const bar of bars) {
    const x0 = (bar.x - box.x) * b.dots.x;
    const y0 = (bar.y - box.y) * b.dots.y;
    for (let y = y0; y < y0 + bar.height * b.dots.y; y++) pixels.fill(0, y * width + x0, y * width + x0 + bar.width * b.dots.x);
  }
  return grayPng(width, height, pixels, b.dpi);
}

export interface LabelSize {
  widthMm: number;
  heightMm: number;
}

const ZONE_FILL: Record<(typeof STORAGE_ZONE_CODES)[number], string> = { pending: '#f7d51d', qualified: '#2e9d4a', nonconforming: '#d93025' };
const ZONE_INK: Record<(typeof STORAGE_ZONE_CODES)[number], string> = { pending: '#000', qualified: '#fff', nonconforming: '#fff' };
const ZONE_NAME: Record<(typeof STORAGE_ZONE_CODES)[number], string> = { pending: '待验区', qualified: '合格品区', nonconforming: '不合格区' };
const DOCUMENT_NAME: Record<DocumentLabelType, string> = { receipt: '入库单', transfer_order: '调拨单', shipment: '发货单', count: '盘点表' };

/**
 * About how wide a character is set, in ems, by the fonts labels use (Noto Sans SC in the PDF):
 * CJK one em, capitals and wide signs about 0.68, digits 0.56, the rest about half. Erring wide
 * keeps a lot of 20 capitals inside its label.
 */
const charWidth = (ch: string, sizeMm: number) => sizeMm * (/[\u2e80-\uffff]/.test(ch) ? 1 : /[A-Z%&@mw]/.test(ch) ? 0.68 : /[0-9]/.test(ch) ? 0.56 : ch === ' ' ? 0.3 : 0.5);
const textWidth = (value: string, sizeMm: number) => [...value].reduce((sum, ch) => sum + charWidth(ch, sizeMm), 0);

/** Cuts text to what fits a width, counting a CJK character as one em and others as about half. */
export function fitText(value: string, widthMm: number, sizeMm: number): string {
  return wrapText(value, widthMm, sizeMm, 1)[0] ?? '';
}

/** Breaks text into at most `maxLines` lines that fit a width; the last line ends in … when cut. */
export function wrapText(value: string, widthMm: number, sizeMm: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const ch of value) {
    const w = charWidth(ch, sizeMm);
    if (used + w > widthMm) {
      if (lines.length + 1 === maxLines) return [...lines, `${line.slice(0, -1)}…`];
      lines.push(line);
      line = '';
      used = 0;
    }
    line += ch;
    used += w;
  }
  return [...lines, line];
}

/** The largest size up to `sizeMm`, and not under 1.4 mm (4 pt), at which text fits a width (with a hair to spare). */
const shrinkToFit = (value: string, widthMm: number, sizeMm: number) => Math.max(1.4, Math.min(sizeMm, (widthMm / textWidth(value, sizeMm)) * sizeMm * 0.99));

export interface LabelText {
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  value: string;
  bold?: boolean;
  fill?: string;
  anchor?: 'start' | 'end';
}

/** A label as what to draw, in millimetres from its top-left corner: SVG and PDF both draw this. */
export interface LabelDrawing {
  widthMm: number;
  heightMm: number;
  fills: { x: number; y: number; width: number; height: number; color: string }[];
  /** None on a label that could not be drawn (`problem`). */
  barcode?: PlacedBarcode;
  texts: LabelText[];
  /** What the barcode reads as (GS1 with GS separators); empty without a barcode. */
  scan: string;
  /** Why a label on a sheet could not be drawn; its cell says so in words. */
  problem?: LabelError['code'];
}

/**
 * The layout of a label for a printer: the barcode and, beside it, what a person reads (the
 * product's Chinese name, lot, expiry and depot; the zone's name in its colour; the document's
 * kind and number). Throws LabelError when no barcode of the label can be encoded or printed
 * this small at this resolution.
 */
export function drawLabel(label: LabelContent, size: LabelSize, dpi: PrinterDpi): LabelDrawing {
  const symbols = symbolsOf(label);
  const { widthMm: w, heightMm: h } = size;
  const pad = Math.min(w, h) * 0.06;
  if (label.kind === 'zone') {
    const band = h * 0.45;
    const nameSize = Math.min(band * 0.55, w / 6);
    const barcode = fitSymbol(symbols, { x: pad, y: band + pad, width: w - 2 * pad, height: h - band - 2 * pad }, dpi);
    return {
      widthMm: w,
      heightMm: h,
      scan: symbols[0]!.data,
      fills: [{ x: 0, y: 0, width: w, height: band, color: ZONE_FILL[label.zone] }],
      barcode,
      texts: [
        { x: pad, y: band * 0.68, size: nameSize, value: ZONE_NAME[label.zone], fill: ZONE_INK[label.zone], bold: true },
        { x: w - pad, y: band * 0.68, size: nameSize * 0.45, value: fitText(label.depotName, w * 0.4, nameSize * 0.45), fill: ZONE_INK[label.zone], anchor: 'end' },
      ],
    };
  }
  const side = Math.min(h - 2 * pad, w * 0.38);
  const barcode = fitSymbol(symbols, { x: pad, y: (h - side) / 2, width: side, height: side }, dpi);
  const tx = pad * 2 + side;
  const [heading, ...rest] =
    label.kind === 'batch' ? [label.productNameZh, `批号 ${label.lot}`, `效期 ${label.expiresOn}`, label.depotName] : [DOCUMENT_NAME[label.documentType], label.number, label.depotName];
  return { widthMm: w, heightMm: h, scan: symbols[0]!.data, fills: [], barcode, texts: textColumn(heading!, rest, { x: tx, width: w - tx - pad, top: pad, height: h - 2 * pad }) };
}

/**
 * The words beside the barcode: the heading in bold on up to two lines, then one line each. The
 * lot shrinks to fit rather than lose characters: a 20-character lot is whole on a 50 × 30 label.
 */
function textColumn(heading: string, rest: string[], column: { x: number; width: number; top: number; height: number }): LabelText[] {
  // Sized so that "效期 2028-06-30" (about 8 em) fits the text column; a long name takes two lines.
  const size1 = Math.min(column.height / (rest.length + 2.8), column.width / 8.5);
  const rows = [
    ...wrapText(heading, column.width, size1, 2).map((line) => ({ line, size: size1, bold: true })),
    ...rest.map((line) => {
      const size = line.startsWith('批号 ') ? shrinkToFit(line, column.width, size1 * 0.9) : size1 * 0.9;
      return { line: fitText(line, column.width, size), size, bold: false };
    }),
  ];
  return rows.map((r, i) => ({ x: column.x, y: column.top + size1 * (i + 1) * 1.15, size: r.size, value: r.line, bold: r.bold }));
}

/**
 * The cell of a sheet label that could not be drawn: a red frame, "无法打印" and why, and what
 * the label was for, so that the rest of the sheet still prints and the gap is explained.
 */
export function drawProblem(label: LabelContent, size: LabelSize, error: LabelError): LabelDrawing {
  const { widthMm: w, heightMm: h } = size;
  const pad = Math.min(w, h) * 0.06;
  const line = 0.4;
  const what =
    label.kind === 'batch' ? [label.productNameZh, `批号 ${label.lot}`] : label.kind === 'zone' ? [`${ZONE_NAME[label.zone]} ${label.depotName}`] : [`${DOCUMENT_NAME[label.documentType]} ${label.number}`];
  return {
    widthMm: w,
    heightMm: h,
    fills: [
      { x: pad, y: pad, width: w - 2 * pad, height: line, color: '#d93025' },
      { x: pad, y: h - pad - line, width: w - 2 * pad, height: line, color: '#d93025' },
      { x: pad, y: pad, width: line, height: h - 2 * pad, color: '#d93025' },
      { x: w - pad - line, y: pad, width: line, height: h - 2 * pad, color: '#d93025' },
    ],
    texts: textColumn('无法打印此标签', [error.note, ...what], { x: pad * 2.5, width: w - pad * 5, top: pad * 1.5, height: h - pad * 3 }),
    scan: '',
    problem: error.code,
  };
}

/** A label on a sheet: drawn, or its cell marked when it cannot be, so one bad label never costs the others. */
export function drawSheetLabel(label: LabelContent, size: LabelSize, dpi: PrinterDpi): LabelDrawing {
  try {
    return drawLabel(label, size, dpi);
  } catch (e) {
    if (e instanceof LabelError) return drawProblem(label, size, e);
    throw e;
  }
}

const FONT = `'WenQuanYi Micro Hei','Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif`;
const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const fmt = (n: number) => String(Math.round(n * 100) / 100);
/** Barcode geometry keeps a ten-thousandth of a millimetre: a 600 dpi dot is 0.0423 mm. */
const fmtFine = (n: number) => String(Math.round(n * 10000) / 10000);

/**
 * A whole label as SVG in millimetres. Text uses the viewer's CJK fonts, so Chinese renders
 * wherever it is shown; `data-scan` says what the barcode reads as.
 */
export function labelSvg(label: LabelContent, size: LabelSize, dpi: PrinterDpi): string {
  return drawingSvg(drawLabel(label, size, dpi));
}

export function drawingSvg(d: LabelDrawing): string {
  let barcode = '';
  if (d.barcode) {
    const { x, y, width, height, symbol } = d.barcode;
    const { box } = symbol;
    const inner = barcodeSvg(symbol).replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '');
    barcode = `<svg x="${fmtFine(x)}" y="${fmtFine(y)}" width="${fmtFine(width)}" height="${fmtFine(height)}" viewBox="${box.x} ${box.y} ${box.width} ${box.height}" preserveAspectRatio="none" data-module-mm="${fmtFine(d.barcode.moduleMm)}">${inner}</svg>`;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(d.widthMm)}mm" height="${fmt(d.heightMm)}mm" viewBox="0 0 ${fmt(d.widthMm)} ${fmt(d.heightMm)}" data-scan="${escapeXml(d.scan.replaceAll('\u001d', '<GS>'))}"${d.problem ? ` data-problem="${d.problem}"` : ''}>` +
    `<rect x="0" y="0" width="${fmt(d.widthMm)}" height="${fmt(d.heightMm)}" fill="#fff"/>` +
    d.fills.map((f) => `<rect x="${fmt(f.x)}" y="${fmt(f.y)}" width="${fmt(f.width)}" height="${fmt(f.height)}" fill="${f.color}"/>`).join('') +
    barcode +
    d.texts
      .map(
        (t) =>
          `<text x="${fmt(t.x)}" y="${fmt(t.y)}" font-size="${fmt(t.size)}" font-family="${FONT}" fill="${t.fill ?? '#000'}"${t.anchor === 'end' ? ' text-anchor="end"' : ''}${t.bold ? ' font-weight="bold"' : ''}>${escapeXml(t.value)}</text>`,
      )
      .join('') +
    `</svg>`
  );
}
