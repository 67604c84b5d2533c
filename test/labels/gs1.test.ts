import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { GS, ScanError, gs1ElementString, gtinCheckDigit, internalLabel, isValidGtin, parseScan, type Scan } from '../../labels/gs1.ts';

/**
 * ../shared/fixtures/gs1-scans.json beside the repository (FP_SHARED_DIR overrides) when it is
 * there, and the copy kept with this test otherwise (a clone elsewhere, CI); the two must agree.
 */
const sharedFile = join(process.env.FP_SHARED_DIR ?? join(process.cwd(), '..', 'shared'), 'fixtures', 'gs1-scans.json');
const copyFile = join(import.meta.dirname, 'gs1-scans.json');
const fixtureFile = existsSync(sharedFile) ? sharedFile : copyFile;

interface Vector {
  name: string;
  scan: string;
  expect?: Record<string, string | number>;
  error?: string;
}

const vectors: Vector[] = existsSync(fixtureFile) ? JSON.parse(readFileSync(fixtureFile, 'utf8')).vectors : [];

const codeOf = (raw: string) => {
  try {
    parseScan(raw);
    return 'parsed';
  } catch (e) {
    return e instanceof ScanError ? e.code : `not a ScanError: ${String(e)}`;
  }
};

const fieldsOf = (s: Scan) => {
  const { kind: _k, raw: _r, ...fields } = s as Scan & Record<string, unknown>;
  return fields;
};

describe('scanner fixtures (shared/fixtures/gs1-scans.json)', () => {
  it('are present, and the copy beside this test is the shared file', () => {
    expect(vectors.length, `no fixtures at ${fixtureFile}`).toBeGreaterThan(10);
    expect(JSON.parse(readFileSync(copyFile, 'utf8'))).toEqual(JSON.parse(readFileSync(fixtureFile, 'utf8')));
  });

  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    if (v.error) {
      expect(codeOf(v.scan)).toBe(v.error);
      return;
    }
    const scan = parseScan(v.scan);
    expect(scan.kind).toBe('gs1');
    expect(fieldsOf(scan)).toEqual(v.expect);
  });
});

describe('GS1 element strings beyond the fixtures', () => {
  it('reads an SSCC (00) and checks its check digit', () => {
    expect(parseScan('(00)106141411234567897')).toMatchObject({ sscc: '106141411234567897' });
    expect(codeOf('00106141411234567890')).toBe('invalid_check_digit');
  });

  it('accepts GS written as <GS> or {GS}, CR/LF and a leading FNC1', () => {
    expect(parseScan('010690123456789210LOT9<GS>17270101\r\n')).toMatchObject({ lot: 'LOT9', expiry: '2027-01-01' });
    expect(parseScan(`]C1${GS}0106901234567892{GS}`)).toMatchObject({ gtin: '06901234567892' });
  });

  it('splits off and ignores GS1 AIs this product does not read', () => {
    expect(fieldsOf(parseScan('(01)09521234543213(3103)000123'))).toEqual({ gtin: '09521234543213' });
    expect(fieldsOf(parseScan(`]d2010952123454321331030001231728113091ABC${GS}10L1`))).toEqual({ gtin: '09521234543213', expiry: '2028-11-30', lot: 'L1' });
  });

  it('refuses numbers that are no AI, bad characters, empty and non-GS1 input', () => {
    expect(codeOf(']d20109521234543213891')).toBe('invalid_barcode');
    expect(codeOf('0106901234567892' + '10LOT#1')).toBe('invalid_barcode');
    expect(codeOf('')).toBe('invalid_barcode');
    expect(codeOf('hello world')).toBe('invalid_barcode');
    expect(codeOf('(17)270231')).toBe('invalid_barcode'); // 31 February
  });

  it('puts two-digit years in the century nearest the reference year', () => {
    expect(parseScan('(17)760101').kind === 'gs1' && (parseScan('(17)760101') as { expiry: string }).expiry).toBe('2076-01-01');
    expect((parseScan('(11)770101') as { production: string }).production).toBe('1977-01-01');
  });

  it('computes GTIN check digits', () => {
    expect(gtinCheckDigit('950600013435')).toBe(2);
    expect(isValidGtin('9506000134352')).toBe(true);
    expect(isValidGtin('06901234567892')).toBe(true);
    expect(isValidGtin('06901234567891')).toBe(false);
    expect(isValidGtin('12345')).toBe(false);
  });
});

describe('internal labels', () => {
  it('read batches, zones and documents', () => {
    expect(parseScan('FP1:B:42')).toEqual({ kind: 'batch', batchId: 42, raw: 'FP1:B:42' });
    expect(parseScan('FP1:Z:640121:nonconforming')).toMatchObject({ kind: 'zone', depotCode: '640121', zone: 'nonconforming' });
    expect(parseScan(']Q1FP1:D:receipt:7')).toMatchObject({ kind: 'document', documentType: 'receipt', id: 7 });
    expect(codeOf('FP1:B:0')).toBe('invalid_barcode');
    expect(codeOf('FP1:Z:640121:blue')).toBe('invalid_barcode');
  });

  it('read the same under identifiers of non-GS1 symbols (plain DataMatrix, Code 128, QR)', () => {
    expect(parseScan(']d1FP1:B:12')).toMatchObject({ kind: 'batch', batchId: 12 });
    expect(parseScan(']C0FP1:Z:640121:pending')).toMatchObject({ kind: 'zone', depotCode: '640121', zone: 'pending' });
    expect(codeOf(']C00106901234567892')).toBe('invalid_barcode');
  });
});

