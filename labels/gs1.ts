/**
 * One parser for what scanners send, keyboard wedge or camera alike: GS1 element strings
 * (DataMatrix, GS1-128, GS1 QR; FNC1 as the GS character U+001D, or the human-readable form
 * with parentheses; with or without an AIM symbology identifier) and the project's own
 * internal labels (FP1:...). Pure: no I/O, no clock; the reference year for two-digit years
 * is a parameter.
 */

export type ScanErrorCode = 'invalid_barcode' | 'invalid_check_digit';

export class ScanError extends Error {
  constructor(
    readonly code: ScanErrorCode,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'ScanError';
  }
}

export const STORAGE_ZONE_CODES = ['pending', 'qualified', 'nonconforming'] as const;

export interface Gs1Fields {
  gtin?: string;
  sscc?: string;
  containedGtin?: string;
  lot?: string;
  /** YYYY-MM-DD */
  expiry?: string;
  /** YYYY-MM-DD */
  production?: string;
  serial?: string;
  count?: number;
}

export type Scan =
  | ({ kind: 'gs1'; raw: string } & Gs1Fields)
  | { kind: 'batch'; batchId: number; raw: string }
  | { kind: 'zone'; depotCode: string; zone: (typeof STORAGE_ZONE_CODES)[number]; raw: string }
  | { kind: 'document'; documentType: string; id: number; raw: string };

export const GS = '\u001d';

/** AIM symbology identifiers that announce GS1 data (FNC1 in first position). */
const GS1_SYMBOLOGIES = new Set([']d2', ']C1', ']Q3', ']e0', ']J1']);

interface AiSpec {
  /** Fixed data length, or the maximum for a variable-length field. */
  length: number;
  fixed: boolean;
  field: keyof Gs1Fields;
  type: 'digits' | 'date' | 'cset82' | 'count';
}

/** The application identifiers this product reads (GS1 General Specifications §3.2). */
const AIS: Record<string, AiSpec> = {
  '00': { length: 18, fixed: true, field: 'sscc', type: 'digits' },
  '01': { length: 14, fixed: true, field: 'gtin', type: 'digits' },
  '02': { length: 14, fixed: true, field: 'containedGtin', type: 'digits' },
  '10': { length: 20, fixed: false, field: 'lot', type: 'cset82' },
  '11': { length: 6, fixed: true, field: 'production', type: 'date' },
  '17': { length: 6, fixed: true, field: 'expiry', type: 'date' },
  '21': { length: 20, fixed: false, field: 'serial', type: 'cset82' },
  '30': { length: 8, fixed: false, field: 'count', type: 'count' },
  '37': { length: 8, fixed: false, field: 'count', type: 'count' },
};

/** GS1 AI encodable character set 82: digits, letters and these symbols. */
const CSET82 = /^[0-9A-Za-z!"%&'()*+,\-./:;<=>?_]+$/;

/** Mod-10 check digit of a GTIN/SSCC body (weights 3,1,3,... from the right). */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

const hasValidCheckDigit = (digits: string) => gtinCheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));

/** GTIN-8, -12, -13 or -14 as digits with a correct check digit. */
export function isValidGtin(gtin: string): boolean {
  return /^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(gtin) && hasValidCheckDigit(gtin);
}

/** Any GTIN length to the 14 digits of AI (01). */
export function normaliseGtin(gtin: string): string {
  return gtin.padStart(14, '0');
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * YYMMDD to YYYY-MM-DD. The century is the one that puts the year within -49..+50 years of
 * the reference year (GS1 General Specifications §7.12): with reference 2026, "76" is 2076
 * and "77" is 1977. Day 00 means the last day of the month: "280200" is 2028-02-29.
 */
export function gs1Date(yymmdd: string, referenceYear = 2026): string {
  if (!/^\d{6}$/.test(yymmdd)) throw new ScanError('invalid_barcode', `Date ${yymmdd} is not YYMMDD`);
  const yy = Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6));
  const base = referenceYear - (referenceYear % 100);
  let year = base + yy;
  if (year - referenceYear > 50) year -= 100;
  else if (year - referenceYear < -49) year += 100;
  if (month < 1 || month > 12) throw new ScanError('invalid_barcode', `Month ${month} does not exist`);
  const last = daysInMonth(year, month);
  if (day > last) throw new ScanError('invalid_barcode', `Day ${day} does not exist in ${year}-${month}`);
  return `${year}-${String(month).padStart(2, '0')}-${String(day === 0 ? last : day).padStart(2, '0')}`;
}

