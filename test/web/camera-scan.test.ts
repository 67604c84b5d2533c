import { describe, it, expect } from 'vitest';
import bwipjs from 'bwip-js/node';
import { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } from '@zxing/library';
import { cameraProblemKey, chooseCamera, createDeduplicator, withSymbologyIdentifier } from '../../web/src/features/receiving/camera-scan.ts';
import { parseScan } from '../../labels/gs1.ts';

const GS = '\u001d';

describe('createDeduplicator', () => {
  it('ignores the same code within 1.5 s of its last sighting and lets a different code through', () => {
    let clock = 0;
    const isNew = createDeduplicator(1500, () => clock);
    const at = (ms: number, code: string) => ((clock = ms), isNew(code));
    expect(at(0, 'A')).toBe(true);
    expect(at(500, 'A')).toBe(false);
    expect(at(1900, 'A')).toBe(false); // 1400 ms after the sighting at 500
    expect(at(2000, 'B')).toBe(true);
    expect(at(2100, 'A')).toBe(true);
    expect(at(3599, 'A')).toBe(false);
    expect(at(5100, 'A')).toBe(true);
  });
});

describe('chooseCamera', () => {
  const cams = [
    { deviceId: 'front', label: 'camera2 1, facing front' },
    { deviceId: 'back', label: 'camera2 0, facing back' },
    { deviceId: 'usb', label: 'USB Camera' },
  ];
  it('keeps the camera chosen before while it is still there', () => {
    expect(chooseCamera(cams, 'usb')).toBe('usb');
  });
  it('prefers a back camera when none was chosen or the chosen one is gone', () => {
    expect(chooseCamera(cams, null)).toBe('back');
    expect(chooseCamera(cams, 'unplugged')).toBe('back');
  });
  it('leaves the choice to facingMode when labels are still hidden', () => {
    expect(chooseCamera([{ deviceId: 'a', label: '' }, { deviceId: 'b', label: '' }], null)).toBeUndefined();
  });
});

describe('cameraProblemKey', () => {
  it('tells a refusal, a busy camera and a missing camera apart', () => {
    expect(cameraProblemKey(new DOMException('denied', 'NotAllowedError'))).toBe('label.cameraDenied');
    expect(cameraProblemKey(new DOMException('busy', 'NotReadableError'))).toBe('label.cameraBusy');
    expect(cameraProblemKey(new DOMException('none', 'NotFoundError'))).toBe('label.noCamera');
    expect(cameraProblemKey(new Error('other'))).toBe('label.cameraFailed');
  });
});

/** Black modules on white, `scale` pixels each, with a quiet zone, as luminance bytes. */
function luminance(rows: number[][], scale: number, quiet: number) {
  const width = (rows[0].length + 2 * quiet) * scale;
  const height = (rows.length + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(width * height).fill(255);
  rows.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) pixels.fill(0, ((y + quiet) * scale + dy) * width + (x + quiet) * scale, ((y + quiet) * scale + dy) * width + (x + quiet + 1) * scale);
    }),
  );
  return new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, width, height)));
}

/** As camera-reader.ts asks, but for the one format at hand (other readers log their misses). */
function decode(bitmap: BinaryBitmap, format: BarcodeFormat) {
  const reader = new MultiFormatReader();
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [format]],
    [DecodeHintType.ASSUME_GS1, true],
  ]);
  const result = reader.decode(bitmap, hints);
  return { text: result.getText(), format: BarcodeFormat[result.getBarcodeFormat()] };
}

function matrix(bcid: string, text: string): number[][] {
  const [sym] = bwipjs.raw({ bcid, text }) as { pixs: number[]; pixx: number; pixy: number }[];
  return Array.from({ length: sym.pixy }, (_, y) => sym.pixs.slice(y * sym.pixx, (y + 1) * sym.pixx));
}

function bars(bcid: string, text: string): number[][] {
  const [sym] = bwipjs.raw({ bcid, text }) as { sbs: number[] }[];
  const row = sym.sbs.flatMap((w, i) => Array<number>(w).fill(i % 2 === 0 ? 1 : 0));
  return Array.from({ length: 30 }, () => row);
}

describe('what @zxing/library returns for GS1 symbols, and how the camera path keeps it GS1', () => {
  it('GS1 DataMatrix: zxing gives FNC1 as a leading GS; the camera sends ]d2 and parseScan reads lot and expiry', () => {
    const read = decode(luminance(matrix('gs1datamatrix', '(01)06901234567892(17)280115(10)CAM-01(21)S1'), 4, 2), BarcodeFormat.DATA_MATRIX);
    expect(read.format).toBe('DATA_MATRIX');
    expect(read.text).toBe(`${GS}010690123456789217280115` + `10CAM-01${GS}21S1`);
    const raw = withSymbologyIdentifier(read.text, read.format);
    expect(raw.startsWith(']d2010690')).toBe(true);
    expect(parseScan(raw)).toMatchObject({ kind: 'gs1', gtin: '06901234567892', expiry: '2028-01-15', lot: 'CAM-01', serial: 'S1' });
  });

  it('GS1-128: with ASSUME_GS1 zxing itself starts the text with ]C1 and keeps later FNC1 as GS', () => {
    const read = decode(luminance(bars('gs1-128', '(01)06901234567892(10)L1(17)280115'), 2, 10), BarcodeFormat.CODE_128);
    expect(read.format).toBe('CODE_128');
    expect(read.text).toBe(`]C1010690123456789210L1${GS}17280115`);
    expect(withSymbologyIdentifier(read.text, read.format)).toBe(read.text);
    expect(parseScan(read.text)).toMatchObject({ gtin: '06901234567892', lot: 'L1', expiry: '2028-01-15' });
  });

  it('GS1 QR: the FNC1 mode is not reported, a GS between fields is; with it the read gets ]Q3', () => {
    const read = decode(luminance(matrix('gs1qrcode', '(01)06901234567892(10)Q1(17)280115'), 4, 4), BarcodeFormat.QR_CODE);
    expect(read.format).toBe('QR_CODE');
    expect(read.text).toBe(`010690123456789210Q1${GS}17280115`);
    const raw = withSymbologyIdentifier(read.text, read.format);
    expect(raw).toBe(`]Q3${read.text}`);
    expect(parseScan(raw)).toMatchObject({ gtin: '06901234567892', lot: 'Q1', expiry: '2028-01-15' });
  });

  it('leaves the project’s own labels and plain text as they are', () => {
    expect(withSymbologyIdentifier('FP1:B:12', 'QR_CODE')).toBe('FP1:B:12');
    expect(withSymbologyIdentifier('FP1:B:12', 'DATA_MATRIX')).toBe('FP1:B:12');
    expect(withSymbologyIdentifier(`]C1010690123456789210L1`, 'CODE_128')).toBe(`]C1010690123456789210L1`);
  });
});