const cset82 = fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!"%&\'()*+,-./:;<=>?_'.split(''));
const fieldsArb = fc.record(
  {
    gtin: fc.stringMatching(/^\d{13}$/).map((body) => body + gtinCheckDigit(body)),
    lot: fc.array(cset82, { minLength: 1, maxLength: 20 }).map((a) => a.join('')),
    expiry: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2049-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    production: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2049-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    serial: fc.array(cset82, { minLength: 1, maxLength: 20 }).map((a) => a.join('')),
    count: fc.integer({ min: 1, max: 1_000_000 }),
  },
  { requiredKeys: ['gtin'] },
);

describe('round trips (fast-check)', () => {
  it('parses back what the label encoder writes, with every prefix and in human-readable form', () => {
    fc.assert(
      fc.property(fieldsArb, (f) => {
        for (const prefix of ['', ']d2', ']C1', ']Q3']) expect(fieldsOf(parseScan(prefix + gs1ElementString(f)))).toEqual(f);
        // Human-readable: parentheses in a lot or serial would be ambiguous there.
        if (!/[()]/.test(`${f.lot ?? ''}${f.serial ?? ''}`)) expect(fieldsOf(parseScan(gs1ElementString(f, { humanReadable: true })))).toEqual(f);
      }),
      { numRuns: 300 },
    );
  });

  it('reads the same whatever AIs the product ignores stand around the fields', () => {
    const ignored = fc.oneof(
      fc.stringMatching(/^\d{6}$/).map((v) => ({ front: `3103${v}`, back: `${GS}3103${v}` })),
      fc.array(cset82, { minLength: 1, maxLength: 30 }).map((a) => ({ front: `240${a.join('')}${GS}`, back: `${GS}240${a.join('')}` })),
      fc.array(cset82, { minLength: 1, maxLength: 90 }).map((a) => ({ front: `91${a.join('')}${GS}`, back: `${GS}91${a.join('')}` })),
    );
    fc.assert(
      fc.property(fieldsArb, ignored, (f, x) => {
        const data = gs1ElementString(f);
        expect(fieldsOf(parseScan(`]d2${x.front}${data}`))).toEqual(f);
        expect(fieldsOf(parseScan(`]d2${data}${x.back}`))).toEqual(f);
      }),
    );
  });

  it('accepts an AI repeated with the same value and refuses one repeated with another', () => {
    fc.assert(
      fc.property(fieldsArb, fc.stringMatching(/^\d{13}$/), (f, body) => {
        const data = gs1ElementString(f);
        expect(fieldsOf(parseScan(`]d2${data}${GS}${data}`))).toEqual(f);
        const other = body + gtinCheckDigit(body);
        expect(codeOf(`]d2${data}${GS}01${other}`)).toBe(other === f.gtin ? 'parsed' : 'invalid_barcode');
      }),
    );
  });

  it('takes a count (30) of 1 to 1,000,000 only', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        expect(codeOf(`]d2010690123456789230${n}`)).toBe(n >= 1 && n <= 1_000_000 ? 'parsed' : 'invalid_barcode');
      }),
    );
  });

  it('reads bare 8-, 12- and 13-digit codes as EAN/UPC GTINs and checks their check digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(\d{7}|\d{11}|\d{12})$/), fc.integer({ min: 1, max: 9 }), (body, shift) => {
        const code = body + gtinCheckDigit(body);
        expect(fieldsOf(parseScan(code))).toEqual({ gtin: code.padStart(14, '0') });
        expect(codeOf(body + ((gtinCheckDigit(body) + shift) % 10))).toBe('invalid_check_digit');
      }),
    );
  });

  it('round-trips internal labels', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.stringMatching(/^\d{2,12}$/), fc.constantFrom('pending', 'qualified', 'nonconforming' as const), (id, code, zone) => {
        expect(parseScan(internalLabel({ kind: 'batch', batchId: id }))).toMatchObject({ kind: 'batch', batchId: id });
        expect(parseScan(internalLabel({ kind: 'zone', depotCode: code, zone }))).toMatchObject({ kind: 'zone', depotCode: code, zone });
        expect(parseScan(internalLabel({ kind: 'document', documentType: 'transfer_order', id }))).toMatchObject({ kind: 'document', id });
      }),
    );
  });

  it('never throws anything but a ScanError, whatever arrives', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.array(fc.constantFrom('0', '1', '7', GS, '(', ')', ']', 'd', '2'), { maxLength: 60 }).map((a) => a.join(''))), (s) => {
        expect(codeOf(s)).not.toMatch(/^not a ScanError/);
      }),
      { numRuns: 2000 },
    );
  });
});
