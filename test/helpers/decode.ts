import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

/**
 * An independent decoder for the round-trip tests: ZXing-C++ compiled to WebAssembly, loaded
 * from node_modules (no network). Answers what a scanner would send: the AIM symbology
 * identifier and the text with FNC1 as GS (ASCII 29).
 */
let ready = false;
function prepare() {
  if (ready) return;
  const file = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  const bytes = readFileSync(file);
  prepareZXingModule({ overrides: { wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer } });
  ready = true;
}

export async function decodePng(png: Uint8Array): Promise<{ symbologyIdentifier: string; text: string; format: string }[]> {
  prepare();
  const results = await readBarcodes(png, { formats: ['DataMatrix', 'Code128', 'QRCode'], textMode: 'Plain', tryHarder: true });
  return results.filter((r) => r.isValid).map((r) => ({ symbologyIdentifier: r.symbologyIdentifier, text: r.text, format: r.format }));
}
