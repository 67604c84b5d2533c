/**
 * The camera side of the scan field. Only ScanField's `import()` reaches this file, so zxing
 * stays out of the main bundle and loads when someone presses the camera button.
 */
import { BrowserCodeReader, BrowserMultiFormatReader } from '@zxing/browser';
import { BarcodeFormat, DecodeHintType } from '@zxing/library';
import type { CameraChoice } from './camera-scan.ts';
import { withSymbologyIdentifier } from './camera-scan.ts';

export interface CameraSession {
  /** The device the browser opened, so the chooser can show it. */
  deviceId: string | undefined;
  /** The track says it can light a torch (`getCapabilities().torch`). */
  hasTorch: boolean;
  setTorch(on: boolean): Promise<void>;
  /** Ends the scan loop and stops every track, which turns the camera light off. */
  stop(): void;
}

/** GS1 carriers and the project's own labels; EAN/UPC carry no lot or expiry and parseScan cannot read them. */
const FORMATS = [BarcodeFormat.DATA_MATRIX, BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128];

export async function listCameras(): Promise<CameraChoice[]> {
  const devices = await BrowserCodeReader.listVideoInputDevices();
  return devices.map((d) => ({ deviceId: d.deviceId, label: d.label }));
}

/**
 * Opens the camera (the given device, else a back-facing one) and reads continuously until
 * stopped; every decoded code goes to `onRead` with its GS1 identifier restored. Throws the
 * getUserMedia DOMException (NotAllowedError, NotReadableError, NotFoundError ...) as it came.
 */
export async function startCameraScan(video: HTMLVideoElement, deviceId: string | undefined, onRead: (text: string) => void): Promise<CameraSession> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: false,
    video: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: { ideal: 'environment' } }),
      width: { ideal: 1280 },
      height: { ideal: 720 },
    },
  });
  const track = stream.getVideoTracks()[0];
  const stopTracks = () => stream.getTracks().forEach((t) => t.stop());
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, FORMATS],
    [DecodeHintType.ASSUME_GS1, true],
  ]);
  const reader = new BrowserMultiFormatReader(hints, { delayBetweenScanAttempts: 150, delayBetweenScanSuccess: 300 });
  try {
    const controls = await reader.decodeFromStream(stream, video, (result) => {
      if (!result) return;
      // A throw here would end zxing's scan loop and release the stream.
      try {
        onRead(withSymbologyIdentifier(result.getText(), BarcodeFormat[result.getBarcodeFormat()]));
      } catch (e) {
        console.error(e);
      }
    });
    const capabilities = (track?.getCapabilities?.() ?? {}) as MediaTrackCapabilities & { torch?: boolean };
    return {
      deviceId: track?.getSettings().deviceId,
      hasTorch: capabilities.torch === true,
      setTorch: (on) => track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] }),
      stop: () => {
        controls.stop();
        stopTracks();
      },
    };
  } catch (e) {
    stopTracks();
    throw e;
  }
}
