/**
 * Immediate feedback for a scan: a short high beep for accepted, a low double beep for
 * refused, and a vibration where the device has one. Web Audio, no sound files.
 */
let audio: AudioContext | null = null;

function tone(frequency: number, start: number, duration: number) {
  audio ??= new AudioContext();
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.frequency.value = frequency;
  gain.gain.value = 0.15;
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
