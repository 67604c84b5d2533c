/**
 * Immediate feedback for a scan: a short high beep for accepted, a low double beep for
 * refused, and a vibration where the device has one. Web Audio, no sound files.
 */
let audio: AudioContext | null = null;

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

export function feedback(ok: boolean) {
  try {
    if (ok) tone(1760, 0, 0.08);
    else {
      tone(220, 0, 0.15);
      tone(220, 0.2, 0.15);
    }
    navigator.vibrate?.(ok ? 40 : [80, 60, 80]);
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
