import { inflateSync } from 'node:zlib';
import { grayPng } from '../../labels/png.ts';

/**
 * A printer's view of our PDFs, for tests: the machine has no PDF rasteriser (no pdftoppm,
 * Ghostscript, MuPDF or pdf.js), so this reads the page content streams pdfkit writes and fills
 * their rectangles (`re` … `f` under `q`/`Q`/`cm`) at a printer's resolution, each dot set or not
 * by whether its centre lies inside, as a thermal head prints: no anti-aliasing. Text (BT … ET)
 * is not drawn: these tests look at barcodes and the space around them.
 */
export interface Raster {
  width: number;
  height: number;
  dpi: number;
  /** RGB, 3 bytes a dot, rows top to bottom. */
  rgb: Uint8Array;
  /** The filled rectangles in points from the page's top-left corner, as drawn. */
  rects: { x: number; y: number; width: number; height: number; color: [number, number, number] }[];
}

interface PdfPage {
  widthPt: number;
  heightPt: number;
  content: string;
}

/** The pages of a PDF in order, with their decompressed content streams. */
export function pdfPages(pdf: Buffer): PdfPage[] {
  const text = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: Buffer }>();
  const re = /(\d+) 0 obj\s*<<([\s\S]*?)>>\s*(stream\r?\n)?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const id = Number(m[1]);
    const dict = m[2]!;
    if (!m[3]) {
      if (!objects.has(id)) objects.set(id, { dict });
      continue;
    }
    const length = Number(/\/Length (\d+)/.exec(dict)![1]);
    const start = m.index + m[0].length;
    const raw = pdf.subarray(start, start + length);
    objects.set(id, { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
    re.lastIndex = start + length;
  }
  const root = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict))!;
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(root.dict)![1]!.matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  return kids.map((kid) => {
    const page = objects.get(kid)!.dict;
    const box = /\/MediaBox \[([\d.\s-]+)\]/.exec(page)![1]!.trim().split(/\s+/).map(Number);
    const contents = Number(/\/Contents (\d+) 0 R/.exec(page)![1]);
    return { widthPt: box[2]! - box[0]!, heightPt: box[3]! - box[1]!, content: objects.get(contents)!.stream!.toString('latin1') };
  });
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

const TOKEN = /<<|>>|\[|\]|<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\)|\/[^\s/[\]()<>]+|[^\s/[\]()<>]+/g;

/** One page at `dpi`: white paper, every filled rectangle set dot by dot. */
export function rasterisePage(page: PdfPage, dpi: number): Raster {
  const scale = dpi / 72;
  const width = Math.round(page.widthPt * scale);
  const height = Math.round(page.heightPt * scale);
  const rgb = new Uint8Array(width * height * 3).fill(255);
  const rects: Raster['rects'] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let color: [number, number, number] = [0, 0, 0];
  const saved: { ctm: Matrix; color: [number, number, number] }[] = [];
  let path: Raster['rects'] = [];
  let operands: string[] = [];
  let inText = false;
  for (const token of page.content.match(TOKEN) ?? []) {
    if (inText) {
      if (token === 'ET') inText = false;
      continue;
    }
    if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(token) || /^[/<([\]]/.test(token) || token === '>>') {
      operands.push(token);
      continue;
    }
    const n = operands.map(Number);
    switch (token) {
      case 'BT':
        inText = true;
        break;
      case 'q':
        saved.push({ ctm: [...ctm], color: [...color] });
        break;
      case 'Q':
        ({ ctm, color } = saved.pop()!);
        break;
      case 'cm':
        ctm = multiply(n as Matrix, ctm);
        break;
      case 're': {
        const [x, y, w, h] = n as [number, number, number, number];
        if (ctm[1] !== 0 || ctm[2] !== 0) throw new Error('rotated rectangles are not drawn here');
        const xs = [ctm[0] * x + ctm[4], ctm[0] * (x + w) + ctm[4]];
        const ys = [ctm[3] * y + ctm[5], ctm[3] * (y + h) + ctm[5]].map((v) => page.heightPt - v);
        path.push({ x: Math.min(...xs), y: Math.min(...ys), width: Math.abs(xs[1]! - xs[0]!), height: Math.abs(ys[1]! - ys[0]!), color });
        break;
      }
      case 'f':
      case 'f*':
        for (const r of path) {
          const filled = { ...r, color };
          rects.push(filled);
          const i0 = Math.max(0, Math.ceil(r.x * scale - 0.5));
          const i1 = Math.min(width, Math.ceil((r.x + r.width) * scale - 0.5));
          const j0 = Math.max(0, Math.ceil(r.y * scale - 0.5));
          const j1 = Math.min(height, Math.ceil((r.y + r.height) * scale - 0.5));
          for (let j = j0; j < j1; j++) for (let i = i0; i < i1; i++) rgb.set(color, (j * width + i) * 3);
        }
        path = [];
        break;
      case 'n':
        path = [];
        break;
      case 'scn':
      case 'sc':
      case 'rg':
        if (n.length === 3) color = n.map((v) => Math.round(v * 255)) as [number, number, number];
        break;
      case 'g':
        color = [n[0]! * 255, n[0]! * 255, n[0]! * 255].map(Math.round) as [number, number, number];
        break;
    }
    operands = [];
  }
  return { width, height, dpi, rgb, rects };
}

export const rasterisePdf = (pdf: Buffer, dpi: number) => pdfPages(pdf).map((page) => rasterisePage(page, dpi));

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A region of a raster (default all of it) as a greyscale PNG at the raster's dpi, for the decoder. */
export function rasterPng(r: Raster, region: Region = { x: 0, y: 0, width: r.width, height: r.height }): Buffer {
  const grey = new Uint8Array(region.width * region.height);
  for (let j = 0; j < region.height; j++) {
    for (let i = 0; i < region.width; i++) {
      const o = ((region.y + j) * r.width + region.x + i) * 3;
      grey[j * region.width + i] = Math.round(0.299 * r.rgb[o]! + 0.587 * r.rgb[o + 1]! + 0.114 * r.rgb[o + 2]!);
    }
  }
  return grayPng(region.width, region.height, grey, r.dpi);
}
