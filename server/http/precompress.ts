import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/** The compressed copies that sit beside a built file, in the server's order of preference. */
export const ENCODINGS = [
  { coding: 'br', suffix: '.br' },
  { coding: 'gzip', suffix: '.gz' },
] as const;
export type Coding = (typeof ENCODINGS)[number]['coding'];

/** Text, and WebAssembly, which compresses about as well. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt', '.xml', '.map', '.wasm']);

const isCompressible = (file: string) => COMPRESSIBLE.has(extname(file).toLowerCase());

const compressors: Record<Coding, (raw: Buffer) => Promise<Buffer>> = {
  br: (raw) =>
    promisify(brotliCompress)(raw, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
    }),
  gzip: (raw) => promisify(gzip)(raw, { level: constants.Z_BEST_COMPRESSION }),
};

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/**
 * Writes `<file>.br` and `<file>.gz` at maximum compression beside every text file under `dir`
 * (the built web app), once at build time so that the server never compresses per request.
 * A copy that would not be smaller than the file is not written; the file is then served as is.
 */
export async function precompress(dir: string) {
  await Promise.all(
    (await filesUnder(dir)).filter(isCompressible).map(async (file) => {
      const raw = await readFile(file);
      for (const { coding, suffix } of ENCODINGS) {
        const packed = await compressors[coding](raw);
        if (packed.length < raw.length) await writeFile(file + suffix, packed);
      }
    }),
  );
}