/** Strips what wedges add (line ends, tabs) and maps the spellings of GS they use. */
function normalise(raw: string): string {
  return raw.replace(/[\r\n\t]+$/g, '').replace(/<GS>|\{GS\}/g, GS);
}

const INTERNAL = /^FP1:(?:B:(\d+)|Z:(\d{2,12}):(pending|qualified|nonconforming)|D:([a-z_]{2,30}):(\d+))$/;

function parseInternal(text: string, raw: string): Scan {
  const m = INTERNAL.exec(text);
  if (!m) throw new ScanError('invalid_barcode', `Unknown internal label ${text.slice(0, 40)}`);
  if (m[1]) return { kind: 'batch', batchId: positive(m[1]), raw };
  if (m[2]) return { kind: 'zone', depotCode: m[2], zone: m[3] as (typeof STORAGE_ZONE_CODES)[number], raw };
  return { kind: 'document', documentType: m[4], id: positive(m[5]), raw };
}

function positive(digits: string): number {
  const n = Number(digits);
  if (!Number.isSafeInteger(n) || n <= 0) throw new ScanError('invalid_barcode', `Id ${digits} is not a positive whole number`);
  return n;
}

function setField(fields: Gs1Fields, ai: string, value: string, referenceYear: number): void {
  const spec = AIS[ai];
  if (value.length === 0) throw new ScanError('invalid_barcode', `AI (${ai}) has no data`);
  if (value.length > spec.length || (spec.fixed && value.length !== spec.length)) {
    throw new ScanError('invalid_barcode', `AI (${ai}) needs ${spec.fixed ? '' : 'at most '}${spec.length} characters, got ${value.length}`);
  }
  switch (spec.type) {
    case 'digits':
      if (!/^\d+$/.test(value)) throw new ScanError('invalid_barcode', `AI (${ai}) must be digits`);
      if (!hasValidCheckDigit(value)) throw new ScanError('invalid_check_digit', `AI (${ai}) ${value}: wrong check digit`);
      (fields[spec.field] as string) = value;
      return;
    case 'date':
      (fields[spec.field] as string) = gs1Date(value, referenceYear);
      return;
    case 'cset82':
      if (!CSET82.test(value)) throw new ScanError('invalid_barcode', `AI (${ai}) has characters GS1 does not allow`);
      (fields[spec.field] as string) = value;
      return;
    case 'count':
      if (!/^\d+$/.test(value)) throw new ScanError('invalid_barcode', `AI (${ai}) must be digits`);
      fields.count = Number(value);
  }
}

/** `(01)0950...(17)271231(10)ABC`: each AI in parentheses, values between. */
function parseHumanReadable(text: string, referenceYear: number): Gs1Fields {
  const fields: Gs1Fields = {};
  const parts = /^(\((\d{2,4})\)([^()]*))+$/.test(text) ? [...text.matchAll(/\((\d{2,4})\)([^()]*)/g)] : null;
  if (!parts) throw new ScanError('invalid_barcode', 'Not a GS1 element string');
  for (const [, ai, value] of parts) {
    if (!AIS[ai]) throw new ScanError('invalid_barcode', `Unknown application identifier (${ai})`);
    setField(fields, ai, value, referenceYear);
  }
  return fields;
}

/** `0109506...1727123110ABC123`: fixed-length fields end by length, variable ones at GS. */
function parseElementString(text: string, referenceYear: number): Gs1Fields {
  const fields: Gs1Fields = {};
  let i = 0;
  while (i < text.length) {
    if (text[i] === GS) {
      i += 1; // an FNC1 after a fixed field, or a trailing one, carries nothing
      continue;
    }
    const ai = text.slice(i, i + 2);
    const spec = AIS[ai];
    if (!spec) throw new ScanError('invalid_barcode', `Unknown application identifier (${ai}) at position ${i + 1}`);
    i += 2;
    let value: string;
    if (spec.fixed) {
      value = text.slice(i, i + spec.length);
      i += spec.length;
    } else {
      const end = text.indexOf(GS, i);
      value = end === -1 ? text.slice(i) : text.slice(i, end);
      i = end === -1 ? text.length : end + 1;
    }
    setField(fields, ai, value, referenceYear);
  }
  return fields;
}

