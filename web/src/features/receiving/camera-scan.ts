/**
 * Pure rules of camera scanning, apart from zxing so that they load with the screen and run in
 * unit tests: which reads go through, which camera to open, how a read keeps its GS1 meaning,
 * and which message a failed start shows.
 */
import type { MessageKey } from '../../i18n/index.ts';

/**
 * The same code seen again within this many milliseconds is the same carton still in view. A busy
 * phone or PC decodes some frames slowly: a 1.5 s window let a label held still count twice when
 * decoding stalled (seen on a loaded two-core machine); 3 s does not.
 */
export const SAME_CODE_WINDOW_MS = 3000;

/**
 * A filter for continuous camera reads: returns true for a read that should go to `onScan`.
 * Every sighting of a code restarts its window, so a label held in front of the camera counts
 * once however long it stays; to count the same label again, take it out of view for the
 * window. A different code always goes through.
 * Example with windowMs 1500: A at 0 ms passes, A at 500 and at 1900 are ignored (each within
 * 1500 ms of the previous sighting), B at 2000 passes, A at 2100 passes (B came between),
 * A at 4000 passes (1900 ms since 2100).
 */
export function createDeduplicator(windowMs: number, now: () => number): (code: string) => boolean {
  let last: { code: string; at: number } | null = null;
  return (code) => {
    const at = now();
    const repeat = last !== null && last.code === code && at - last.at < windowMs;
    last = { code, at };
    return !repeat;
  };
}

export interface CameraChoice {
  deviceId: string;
  label: string;
}

const BACK_CAMERA = /back|rear|environment|后置|背面/i;

/**
 * The camera to open: the one chosen before if it is still there, else one whose label says it
 * faces away from the user (labels are empty until the camera was allowed once), else none, and
 * the caller asks for `facingMode: environment`.
 */
export function chooseCamera(cameras: readonly CameraChoice[], stored: string | null): string | undefined {
  if (stored && cameras.some((c) => c.deviceId === stored)) return stored;
  return cameras.find((c) => BACK_CAMERA.test(c.label))?.deviceId;
}

const GS = '\u001d';

/**
 * The text of a camera read as a wedge scanner would send it, so that labels/gs1.ts parseScan
 * sees GS1 data as GS1. What @zxing/library 0.21 returns (its decoders, not its docs):
 * - DATA_MATRIX: an FNC1 codeword becomes GS, the leading one included, and no metadata says
 *   GS1; a leading GS is that FNC1 in first position, which is GS1 DataMatrix: `]d2` replaces it.
 * - CODE_128: with the ASSUME_GS1 hint (camera-reader.ts sets it) the reader itself starts a
 *   GS1-128 read with `]C1` and turns later FNC1 into GS; without the hint it drops every FNC1.
 *   A text that already starts with `]` is left alone.
 * - QR_CODE: the FNC1 mode is not reported (no metadata, no prefix) but turns `%` into GS; a
 *   GS in the text therefore means GS1 QR: `]Q3`. A GS1 QR without any GS still parses, as an
 *   element string without identifier.
 */
export function withSymbologyIdentifier(text: string, format: string): string {
  if (text.startsWith(']')) return text;
  if (format === 'DATA_MATRIX' && text.startsWith(GS)) return `]d2${text.slice(1)}`;
  if (format === 'CODE_128' && text.startsWith(GS)) return `]C1${text.slice(1)}`;
  if (format === 'QR_CODE' && text.includes(GS)) return `]Q3${text.startsWith(GS) ? text.slice(1) : text}`;
  return text;
}

/** The message for a camera that would not start, by the DOMException name getUserMedia gave. */
export function cameraProblemKey(error: unknown): MessageKey {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'label.cameraDenied';
    case 'NotReadableError':
    case 'AbortError':
      return 'label.cameraBusy';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'label.noCamera';
    default:
      return 'label.cameraFailed';
  }
}
