/**
 * One parser for what scanners send, keyboard wedge or camera alike: GS1 element strings
 * (DataMatrix, GS1-128, GS1 QR, DataBar Expanded, DotCode; FNC1 as the GS character U+001D, or
 * the human-readable form with parentheses; with or without an AIM symbology identifier),
 * EAN/UPC product codes, and the project's own internal labels (FP1:...). Every AI of the GS1
 * Barcode Syntax Dictionary is split off by its own rules (labels/gs1-ai-table.ts); only the
 * ones the product uses reach the result. Pure: no I/O, no clock; the reference year for
 * two-digit years is a parameter.
 */
import { aiAt, aiEntry, matchesPattern, type AiEntry } from './gs1-ai-table.ts';

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

/** EAN/UPC identifiers and the digits they carry: ]E0 EAN-13 (UPC-A as 13 with a leading 0), ]E4 EAN-8. */
const EAN_DIGITS: Record<string, number> = { ']E0': 13, ']E4': 8 };

/** A count read from (30) or (37) is a quantity like a typed one: GS1 allows up to 99999999. */
const MAX_COUNT = 1_000_000;

/** The AIs this product reads. Every other AI of the Syntax Dictionary is split off and ignored. */
const FIELDS: Record<string, { field: keyof Gs1Fields; type: 'key' | 'date' | 'cset82' | 'count' }> = {
  '00': { field: 'sscc', type: 'key' },
  '01': { field: 'gtin', type: 'key' },
  '02': { field: 'containedGtin', type: 'key' },
  '10': { field: 'lot', type: 'cset82' },
  '11': { field: 'production', type: 'date' },
  '17': { field: 'expiry', type: 'date' },
  '21': { field: 'serial', type: 'cset82' },
  '30': { field: 'count', type: 'count' },
  '37': { field: 'count', type: 'count' },
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

const invalid = (detail: string) => new ScanError('invalid_barcode', detail);

/** One AI and its value as the scan carries them. */
interface Element {
  ai: string;
  value: string;
}

const minLength = (entry: AiEntry) => entry.components.reduce((sum, c) => sum + (c.optional ? 0 : c.min), 0);
const maxLength = (entry: AiEntry) => entry.components.reduce((sum, c) => sum + c.max, 0);

/**
 * How many characters of `data` an AI's components take, as GS1's Syntax Engine applies them:
 * each takes its length (the last one up to its maximum), optional ones may be missing once the
 * data runs out. Example: (7007) is N6 [N6], so it takes 6 or 12 digits and refuses 7.
 */
function fitComponents(ai: string, entry: AiEntry, data: string): number {
  if (data.length === 0) throw invalid(`AI (${ai}) has no data`);
  let used = 0;
  for (const c of entry.components) {
    const length = Math.min(data.length - used, c.max);
    if (c.optional && length === 0) continue;
    if (length < c.min) throw invalid(`AI (${ai}) is too short`);
    used += length;
  }
  return used;
}

/**
 * `0109506...1727123110ABC123`: predefined-length AIs end by length, every other one at GS or
 * at the end. Yields each element as soon as it is split, so that its content is checked before
 * the next one is split, as the Syntax Engine does.
 */
function* splitElementString(data: string): Generator<Element> {
  let i = 0;
  while (i < data.length) {
    const ai = aiAt(data, i);
    if (!ai) throw invalid(`No GS1 application identifier at position ${i + 1}`);
    const entry = aiEntry(ai)!;
    i += ai.length;
    const gs = data.indexOf(GS, i);
    const value = data.slice(i, i + fitComponents(ai, entry, data.slice(i, gs === -1 ? data.length : gs)));
    i += value.length;
    if (!entry.predefined && i < data.length && data[i] !== GS) throw invalid(`AI (${ai}) is longer than ${maxLength(entry)} characters`);
    if (data[i] === GS) i += 1; // one GS ends a field; after a predefined-length one it is allowed as well
    yield { ai, value };
  }
}

/** `(01)0950...(17)271231(10)ABC`: each AI in parentheses, its value up to the next "(". */
function splitHumanReadable(text: string): Element[] {
  const elements: Element[] = [];
  let i = 0;
  while (i < text.length) {
    const close = text.indexOf(')', i);
    if (text[i] !== '(' || close === -1) throw invalid('Not a GS1 element string');
    const ai = text.slice(i + 1, close);
    const entry = /^\d{2,4}$/.test(ai) ? aiEntry(ai) : undefined;
    if (!entry) throw invalid(`(${ai.slice(0, 8)}) is not a GS1 application identifier`);
    const next = text.indexOf('(', close + 1);
    const value = text.slice(close + 1, next === -1 ? text.length : next);
    if (value.length < minLength(entry) || value.length > maxLength(entry)) {
      throw invalid(`AI (${ai}) needs ${minLength(entry)}-${maxLength(entry)} characters, got ${value.length}`);
    }
    if (value.includes(GS)) throw invalid(`AI (${ai}) holds a GS`);
    elements.push({ ai, value });
    i = close + 1 + value.length;
  }
  // Lengths first, then components and content, in the Syntax Engine's order.
  for (const { ai, value } of elements) fitComponents(ai, aiEntry(ai)!, value);
  return elements;
}

/** The value of an AI this product reads, its content checked. */
function fieldValue(ai: string, value: string, referenceYear: number): string | number {
  switch (FIELDS[ai].type) {
    case 'key':
      if (!/^\d+$/.test(value)) throw invalid(`AI (${ai}) must be digits`);
      if (!hasValidCheckDigit(value)) throw new ScanError('invalid_check_digit', `AI (${ai}) ${value}: wrong check digit`);
      return value;
    case 'date':
      return gs1Date(value, referenceYear);
    case 'cset82':
      if (!CSET82.test(value)) throw invalid(`AI (${ai}) has characters GS1 does not allow`);
      return value;
    case 'count': {
      const count = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!(count >= 1 && count <= MAX_COUNT)) throw invalid(`AI (${ai}) count ${value} is not 1-${MAX_COUNT}`);
      return count;
    }
  }
}

