/**
 * A keyboard-wedge scanner types a whole code in a few milliseconds and ends with Enter; a
 * person types a key every 100 ms or more. A burst of fast keys ending in Enter is therefore a
 * scan wherever the focus is (the quantity field, a reason field, the page itself): its
 * characters are taken back out of the field they landed in and go to the screen's scan
 * handler. The scan field itself reads its own Enter (ScanField.tsx).
 */

/** Keys closer together than this belong to one burst; 50 ms is twice a slow scanner's pace and half a fast typist's. */
export const BURST_GAP_MS = 50;
/** The shortest code a scanner sends: a batch label FP1:B:1 has 7 characters, a GTIN-8 8. */
export const BURST_MIN_LENGTH = 4;

export interface BurstDetector {
  /** A character arrived at `at` ms; true when it starts a new run (the field is worth remembering then). */
  char(c: string, at: number): boolean;
  /** Enter arrived at `at` ms: the run's text when it is a burst, else null. Either way the run ends. */
  enter(at: number): string | null;
  reset(): void;
}

/**
 * Example with the defaults: "F" at 0, "P" at 4, "1" at 9, ":" at 12, Enter at 20 is the burst
 * "FP1:"; "4" at 0, "7" at 120, Enter at 300 is a person typing 47 (null); a person's "4" at 0
 * then a scanner's "FP1:B:9" from 400 to 430 and Enter at 436 is the burst "FP1:B:9", the "4"
 * staying where it was typed.
 */
export function createBurstDetector({ maxGapMs = BURST_GAP_MS, minLength = BURST_MIN_LENGTH } = {}): BurstDetector {
  let text = '';
  let last = Number.NEGATIVE_INFINITY;
  const reset = () => {
    text = '';
    last = Number.NEGATIVE_INFINITY;
  };
  return {
    char(c, at) {
      const fresh = at - last > maxGapMs;
      if (fresh) text = '';
      text += c;
      last = at;
      return fresh;
    },
    enter(at) {
      const burst = at - last <= maxGapMs && text.length >= minLength ? text : null;
      reset();
      return burst;
    },
    reset,
  };
}

type Editable = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const isEditable = (el: EventTarget | null): el is Editable =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;

/** A field as it was before a run of keys started, to put back when the run turns out to be a scan. */
interface Snapshot {
  field: Editable;
  value: string;
}

function restore(snapshot: Snapshot | null) {
  if (!snapshot) return;
  const { field, value } = snapshot;
  const changed = field.value !== value;
  // Set even when equal: a number field shows typed text its value does not hold.
  field.value = value;
  if (!changed) return;
  // The screen's state follows the field through its input and change handlers.
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

export interface BurstOptions {
  /** The scan fields read their own keys. */
  ignore: (target: Element) => boolean;
  onBurst: (raw: string, target: EventTarget | null) => void;
  maxGapMs?: number;
  minLength?: number;
}

/**
 * Watches the document's keys (capture phase, before any field or form sees them) and calls
 * `onBurst` for each burst that lands outside a scan field. Characters that come without a key
 * (a scanner's GS separator sent as text) count through `beforeinput`. Returns the stop function.
 */
export function watchBursts(doc: Document, options: BurstOptions): () => void {
  const detector = createBurstDetector(options);
  let snapshot: Snapshot | null = null;
  // A printable key whose insertion (beforeinput) is still to come: counted once, at its keydown.
  let keyPending = false;

  const ignored = (target: EventTarget | null) => target instanceof Element && options.ignore(target);
  const take = (c: string, at: number, target: EventTarget | null) => {
    if (detector.char(c, at)) snapshot = isEditable(target) ? { field: target, value: target.value } : null;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (ignored(e.target)) {
      detector.reset();
      return;
    }
    if (e.key === 'Enter') {
      const raw = detector.enter(e.timeStamp);
      if (raw === null) return;
      // Not a submit, not a click on the focused button: a scan.
      e.preventDefault();
      e.stopPropagation();
      restore(snapshot);
      snapshot = null;
      options.onBurst(raw, e.target);
      return;
    }
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      take(e.key, e.timeStamp, e.target);
      keyPending = true;
    }
  };
  const onBeforeInput = (e: InputEvent) => {
    if (ignored(e.target) || e.inputType !== 'insertText' || !e.data) return;
    if (keyPending) {
      keyPending = false;
      return;
    }
    for (const c of e.data) take(c, e.timeStamp, e.target);
  };
  const onKeyUp = () => {
    keyPending = false;
  };

  doc.addEventListener('keydown', onKeyDown, true);
  doc.addEventListener('beforeinput', onBeforeInput, true);
  doc.addEventListener('keyup', onKeyUp, true);
  return () => {
    doc.removeEventListener('keydown', onKeyDown, true);
    doc.removeEventListener('beforeinput', onBeforeInput, true);
    doc.removeEventListener('keyup', onKeyUp, true);
  };
}
