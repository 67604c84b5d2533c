/**
 * What a storekeeper notices from a metre away, without looking at the text: the whole screen
 * flashes green (taken), amber (taken with a caveat: saved to send later, half a carton, a lot
 * off first-expiry-first-out) or red (refused), with a sound for each: a short high beep, a
 * double beep, a low long tone. Web Audio, no sound files; a vibration where there is one.
 */
export type FeedbackKind = 'ok' | 'warn' | 'error';

const FLASH_MS = 700;

let audio: AudioContext | null = null;
let overlay: HTMLDivElement | null = null;
let clearTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * One overlay over the whole viewport, above everything and never in the way of a click
 * (scan.css); `data-last` keeps the last colour for tests and screenshots after it faded.
 */
function flashScreen(kind: FeedbackKind) {
  if (!overlay) {
    overlay = document.createElement('div');
    overlay.className = 'scan-flash';
    overlay.dataset.testid = 'scan-flash';
    overlay.setAttribute('aria-hidden', 'true');
    document.body.append(overlay);
  }
  const el = overlay;
  el.dataset.kind = kind;
  el.dataset.last = kind;
  // Restart the animation when the same colour flashes again.
  el.dataset.active = 'false';
  void el.offsetWidth;
  el.dataset.active = 'true';
  clearTimeout(clearTimer);
  clearTimer = setTimeout(() => (el.dataset.active = 'false'), FLASH_MS);
}

function tone(frequency: number, start: number, duration: number, volume = 0.15) {
  audio ??= new AudioContext();
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.frequency.value = frequency;
  gain.gain.value = volume;
  osc.connect(gain).connect(audio.destination);
  osc.start(audio.currentTime + start);
  osc.stop(audio.currentTime + start + duration);
}

const SOUNDS: Record<FeedbackKind, () => void> = {
  ok: () => tone(1760, 0, 0.08),
  warn: () => {
    tone(880, 0, 0.09);
    tone(880, 0.16, 0.09);
  },
  error: () => tone(196, 0, 0.6, 0.2),
};
const VIBRATIONS: Record<FeedbackKind, number | number[]> = { ok: 40, warn: [60, 60, 60], error: 400 };

/** `true` and `false` are the old ok and refused. */
export function feedback(kind: FeedbackKind | boolean) {
  const k: FeedbackKind = kind === true ? 'ok' : kind === false ? 'error' : kind;
  flashScreen(k);
  try {
    SOUNDS[k]();
    navigator.vibrate?.(VIBRATIONS[k]);
  } catch {
    // no audio device: the colour still tells
  }
}

/**
 * The camera read a code: a soft tick and a short buzz at once, so the storekeeper can move on
 * before the server answers; `feedback` then says accepted or refused as for a wedge scan.
 */
export function readFeedback() {
  try {
    tone(1320, 0, 0.03, 0.06);
    navigator.vibrate?.(30);
  } catch {
    // no audio device: the colour still tells
  }
}
