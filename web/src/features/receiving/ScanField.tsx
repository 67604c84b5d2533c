import { useEffect, useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n/index.ts';
import { cameraProblemKey, chooseCamera, createDeduplicator, SAME_CODE_WINDOW_MS, type CameraChoice } from './camera-scan.ts';
import type { CameraSession } from './camera-reader.ts';
import { readFeedback } from './scan-feedback.ts';
import { parseScan } from '../../../../labels/gs1.ts';
import { navigate, paths } from '../../router.ts';

const CAMERA_KEY = 'scan.camera';

/**
 * A document label (FP1:D:…) scanned into any scan field opens its document; everything else
 * is the screen's to handle. Returns whether the scan was taken here.
 */
export function openScannedDocument(raw: string): boolean {
  let scan;
  try {
    scan = parseScan(raw);
  } catch {
    return false;
  }
  if (scan.kind !== 'document') return false;
  if (scan.documentType === 'receipt') navigate(paths.receipt(scan.id));
  else if (scan.documentType === 'transfer_order' || scan.documentType === 'shipment') navigate(paths.transfer(scan.id));
  else return false;
  return true;
}

function storedCamera(): string | null {
  try {
    return localStorage.getItem(CAMERA_KEY);
  } catch {
    return null;
  }
}

function storeCamera(deviceId: string) {
  try {
    localStorage.setItem(CAMERA_KEY, deviceId);
  } catch {
    // private mode: the choice lasts until the page closes
  }
}

/**
 * The scan field of every storekeeper screen. A USB keyboard-wedge scanner types fast and ends
 * with Enter: the field keeps the focus and submits on Enter, GS characters included. The
 * camera (zxing, loaded only when asked for) reads continuously into the same `onScan`,
 * ignoring the same code seen again within 1.5 s (camera-scan.ts createDeduplicator).
 */
export function ScanField({ onScan, state, disabled }: { onScan: (raw: string) => void; state: 'idle' | 'ok' | 'error'; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  // The camera callback outlives renders; the screen's onScan closes over its latest quantity.
  const latestOnScan = useRef(onScan);
  latestOnScan.current = onScan;
  // A disabled field (a pick waiting for its FEFO reason) takes no camera reads either.
  const latestDisabled = useRef(disabled);
  latestDisabled.current = disabled;
  const session = useRef<CameraSession | null>(null);
  const mounted = useRef(true);
  const [running, setRunning] = useState(false);
  const [starting, setStarting] = useState(false);
  const [cameras, setCameras] = useState<CameraChoice[]>([]);
  const [deviceId, setDeviceId] = useState<string | undefined>(undefined);
  const [hasTorch, setHasTorch] = useState(false);
  const [torchOn, setTorchOn] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);

  useEffect(() => input.current?.focus(), [disabled]);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      session.current?.stop();
      session.current = null;
    };
  }, []);

  const submit = (value: string) => {
    const raw = value.replace(/[\r\n]+$/, '');
    if (raw && !openScannedDocument(raw)) onScan(raw);
  };

  function stopCamera() {
    session.current?.stop();
    session.current = null;
    setRunning(false);
    setHasTorch(false);
    setTorchOn(false);
  }

  async function startCamera(chosen?: string) {
    stopCamera();
    setProblem(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      // Browsers offer the camera only to https:// pages (and localhost).
      setProblem(window.isSecureContext === false ? 'label.cameraInsecure' : 'label.noCamera');
      return;
    }
    setStarting(true);
    try {
      const reader = await import('./camera-reader.ts');
      const wanted = chosen ?? chooseCamera(await reader.listCameras(), storedCamera());
      const isNew = createDeduplicator(SAME_CODE_WINDOW_MS, () => Date.now());
      const started = await reader.startCameraScan(video.current!, wanted, (raw) => {
        if (latestDisabled.current || !isNew(raw)) return;
        readFeedback();
        if (!openScannedDocument(raw)) latestOnScan.current(raw);
      });
      if (!mounted.current) {
        started.stop();
        return;
      }
      session.current = started;
      setRunning(true);
      setDeviceId(started.deviceId);
      setHasTorch(started.hasTorch);
      // Labels and the full list only come once the camera is allowed.
      setCameras(await reader.listCameras());
    } catch (e) {
      if (mounted.current) setProblem(cameraProblemKey(e));
    } finally {
      if (mounted.current) setStarting(false);
    }
  }

  async function toggleTorch() {
    const on = !torchOn;
    try {
      await session.current?.setTorch(on);
      setTorchOn(on);
    } catch {
      setHasTorch(false);
    }
  }

  return (
    <div class={`scan-field scan-${state}`} data-testid="scan-field" data-state={state} data-camera={running ? 'on' : 'off'}>
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
      {running ? (
        <button type="button" class="button" data-testid="camera-stop" onClick={stopCamera}>
          {t('button.stopCamera')}
        </button>
      ) : (
        <button type="button" class="button" data-testid="camera-start" disabled={disabled || starting} onClick={() => void startCamera()}>
          {t('button.camera')}
        </button>
      )}
      {running && cameras.length > 1 && (
        <label class="camera-choice">
          {t('label.camera')}
          <select
            data-testid="camera-select"
            value={deviceId}
            onChange={(e) => {
              const id = e.currentTarget.value;
              storeCamera(id);
              void startCamera(id);
            }}
          >
            {cameras.map((c, i) => (
              <option key={c.deviceId} value={c.deviceId}>
                {c.label || t('label.cameraNumber', { n: i + 1 })}
              </option>
            ))}
          </select>
        </label>
      )}
      {running && hasTorch && (
        <button type="button" class="button" data-testid="camera-torch" aria-pressed={torchOn} onClick={() => void toggleTorch()}>
          {t(torchOn ? 'button.torchOff' : 'button.torchOn')}
        </button>
      )}
      {problem && (
        <p class="note camera-problem" data-testid="camera-problem" data-problem={problem} role="alert">
          {t(problem)}
        </p>
      )}
      <video ref={video} class={running || starting ? 'scan-video' : 'hidden'} data-testid="camera-video" muted playsInline />
    </div>
  );
}
