import bwipjs from 'bwip-js/node';
import { gs1ElementString, internalLabel, ScanError, STORAGE_ZONE_CODES } from './gs1.ts';

/**
 * Labels as pure renderings: data in, SVG or PNG out; no database, no clock. A label carries a
 * barcode the scan field reads back (labels/gs1.ts) and the same facts in words for a person.
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

export class LabelError extends Error {
  constructor(
    readonly code: 'lot_too_long' | 'invalid_barcode' | 'invalid_check_digit',
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'LabelError';
  }
}

/** AI (10) holds at most 20 characters (GS1 General Specifications §3.4.2). */
export const MAX_GS1_LOT = 20;

export interface Symbol {
  /** bwip-js symbology */
  bcid: 'gs1datamatrix' | 'datamatrix' | 'code128' | 'qrcode';
  /** What bwip-js is given: GS1 data in parentheses, or plain text. */
  text: string;
  /** What a scanner sends back, as labels/gs1.ts reads it (GS1: the element string, FNC1 as GS). */
  data: string;
}

/**
 * The barcode of a label. A batch of a product with a GTIN gets a GS1 DataMatrix with (01) GTIN,
 * (17) expiry and (10) lot; without a GTIN, a DataMatrix of the internal batch label. A zone gets
 * a Code 128 of its internal label ("move here"); a document a QR code that opens it.
 *
 * Example: GTIN 09506000134352, lot ABC123, expiry 2027-12-31 gives gs1datamatrix
 * "(01)09506000134352(17)271231(10)ABC123", read back as "010950600013435217271231" + "10ABC123".
 */
export function symbolOf(label: LabelContent): Symbol {
  switch (label.kind) {
    case 'batch': {
      if (!label.gtin) {
        const text = internalLabel({ kind: 'batch', batchId: label.batchId });
        return { bcid: 'datamatrix', text, data: text };
      }
      if (label.lot.length > MAX_GS1_LOT) throw new LabelError('lot_too_long', `Lot ${label.lot} is longer than the ${MAX_GS1_LOT} characters GS1 (10) holds`);
      try {
        const fields = { gtin: label.gtin, expiry: label.expiresOn, lot: label.lot };
        return { bcid: 'gs1datamatrix', text: gs1ElementString(fields, { humanReadable: true }), data: gs1ElementString(fields) };
      } catch (e) {
        if (e instanceof ScanError) throw new LabelError(e.code, e.detail);
        throw e;
      }
    }
    case 'zone': {
      const text = internalLabel({ kind: 'zone', depotCode: label.depotCode, zone: label.zone });
      return { bcid: 'code128', text, data: text };
    }
    case 'document': {
      const text = internalLabel({ kind: 'document', documentType: label.documentType, id: label.id });
      return { bcid: 'qrcode', text, data: text };
    }
  }
}

const linear = (bcid: Symbol['bcid']) => bcid === 'code128';

/**
 * A symbol's dark modules as rectangles in module units, with the box they sit in (quiet zone
 * included): bwip-js encodes (`raw`), and SVG and PDF draw the same rectangles. Drawing here
 * rather than with bwip-js's own SVG output saves two thirds of the time a label takes.
 * Matrix rows become runs of dark modules; Code 128 bars come from its bar/space widths.
 */
export interface EncodedSymbol {
  box: { x: number; y: number; width: number; height: number };
  bars: { x: number; y: number; width: number; height: number }[];
}

export function encodeSymbol(symbol: Symbol): EncodedSymbol {
  const [encoded] = bwipjs.raw({ bcid: symbol.bcid, text: symbol.text } as Parameters<typeof bwipjs.raw>[0]) as unknown as RawSymbol[];
  if (!encoded) throw new LabelError('invalid_barcode', `Nothing to encode for ${symbol.text}`);
  const bars: EncodedSymbol['bars'] = [];
  if ('sbs' in encoded) {
    const quiet = 10;
    const width = encoded.sbs.reduce((a, b) => a + b, 0);
    const height = Math.max(15, Math.round(width * 0.25));
    let x = 0;
    encoded.sbs.forEach((w, i) => {
      if (i % 2 === 0) bars.push({ x, y: 0, width: w, height });
      x += w;
    });
    return { box: { x: -quiet, y: 0, width: width + 2 * quiet, height }, bars };
  }
  const quiet = symbol.bcid === 'qrcode' ? 4 : 2;
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
  return { box: { x: -quiet, y: -quiet, width: width + 2 * quiet, height: height + 2 * quiet }, bars };
}

type RawSymbol = { pixs: number[]; pixx: number; pixy: number } | { sbs: number[] };

