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
 * The barcode alone as SVG, one module a unit, quiet zone included. Drawn here from bwip-js's
 * encoded modules (`raw`): its own SVG drawing costs three times the encoding, and a 1,000-label
 * sheet is mostly barcodes. Matrix rows become runs of dark modules; Code 128 bars come from its
 * bar/space widths.
 */
export function barcodeSvg(symbol: Symbol): string {
  const [encoded] = bwipjs.raw({ bcid: symbol.bcid, text: symbol.text } as Parameters<typeof bwipjs.raw>[0]) as unknown as RawSymbol[];
  if (!encoded) throw new LabelError('invalid_barcode', `Nothing to encode for ${symbol.text}`);
  let d = '';
  let width: number;
  let height: number;
  let quiet: number;
  if ('sbs' in encoded) {
    quiet = 10;
    width = encoded.sbs.reduce((a, b) => a + b, 0);
    height = Math.max(15, Math.round(width * 0.25));
    let x = 0;
    encoded.sbs.forEach((w, i) => {
      if (i % 2 === 0) d += `M${x} 0h${w}v${height}h-${w}z`;
      x += w;
    });
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-quiet} 0 ${width + 2 * quiet} ${height}" shape-rendering="crispEdges"><rect x="${-quiet}" y="0" width="${width + 2 * quiet}" height="${height}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
  }
  quiet = symbol.bcid === 'qrcode' ? 4 : 2;
  width = encoded.pixx;
  height = encoded.pixy;
  for (let y = 0; y < height; y++) {
    let x = 0;
    while (x < width) {
      if (encoded.pixs[y * width + x] !== 1) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < width && encoded.pixs[y * width + x] === 1) x += 1;
      d += `M${start} ${y}h${x - start}v1h-${x - start}z`;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-quiet} ${-quiet} ${width + 2 * quiet} ${height + 2 * quiet}" shape-rendering="crispEdges"><rect x="${-quiet}" y="${-quiet}" width="${width + 2 * quiet}" height="${height + 2 * quiet}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

type RawSymbol = { pixs: number[]; pixx: number; pixy: number } | { sbs: number[] };

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
const FONT = `'WenQuanYi Micro Hei','Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif`;

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** bwip-js's SVG as a nested, positioned <svg> in millimetres. */
function placeBarcode(svg: string, x: number, y: number, width: number, height: number): string {
  const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1] ?? '0 0 100 100';
  const inner = svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  return `<svg x="${fmt(x)}" y="${fmt(y)}" width="${fmt(width)}" height="${fmt(height)}" viewBox="${viewBox}" preserveAspectRatio="xMidYMid meet">${inner}</svg>`;
}

const fmt = (n: number) => String(Math.round(n * 100) / 100);

function text(x: number, y: number, size: number, value: string, style: { fill?: string; anchor?: 'end'; bold?: boolean } = {}): string {
  const extra = `${style.anchor ? ` text-anchor="${style.anchor}"` : ''}${style.bold ? ' font-weight="bold"' : ''}`;
  return `<text x="${fmt(x)}" y="${fmt(y)}" font-size="${fmt(size)}" font-family="${FONT}" fill="${style.fill ?? '#000'}"${extra}>${escapeXml(value)}</text>`;
}

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

/**
 * A whole label as SVG in millimetres: the barcode and, beside it, what a person reads (the
 * product's Chinese name, lot, expiry and depot; the zone's name in its colour; the document's
 * kind and number). Text uses the viewer's CJK fonts, so Chinese renders wherever it is shown.
 */
export function labelSvg(label: LabelContent, size: LabelSize, symbol: Symbol = symbolOf(label)): string {
  const { widthMm: w, heightMm: h } = size;
  const pad = Math.min(w, h) * 0.06;
  const code = barcodeSvg(symbol);
  let body: string;
  if (label.kind === 'zone') {
    const band = h * 0.45;
    const nameSize = Math.min(band * 0.55, w / 6);
    body =
      `<rect x="0" y="0" width="${fmt(w)}" height="${fmt(band)}" fill="${ZONE_FILL[label.zone]}"/>` +
      text(pad, band * 0.68, nameSize, ZONE_NAME[label.zone], { fill: ZONE_INK[label.zone], bold: true }) +
      text(w - pad, band * 0.68, nameSize * 0.45, fitText(label.depotName, w * 0.4, nameSize * 0.45), { fill: ZONE_INK[label.zone], anchor: 'end' }) +
      placeBarcode(code, pad, band + pad, w - 2 * pad, h - band - 2 * pad);
  } else {
    const side = Math.min(h - 2 * pad, w * 0.38);
    const tx = pad * 2 + side;
    const tw = w - tx - pad;
    const [heading, ...rest] =
      label.kind === 'batch' ? [label.productNameZh, `批号 ${label.lot}`, `效期 ${label.expiresOn}`, label.depotName] : [DOCUMENT_NAME[label.documentType], label.number, label.depotName];
    // Sized so that "效期 2028-06-30" (about 8 em) fits the text column; a long name takes two lines.
    const size1 = Math.min((h - 2 * pad) / (rest.length + 2.8), tw / 8.5);
    const headingLines = wrapText(heading!, tw, size1, 2);
    const rows = [...headingLines.map((line) => ({ line, bold: true })), ...rest.map((line) => ({ line: fitText(line, tw, size1 * 0.9), bold: false }))];
    body =
      placeBarcode(code, pad, (h - side) / 2, side, side) +
      rows.map((r, i) => text(tx, pad + size1 * (i + 1) * 1.15, r.bold ? size1 : size1 * 0.9, r.line, { bold: r.bold })).join('');
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(w)}mm" height="${fmt(h)}mm" viewBox="0 0 ${fmt(w)} ${fmt(h)}" data-scan="${escapeXml(symbol.data.replaceAll('\u001d', '<GS>'))}">` +
    `<rect x="0" y="0" width="${fmt(w)}" height="${fmt(h)}" fill="#fff"/>` +
    body +
    `</svg>`
  );
}
