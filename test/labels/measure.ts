import { inflateSync } from 'node:zlib';
import type { Raster, Region } from './pdf-raster.ts';

/** Dots of a printed image, as the tests measure them: black, white, or something else (colour, grey). */
export interface Dots {
  width: number;
  height: number;
  dpi: number;
  /** 0 black, 255 white, anything between another colour. */
  tone(i: number, j: number): number;
}

/** Reads the greyscale PNGs labels/png.ts writes (8-bit grey, filter 0), with the dpi of their pHYs chunk. */
export function pngDots(png: Buffer): Dots {
  let width = 0;
  let height = 0;
  let dpi = 0;
  const idat: Buffer[] = [];
  for (let o = 8; o < png.length; ) {
    const length = png.readUInt32BE(o);
    const type = png.toString('latin1', o + 4, o + 8);
    const data = png.subarray(o + 8, o + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 0) throw new Error('not 8-bit greyscale');
    }
    if (type === 'pHYs' && data[8] === 1) dpi = Math.round(data.readUInt32BE(0) * 0.0254);
    if (type === 'IDAT') idat.push(data);
    o += 12 + length;
  }
  const rows = inflateSync(Buffer.concat(idat));
  for (let j = 0; j < height; j++) if (rows[j * (width + 1)] !== 0) throw new Error('filtered rows are not read here');
  return { width, height, dpi, tone: (i, j) => rows[j * (width + 1) + 1 + i]! };
}

/** A region of a rasterised PDF page; any colour that is not pure black or white reads as 128. */
export function rasterDots(r: Raster, region: Region = { x: 0, y: 0, width: r.width, height: r.height }): Dots {
  return {
    width: region.width,
    height: region.height,
    dpi: r.dpi,
    tone: (i, j) => {
      const o = ((region.y + j) * r.width + region.x + i) * 3;
      const [red, green, blue] = [r.rgb[o]!, r.rgb[o + 1]!, r.rgb[o + 2]!];
      if (red === 0 && green === 0 && blue === 0) return 0;
      if (red === 255 && green === 255 && blue === 255) return 255;
      return 128;
    },
  };
}

export interface SymbolMeasure {
  /** The symbol's own extent: the first to the last black dot. */
  box: { x0: number; y0: number; x1: number; y1: number };
  /** The narrowest black run across a row: one module, in dots. */
  moduleDots: number;
  /** Every black run across a row is a whole number of modules. */
  wholeModules: boolean;
  /** White on each side of the symbol up to the first dot that is not white, or the edge, in modules. */
  margins: { left: number; right: number; top: number; bottom: number };
}

/**
 * Finds the symbol (the black dots) and measures the white around it. Left and right are
 * measured across the symbol's rows, top and bottom across its columns.
 */
export function measureSymbol(d: Dots): SymbolMeasure {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  for (let j = 0; j < d.height; j++) {
    for (let i = 0; i < d.width; i++) {
      if (d.tone(i, j) !== 0) continue;
      x0 = Math.min(x0, i);
      x1 = Math.max(x1, i);
      y0 = Math.min(y0, j);
      y1 = Math.max(y1, j);
    }
  }
  if (x1 < 0) throw new Error('no symbol: not a black dot');
  const runs: number[] = [];
  for (let j = y0; j <= y1; j++) {
    let run = 0;
    for (let i = x0; i <= x1 + 1; i++) {
      if (i <= x1 && d.tone(i, j) === 0) run += 1;
      else if (run > 0) {
        runs.push(run);
        run = 0;
      }
    }
  }
  const moduleDots = Math.min(...runs);
  const whiteColumn = (i: number) => Array.from({ length: y1 - y0 + 1 }, (_, k) => d.tone(i, y0 + k)).every((t) => t === 255);
  const whiteRow = (j: number) => Array.from({ length: x1 - x0 + 1 }, (_, k) => d.tone(x0 + k, j)).every((t) => t === 255);
  const count = (from: number, step: number, end: number, white: (k: number) => boolean) => {
    let n = 0;
    for (let k = from; k !== end && white(k); k += step) n += 1;
    return n;
  };
  return {
    box: { x0, y0, x1, y1 },
    moduleDots,
    wholeModules: runs.every((r) => r % moduleDots === 0),
    margins: {
      left: count(x0 - 1, -1, -1, whiteColumn) / moduleDots,
      right: count(x1 + 1, 1, d.width, whiteColumn) / moduleDots,
      top: count(y0 - 1, -1, -1, whiteRow) / moduleDots,
      bottom: count(y1 + 1, 1, d.height, whiteRow) / moduleDots,
    },
  };
}
