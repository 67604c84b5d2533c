import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';

/**
 * The scan field of every storekeeper screen. A USB keyboard-wedge scanner types fast and ends
 * with Enter: the field keeps the focus and submits on Enter, GS characters included. The
 * camera (zxing, loaded only when asked for) feeds the same `onScan`, ignoring the same code
 * seen again within 1.5 s.
 */
export function ScanField({ onScan, state, disabled }: { onScan: (raw: string) => void; state: 'idle' | 'ok' | 'error'; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const [camera, setCamera] = useState<{ stop(): void } | null>(null);
  const [cameraProblem, setCameraProblem] = useState<string | null>(null);

  useEffect(() => input.current?.focus(), [disabled]);
  useEffect(() => () => camera?.stop(), [camera]);

  const submit = (value: string) => {
    const raw = value.replace(/[\r\n]+$/, '');
    if (raw) onScan(raw);
  };

  async function startCamera() {
    setCameraProblem(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setCameraProblem(t('label.noCamera'));
      return;
    }
    try {
      const { BrowserMultiFormatReader } = await import('@zxing/browser');
      const reader = new BrowserMultiFormatReader();
      let last = { text: '', at: 0 };
      const controls = await reader.decodeFromVideoDevice(undefined, video.current!, (result) => {
        if (!result) return;
        const text = result.getText();
        const now = Date.now();
        if (text === last.text && now - last.at < 1500) return;
        last = { text, at: now };
        onScan(text);
      });
      setCamera(controls);
    } catch {
      setCameraProblem(t('label.noCamera'));
    }
  }

  return (
    <div class={`scan-field scan-${state}`} data-testid="scan-field" data-state={state}>
      <label>
        {t('label.scanHere')}
        <input
          ref={input}
          data-testid="scan-input"
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          disabled={disabled}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            const el = e.currentTarget;
            submit(el.value);
            el.value = '';
          }}
        />
      </label>
      {camera ? (
        <button type="button" class="button" data-testid="camera-stop" onClick={() => (camera.stop(), setCamera(null))}>
          {t('button.stopCamera')}
        </button>
      ) : (
        <button type="button" class="button" data-testid="camera-start" disabled={disabled} onClick={() => void startCamera()}>
          {t('button.camera')}
        </button>
      )}
      {cameraProblem && (
        <p class="note" data-testid="camera-problem">
          {cameraProblem}
        </p>
      )}
      <video ref={video} class={camera ? 'scan-video' : 'hidden'} muted playsInline />
    </div>
  );
}