/**
 * Reads one scan. Throws ScanError: `invalid_check_digit` for a GTIN or SSCC whose check digit
 * is wrong, `invalid_barcode` for anything else it cannot read.
 */
export function parseScan(raw: string, options: { referenceYear?: number } = {}): Scan {
  const referenceYear = options.referenceYear ?? 2026;
  let text = normalise(raw);
  if (text.length === 0) throw new ScanError('invalid_barcode', 'Empty scan');
  if (text.length > 500) throw new ScanError('invalid_barcode', 'Scan too long');
  let gs1Symbology = false;
  if (text.startsWith(']') && text.length >= 3) {
    gs1Symbology = GS1_SYMBOLOGIES.has(text.slice(0, 3));
    text = text.slice(3);
  }
  if (text.startsWith('FP1:')) return parseInternal(text, raw);
  if (text.startsWith(GS)) text = text.slice(1); // FNC1 in first position, sent as GS by some wedges
  const fields = text.startsWith('(') ? parseHumanReadable(text, referenceYear) : parseElementString(text, referenceYear);
  if (!gs1Symbology && Object.keys(fields).length === 0) throw new ScanError('invalid_barcode', 'No GS1 data');
  return { kind: 'gs1', raw, ...fields };
}

/** YYYY-MM-DD to YYMMDD (the real day: the encoder never writes day 00). */
function toYymmdd(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ScanError('invalid_barcode', `Date ${date} is not YYYY-MM-DD`);
  return date.slice(2).replaceAll('-', '');
}

/**
 * The element string of a batch label: fixed-length AIs first (01, 11, 17), then the
 * variable ones (10, 21, 30), with GS only after a variable field that another follows.
 * Example: {gtin 09506000134352, expiry 2027-12-31, lot ABC123} gives
 * "0109506000134352" + "17271231" + "10ABC123".
 */
export function gs1ElementString(f: { gtin: string; expiry?: string; lot?: string; production?: string; serial?: string; count?: number }, options: { humanReadable?: boolean } = {}): string {
  const gtin = normaliseGtin(f.gtin);
  if (!/^\d{14}$/.test(gtin)) throw new ScanError('invalid_barcode', `GTIN ${f.gtin} is not digits`);
  if (!hasValidCheckDigit(gtin)) throw new ScanError('invalid_check_digit', `GTIN ${f.gtin}: wrong check digit`);
  const fixed: [string, string][] = [['01', gtin]];
  if (f.production) fixed.push(['11', toYymmdd(f.production)]);
  if (f.expiry) fixed.push(['17', toYymmdd(f.expiry)]);
  const variable: [string, string][] = [];
  for (const [ai, value] of [
    ['10', f.lot],
    ['21', f.serial],
  ] as const) {
    if (value === undefined) continue;
    if (value.length === 0 || value.length > 20 || !CSET82.test(value)) throw new ScanError('invalid_barcode', `(${ai}) must be 1-20 GS1 characters`);
    variable.push([ai, value]);
  }
  if (f.count !== undefined) {
    if (!Number.isSafeInteger(f.count) || f.count < 0 || f.count > 99_999_999) throw new ScanError('invalid_barcode', 'Count must be 0-99999999');
    variable.push(['30', String(f.count)]);
  }
  const all = [...fixed, ...variable];
  if (options.humanReadable) return all.map(([ai, v]) => `(${ai})${v}`).join('');
  return fixed.map(([ai, v]) => ai + v).join('') + variable.map(([ai, v]) => ai + v).join(GS);
}

/** The project's own label text for a batch, a storage zone or a document. */
export function internalLabel(
  x: { kind: 'batch'; batchId: number } | { kind: 'zone'; depotCode: string; zone: (typeof STORAGE_ZONE_CODES)[number] } | { kind: 'document'; documentType: string; id: number },
): string {
  switch (x.kind) {
    case 'batch':
      return `FP1:B:${x.batchId}`;
    case 'zone':
      return `FP1:Z:${x.depotCode}:${x.zone}`;
    case 'document':
      return `FP1:D:${x.documentType}:${x.id}`;
  }
}