/** The barcode alone as SVG, one module a unit, quiet zone included. */
export function barcodeSvg(symbol: Symbol | EncodedSymbol): string {
  const { box, bars } = 'bars' in symbol ? symbol : encodeSymbol(symbol);
  const d = bars.map((r) => `M${r.x} ${r.y}h${r.width}v${r.height}h-${r.width}z`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box.x} ${box.y} ${box.width} ${box.height}" shape-rendering="crispEdges"><rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

/** The barcode alone as PNG, with a quiet zone, for systems that want an image. */
export async function barcodePng(symbol: Symbol, scale = 4): Promise<Buffer> {
  return bwipjs.toBuffer({
    bcid: symbol.bcid,
    text: symbol.text,
    scale,
    paddingwidth: linear(symbol.bcid) ? 10 : 2,
    paddingheight: 2,
    backgroundcolor: 'FFFFFF',
    ...(linear(symbol.bcid) ? { height: 12 } : {}),
  });
}

export interface LabelSize {
  widthMm: number;
  heightMm: number;
}

const ZONE_FILL: Record<(typeof STORAGE_ZONE_CODES)[number], string> = { pending: '#f7d51d', qualified: '#2e9d4a', nonconforming: '#d93025' };
const ZONE_INK: Record<(typeof STORAGE_ZONE_CODES)[number], string> = { pending: '#000', qualified: '#fff', nonconforming: '#fff' };
const ZONE_NAME: Record<(typeof STORAGE_ZONE_CODES)[number], string> = { pending: '待验区', qualified: '合格品区', nonconforming: '不合格区' };
const DOCUMENT_NAME: Record<DocumentLabelType, string> = { receipt: '入库单', transfer_order: '调拨单', shipment: '发货单', count: '盘点表' };

const charWidth = (ch: string, sizeMm: number) => (/[\u2e80-\uffff]/.test(ch) ? sizeMm : sizeMm * 0.55);

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
  /** The symbol, scaled to fit its box and centred in it. */
  barcode: { x: number; y: number; width: number; height: number; symbol: EncodedSymbol };
  texts: LabelText[];
  /** What the barcode reads as (GS1 with GS separators). */
  scan: string;
}

/**
 * The layout of a label: the barcode and, beside it, what a person reads (the product's Chinese
 * name, lot, expiry and depot; the zone's name in its colour; the document's kind and number).
 */
export function drawLabel(label: LabelContent, size: LabelSize, symbol: Symbol = symbolOf(label)): LabelDrawing {
  const { widthMm: w, heightMm: h } = size;
  const pad = Math.min(w, h) * 0.06;
  const encoded = encodeSymbol(symbol);
  const base = { widthMm: w, heightMm: h, scan: symbol.data };
  if (label.kind === 'zone') {
    const band = h * 0.45;
    const nameSize = Math.min(band * 0.55, w / 6);
    return {
      ...base,
      fills: [{ x: 0, y: 0, width: w, height: band, color: ZONE_FILL[label.zone] }],
      barcode: { x: pad, y: band + pad, width: w - 2 * pad, height: h - band - 2 * pad, symbol: encoded },
      texts: [
        { x: pad, y: band * 0.68, size: nameSize, value: ZONE_NAME[label.zone], fill: ZONE_INK[label.zone], bold: true },
        { x: w - pad, y: band * 0.68, size: nameSize * 0.45, value: fitText(label.depotName, w * 0.4, nameSize * 0.45), fill: ZONE_INK[label.zone], anchor: 'end' },
      ],
    };
  }
  const side = Math.min(h - 2 * pad, w * 0.38);
  const tx = pad * 2 + side;
  const tw = w - tx - pad;
  const [heading, ...rest] =
    label.kind === 'batch' ? [label.productNameZh, `批号 ${label.lot}`, `效期 ${label.expiresOn}`, label.depotName] : [DOCUMENT_NAME[label.documentType], label.number, label.depotName];
  // Sized so that "效期 2028-06-30" (about 8 em) fits the text column; a long name takes two lines.
  const size1 = Math.min((h - 2 * pad) / (rest.length + 2.8), tw / 8.5);
  const rows = [...wrapText(heading!, tw, size1, 2).map((line) => ({ line, bold: true })), ...rest.map((line) => ({ line: fitText(line, tw, size1 * 0.9), bold: false }))];
  return {
    ...base,
    fills: [],
    barcode: { x: pad, y: (h - side) / 2, width: side, height: side, symbol: encoded },
    texts: rows.map((r, i) => ({ x: tx, y: pad + size1 * (i + 1) * 1.15, size: r.bold ? size1 : size1 * 0.9, value: r.line, bold: r.bold })),
  };
}

const FONT = `'WenQuanYi Micro Hei','Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif`;
const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const fmt = (n: number) => String(Math.round(n * 100) / 100);

/**
 * A whole label as SVG in millimetres. Text uses the viewer's CJK fonts, so Chinese renders
 * wherever it is shown; `data-scan` says what the barcode reads as.
 */
export function labelSvg(label: LabelContent, size: LabelSize, symbol: Symbol = symbolOf(label)): string {
  const d = drawLabel(label, size, symbol);
  const { box } = d.barcode.symbol;
  const inner = barcodeSvg(d.barcode.symbol).replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(d.widthMm)}mm" height="${fmt(d.heightMm)}mm" viewBox="0 0 ${fmt(d.widthMm)} ${fmt(d.heightMm)}" data-scan="${escapeXml(d.scan.replaceAll('\u001d', '<GS>'))}">` +
    `<rect x="0" y="0" width="${fmt(d.widthMm)}" height="${fmt(d.heightMm)}" fill="#fff"/>` +
    d.fills.map((f) => `<rect x="${fmt(f.x)}" y="${fmt(f.y)}" width="${fmt(f.width)}" height="${fmt(f.height)}" fill="${f.color}"/>`).join('') +
    `<svg x="${fmt(d.barcode.x)}" y="${fmt(d.barcode.y)}" width="${fmt(d.barcode.width)}" height="${fmt(d.barcode.height)}" viewBox="${box.x} ${box.y} ${box.width} ${box.height}" preserveAspectRatio="xMidYMid meet">${inner}</svg>` +
    d.texts
      .map(
        (t) =>
          `<text x="${fmt(t.x)}" y="${fmt(t.y)}" font-size="${fmt(t.size)}" font-family="${FONT}" fill="${t.fill ?? '#000'}"${t.anchor === 'end' ? ' text-anchor="end"' : ''}${t.bold ? ' font-weight="bold"' : ''}>${escapeXml(t.value)}</text>`,
      )
      .join('') +
    `</svg>`
  );
}