/** Pairs the Syntax Dictionary forbids (ex=), e.g. (01) with (37); an AI never excludes itself. */
function checkExclusions(elements: readonly Element[]): void {
  const ais = new Set(elements.map((e) => e.ai));
  for (const ai of ais) {
    for (const pattern of aiEntry(ai)!.excludes) {
      const other = [...ais].find((o) => o !== ai && matchesPattern(o, pattern));
      if (other) throw invalid(`AIs (${ai}) and (${other}) must not appear together`);
    }
  }
}

/** Reads split elements: our AIs into fields, the others only split off. */
function readElements(elements: Iterable<Element>, referenceYear: number): Gs1Fields {
  const seen: Element[] = [];
  const read: [keyof Gs1Fields, string | number][] = [];
  for (const e of elements) {
    seen.push(e);
    if (FIELDS[e.ai]) read.push([FIELDS[e.ai].field, fieldValue(e.ai, e.value, referenceYear)]);
  }
  checkExclusions(seen);
  const valueOf = new Map<string, string>();
  for (const { ai, value } of seen) {
    // The same AI twice is fine when both carriers of a carton say the same (GS1 repeated-AI rule).
    if ((valueOf.get(ai) ?? value) !== value) throw invalid(`AI (${ai}) appears twice with different values`);
    valueOf.set(ai, value);
  }
  const fields: Record<string, string | number> = {};
  for (const [field, value] of read) {
    // (30) and (37) both give the count: two different counts leave the quantity unknown.
    if ((fields[field] ?? value) !== value) throw invalid(`Two different values for ${field}`);
    fields[field] = value;
  }
  return fields as Gs1Fields;
}

/** An EAN-13, UPC-A or EAN-8 product code as a GTIN-14. */
function productCode(digits: string): Gs1Fields {
  if (!hasValidCheckDigit(digits)) throw new ScanError('invalid_check_digit', `Product code ${digits}: wrong check digit`);
  return { gtin: normaliseGtin(digits) };
}

function readGs1(text: string, symbology: string | undefined, referenceYear: number): Gs1Fields {
  if (symbology !== undefined && EAN_DIGITS[symbology]) {
    if (text.length !== EAN_DIGITS[symbology] || !/^\d+$/.test(text)) throw invalid(`${symbology} carries ${EAN_DIGITS[symbology]} digits`);
    return productCode(text);
  }
  if (symbology !== undefined && !GS1_SYMBOLOGIES.has(symbology)) throw invalid(`${symbology} does not carry GS1 data`);
  // Without an identifier: a bare product code as EAN/UPC symbols carry it, else GS1 data.
  if (symbology === undefined && /^(\d{8}|\d{12}|\d{13})$/.test(text)) return productCode(text);
  if (symbology === undefined && text.startsWith('(')) return readElements(splitHumanReadable(text), referenceYear);
  if (text.startsWith(GS)) text = text.slice(1); // FNC1 in first position, sent as GS by some wedges
  if (text.length === 0) throw invalid('GS1 symbol with no data');
  return readElements(splitElementString(text), referenceYear);
}

/**
 * Reads one scan. Throws ScanError: `invalid_check_digit` for a GTIN, EAN/UPC code or SSCC
 * whose check digit is wrong, `invalid_barcode` for anything else it cannot read or GS1 forbids
 * (a repeated AI with another value, a pair excluded by the Syntax Dictionary, a count outside
 * 1..1,000,000).
 */
export function parseScan(raw: string, options: { referenceYear?: number } = {}): Scan {
  const referenceYear = options.referenceYear ?? 2026;
  let text = normalise(raw);
  if (text.length === 0) throw invalid('Empty scan');
  if (text.length > 500) throw invalid('Scan too long');
  const symbology = text.startsWith(']') ? text.slice(0, 3) : undefined;
  if (symbology !== undefined) text = text.slice(3);
  // The project's own labels, in whatever symbology they were printed (Code 128, DataMatrix, QR).
  if (text.startsWith('FP1:')) return parseInternal(text, raw);
  return { kind: 'gs1', raw, ...readGs1(text, symbology, referenceYear) };
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
    if (!Number.isSafeInteger(f.count) || f.count < 1 || f.count > MAX_COUNT) throw new ScanError('invalid_barcode', `Count must be 1-${MAX_COUNT}`);
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
