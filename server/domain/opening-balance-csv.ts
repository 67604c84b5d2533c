import { DomainError, type FieldError } from './errors.ts';
import { STORAGE_ZONES, type StorageZone } from '../schemas/constants.ts';
import { isCalendarDate } from './calendar.ts';
import { csvRecords, finish, type Steps } from './slices.ts';

export interface OpeningBalanceCsvLine {
  batch: { productCode: string; lot: string; expiresOn: string; producedOn?: string; manufacturer?: string };
  /** Absent when the cell is empty: the depot's tier decides (pending where goods-in is inspected). */
  zone?: StorageZone;
  quantity: number;
  unitPriceFen?: number;
}

/** Header names accepted for each column, English or as written on the paper stock card. */
const COLUMNS = {
  productCode: ['product_code', 'product', '药具编码', '编码'],
  lot: ['lot', 'batch', '批号'],
  expiresOn: ['expires_on', 'expiry', '有效期', '有效期至'],
  zone: ['zone', '库区', '区'],
  quantity: ['quantity', 'qty', '数量'],
  unitPrice: ['unit_price', 'price', '单价'],
  producedOn: ['produced_on', 'production_date', '生产日期'],
  manufacturer: ['manufacturer', 'maker', '厂家', '生产厂家'],
} as const;

const ZONE_NAMES: Record<string, StorageZone> = { 待验区: 'pending', 合格品区: 'qualified', 合格: 'qualified', 不合格区: 'nonconforming', 不合格: 'nonconforming' };


/** "12.5" yuan -> 1250 fen; undefined for an empty cell; NaN for anything else. */
function yuanToFen(cell: string): number | undefined {
  if (cell === '') return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(cell)) return Number.NaN;
  const [whole, frac = ''] = cell.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/**
 * Parses an opening-stock CSV (header row, then one line per batch and zone) and reports
 * every bad cell at once, as `rows.<n>.<column>` with n counted from the first data row = 1.
 *
 * Example: "product_code,lot,expires_on,zone,quantity,unit_price\nLNG-075,A1,2027-12-31,qualified,120,0.85"
 * gives one line of 120 units of lot A1 at 85 fen.
 */
export function parseOpeningBalanceCsv(text: string): OpeningBalanceCsvLine[] {
  return finish(openingBalanceCsvSteps(text));
}

/** Rows checked between two pauses of a sliced parse (server/domain/slices.ts). */
const ROWS_PER_STEP = 256;

/** parseOpeningBalanceCsv cut into steps, for a large file read in slices (server/domain/slices.ts). */
export function* openingBalanceCsvSteps(text: string): Steps<OpeningBalanceCsvLine[]> {
  let records: string[][];
  try {
    records = yield* csvRecords(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (e) {
    throw new DomainError('validation_failed', `CSV could not be read: ${(e as Error).message}`, undefined, [{ path: 'csv', message: 'unreadable' }]);
  }
  const [header, ...rows] = records;
  if (!header) throw new DomainError('empty_document', 'The CSV has no rows');
  const index = {} as Record<keyof typeof COLUMNS, number>;
  for (const [key, names] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, readonly string[]][]) {
    index[key] = header.findIndex((h) => names.includes(h.toLowerCase()));
  }
  const missing = (['productCode', 'lot', 'expiresOn', 'quantity'] as const).filter((k) => index[k] < 0);
  if (missing.length > 0) {
    throw new DomainError('validation_failed', `Missing columns: ${missing.join(', ')}`, undefined, missing.map((m) => ({ path: `header.${m}`, message: 'missing column' })));
  }
  if (rows.length === 0) throw new DomainError('empty_document', 'The CSV has a header but no lines');

  const errors: FieldError[] = [];
  const lines: OpeningBalanceCsvLine[] = [];
  for (const [i, row] of rows.entries()) {
    if (i % ROWS_PER_STEP === 0) yield;
    const cell = (k: keyof typeof COLUMNS) => (index[k] >= 0 ? (row[index[k]] ?? '') : '');
    const err = (field: string, message: string) => errors.push({ path: `rows.${i + 1}.${field}`, message });
    const zoneCell = cell('zone');
    const zone = zoneCell === '' ? undefined : (ZONE_NAMES[zoneCell] ?? zoneCell);
    if (zone !== undefined && !(STORAGE_ZONES as readonly string[]).includes(zone)) err('zone', 'pending, qualified or nonconforming');
    const quantity = Number(cell('quantity'));
    if (!Number.isSafeInteger(quantity) || quantity <= 0) err('quantity', 'positive whole number');
    const unitPriceFen = yuanToFen(cell('unitPrice'));
    if (Number.isNaN(unitPriceFen)) err('unit_price', 'yuan with at most 2 decimals');
    if (!cell('productCode')) err('product_code', 'required');
    if (!cell('lot') || cell('lot').length > 20) err('lot', '1-20 characters');
    if (!isCalendarDate(cell('expiresOn'))) err('expires_on', 'a real calendar date, YYYY-MM-DD');
    if (cell('producedOn') && !isCalendarDate(cell('producedOn'))) err('produced_on', 'a real calendar date, YYYY-MM-DD');
    lines.push({
      batch: {
        productCode: cell('productCode'),
        lot: cell('lot'),
        expiresOn: cell('expiresOn'),
        producedOn: cell('producedOn') || undefined,
        manufacturer: cell('manufacturer') || undefined,
      },
      zone: zone as StorageZone | undefined,
      quantity,
      unitPriceFen,
    });
  }
  if (errors.length > 0) throw new DomainError('validation_failed', `${errors.length} bad cell(s) in the CSV`, undefined, errors);
  return lines;
}
