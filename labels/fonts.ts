import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

/**
 * The fonts the PDF labels embed: Noto Sans SC (SIL Open Font License, labels/fonts/OFL.txt), as
 * shipped for the web in WOFF. fontkit reads WOFF with a JavaScript inflate that takes seconds on
 * a CJK font; unpacked once here with Node's zlib into a plain TrueType file, it takes
 * milliseconds.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF font');
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const o = 44 + i * 20;
    return { tag: woff.readUInt32BE(o), offset: woff.readUInt32BE(o + 4), compLength: woff.readUInt32BE(o + 8), origLength: woff.readUInt32BE(o + 12), checksum: woff.readUInt32BE(o + 16) };
  });
  // The sfnt table directory: searchRange, entrySelector and rangeShift as the OpenType spec defines them.
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const directory = Buffer.alloc(12 + 16 * numTables);
  directory.writeUInt32BE(woff.readUInt32BE(4), 0);
  directory.writeUInt16BE(numTables, 4);
  directory.writeUInt16BE(searchRange, 6);
  directory.writeUInt16BE(entrySelector, 8);
  directory.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [directory];
  let offset = directory.length;
  tables.forEach((t, i) => {
    const stored = woff.subarray(t.offset, t.offset + t.compLength);
    const data = t.compLength < t.origLength ? inflateSync(stored) : stored;
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    const o = 12 + i * 16;
    directory.writeUInt32BE(t.tag, o);
    directory.writeUInt32BE(t.checksum, o + 4);
    directory.writeUInt32BE(offset, o + 8);
    directory.writeUInt32BE(t.origLength, o + 12);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

let loaded: { cjk: Buffer; latin: Buffer } | undefined;

/** The CJK and Latin faces of Noto Sans SC as TrueType, read once. */
export function labelFonts() {
  const read = (name: string) => woffToSfnt(readFileSync(fileURLToPath(new URL(`./fonts/${name}`, import.meta.url))));
  loaded ??= { cjk: read('noto-sans-sc-chinese-simplified-400.woff'), latin: read('noto-sans-sc-latin-400.woff') };
  return loaded;
}

/** Splits text into runs set in the CJK font and in the Latin font (the web fonts are subset by script). */
export function fontRuns(value: string): { font: 'cjk' | 'latin'; text: string }[] {
  const out: { font: 'cjk' | 'latin'; text: string }[] = [];
  for (const ch of value) {
    const font = /[\u2e80-\uffff]/.test(ch) && ch !== '…' ? 'cjk' : 'latin';
    const last = out.at(-1);
    if (last?.font === font) last.text += ch;
    else out.push({ font, text: ch });
  }
  return out;
}
