import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../i18n/index.ts';
import { cameraProblemKey, chooseCamera, createDeduplicator, SAME_CODE_WINDOW_MS, type CameraChoice } from './camera-scan.ts';
import type { CameraSession } from './camera-reader.ts';
import { feedback, readFeedback, type FeedbackKind } from './scan-feedback.ts';
import { watchBursts } from './wedge-burst.ts';
import { usePanelFocus } from '../../components/focus.ts';
import './scan.css';
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

/** What the scan field says about the last scan; `n` counts messages, so that the same refusal twice is announced twice. */
export interface ScanStatus {
  kind: 'idle' | FeedbackKind;
  text: string;
  n: number;
}

/** A screen's scan status, and `say`, which also flashes the screen and sounds (scan-feedback.ts). */
export function useScanStatus(): [ScanStatus, (kind: ScanStatus['kind'], text: string) => void] {
  const [status, setStatus] = useState<ScanStatus>({ kind: 'idle', text: '', n: 0 });
  const say = useCallback((kind: ScanStatus['kind'], text: string) => {
    setStatus((s) => ({ kind, text, n: s.n + 1 }));
    if (kind !== 'idle') feedback(kind);
  }, []);
  return [status, say];
}

/**
 * The scan fields on screen, the newest last: it takes the bursts typed elsewhere
 * (wedge-burst.ts) and the focus after every action.
 */
interface Registered {
  input: { current: HTMLInputElement | null };
  scan: (raw: string) => void;
  disabled: () => boolean;
}
const fields: Registered[] = [];
let stopWatching: (() => void) | null = null;

function register(field: Registered) {
  fields.push(field);
  stopWatching ??= watchBursts(document, {
    ignore: (el) => el instanceof HTMLElement && el.dataset.scanInput !== undefined,
    onBurst: (raw) => {
      const top = fields.at(-1);
      // A question on screen (a dialog) or a field waiting for something else takes no scan: say so, take nothing.
      if (!top || top.disabled() || document.querySelector('dialog[open]')) return feedback('error');
      // After the field it landed in has its value back and the screen has re-rendered with it:
      // a quantity field is then what the storekeeper typed, not the burst's digits.
      setTimeout(() => top.scan(raw), 0);
    },
  });
  return () => {
    fields.splice(fields.indexOf(field), 1);
    if (fields.length === 0) {
      stopWatching?.();
      stopWatching = null;
    }
  };
}

/** Puts the cursor back into the scan field, ready for the next carton: after a scan, an action, a dialog. */
export function focusScanField() {
  const top = fields.at(-1);
  if (top && !top.disabled()) top.input.current?.focus({ preventScroll: true });
}

let ids = 0;

/**
 * The scan field of every storekeeper screen. A USB keyboard-wedge scanner types fast and ends
 * with Enter: the field submits on Enter, GS characters included, and a burst that lands in
 * another field or on the page comes here too (wedge-burst.ts). The camera (zxing, loaded only
 * when asked for) reads continuously into the same `onScan`, ignoring the same code seen again
 * within 3 s (camera-scan.ts createDeduplicator). A refusal marks the field invalid and is
 * announced; `manual` is the screen's form for goods whose label cannot be read.
 */
export function ScanField({
  onScan,
  status,
  disabled,
  messageTestId = 'scan-message',
  messageId: givenId,
  invalid,
  hint,
  manual,
}: {
  onScan: (raw: string) => void;
  status: ScanStatus;
  disabled?: boolean;
  messageTestId?: string;
  /** The message's id, for the screen's other fields to point at when a refusal is about them. */
  messageId?: string;
  /** Whether the last refusal is about the scan itself (the default for any refusal). */
  invalid?: boolean;
  /** Shown while nothing has been scanned yet. */
  hint?: string;
  manual?: (close: () => void) => ComponentChildren;
}) {
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
  const [typing, setTyping] = useState(false);
  const [ownId] = useState(() => `scan-message-${++ids}`);
  const messageId = givenId ?? ownId;

  useEffect(() => input.current?.focus(), [disabled]);
  useEffect(() => {
    mounted.current = true;
    const unregister = register({ input, scan: (raw) => submit(raw), disabled: () => Boolean(latestDisabled.current) });
    return () => {
      mounted.current = false;
      unregister();
      session.current?.stop();
      session.current = null;
    };
  }, []);

  const submit = (value: string) => {
    const raw = value.replace(/[\r\n]+$/, '');
    if (raw && !openScannedDocument(raw)) latestOnScan.current(raw);
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

  // After a typed entry is taken: the cursor goes back to the scan field, ready for the next carton.
  const closeManual = () => {
    setTyping(false);
    focusScanField();
  };
  const alert = status.kind === 'error';
  const marked = alert && (invalid ?? true);
  return (
    <div class={`scan-field scan-${status.kind}`} data-testid="scan-field" data-state={status.kind} data-camera={running ? 'on' : 'off'}>
      <label>
        {t('label.scanHere')}
        <input
          ref={input}
          data-testid="scan-input"
          data-scan-input=""
          autocomplete="off"
          autocapitalize="off"
          spellcheck={false}
          disabled={disabled}
          aria-invalid={marked ? 'true' : undefined}
          aria-describedby={messageId}
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
      {manual && (
        <button type="button" class="button" data-testid="manual-toggle" aria-expanded={typing} disabled={disabled} onClick={() => setTyping(!typing)}>
          {t('scan.typeItIn')}
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
      {/* A new element for every message: a screen reader announces a refusal again when it repeats. */}
      <p key={status.n} id={messageId} class={`scan-message scan-${status.kind}`} data-testid={messageTestId} data-kind={status.kind} role={alert ? 'alert' : 'status'}>
        {status.text || (hint && <span class="hint">{hint}</span>)}
      </p>
      {manual && typing && <ManualEntry onEscape={() => setTyping(false)}>{manual(closeManual)}</ManualEntry>}
    </div>
  );
}

/**
 * The typed entry under the scan field, a panel: the focus goes to its first field when it opens,
 * and back to the toggle when it is closed by the toggle or Escape (WCAG 2.4.3); after an entry
 * is taken the screen puts it in the scan field instead.
 */
function ManualEntry({ children, onEscape }: { children: ComponentChildren; onEscape: () => void }) {
  const panel = usePanelFocus<HTMLDivElement>();
  return (
    <div
      ref={panel}
      class="manual-entry"
      data-testid="manual-entry"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || document.querySelector('dialog[open]')) return;
        e.preventDefault();
        onEscape();
      }}
    >
      {children}
    </div>
  );
}
