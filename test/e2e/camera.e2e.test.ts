import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bwipjs from 'bwip-js/node';
import type { Page } from 'playwright-core';
import { startBrowserApp, type BrowserApp } from '../helpers/browser.ts';

/**
 * A Y4M video (what Chromium's --use-file-for-fake-video-capture plays, in a loop) of one GS1
 * DataMatrix, black on white in the middle of the picture. Only the Y plane carries the
 * picture; U and V are 128, grey.
 */
function dataMatrixVideo(text: string, width = 640, height = 480, scale = 8, frames = 10): Buffer {
  const [symbol] = bwipjs.raw({ bcid: 'gs1datamatrix', text }) as { pixs: number[]; pixx: number; pixy: number }[];
  const luma = Buffer.alloc(width * height, 255);
  const left = Math.floor((width - symbol.pixx * scale) / 2);
  const top = Math.floor((height - symbol.pixy * scale) / 2);
  for (let y = 0; y < symbol.pixy * scale; y++) {
    for (let x = 0; x < symbol.pixx * scale; x++) {
      if (symbol.pixs[Math.floor(y / scale) * symbol.pixx + Math.floor(x / scale)]) luma[(top + y) * width + left + x] = 0;
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array<Buffer>(frames).fill(frame)]);
}

let app: BrowserApp;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fp-camera-'));
  const video = join(dir, 'datamatrix.y4m');
  writeFileSync(video, dataMatrixVideo('(01)06901234567892(17)280115(10)CAM-01'));
  // No --use-fake-ui-for-media-stream: a page has the camera only when the test grants it.
  app = await startBrowserApp({ extraArgs: ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`] });
});
afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function openReceipt(page: Page, note: string) {
  await page.getByTestId('nav-receipts').click();
  await page.getByTestId('receipt-supplier').fill('浙江仙琚制药股份有限公司');
  await page.getByTestId('receipt-note').fill(note);
  await page.getByTestId('receipt-open').click();
  await page.getByTestId('scan-input').waitFor();
}

describe('camera scanning in Chromium', () => {
  it('a storekeeper holds a GS1 DataMatrix in front of the camera: one receipt line with its lot and expiry, not one per frame', async () => {
    const keeper = await app.loggedInPage('county-storekeeper');
    await keeper.context().grantPermissions(['camera'], { origin: app.server.url });
    await openReceipt(keeper, 'CAM-2026-01');

    await keeper.getByTestId('camera-start').click();
    // Starting the camera and the decoder takes over a second on a busy two-core machine.
    await expect.poll(() => keeper.getByTestId('scan-field').getAttribute('data-camera'), { timeout: 10_000 }).toBe('on');
    const line = keeper.locator('[data-testid="receipt-line"][data-lot="CAM-01"]');
    await expect.poll(() => line.count(), { timeout: 15_000 }).toBe(1);
    expect(await line.textContent()).toContain('2028-01-15');
    await expect.poll(() => keeper.getByTestId('scan-field').getAttribute('data-state')).toBe('ok');
    expect(await keeper.getByTestId('scan-message').textContent()).toContain('CAM-01');
    // The fake camera shows the code ten times a second: it stays one read while it stays in view.
    await keeper.waitForTimeout(4000);
    expect(await keeper.getByTestId('receipt-total').textContent()).toBe('1');
    // One fake device: nothing to choose; the fake device has no torch.
    expect(await keeper.getByTestId('camera-select').count()).toBe(0);
    expect(await keeper.getByTestId('camera-torch').count()).toBe(0);
    await app.shot('40-camera-scan-zh', keeper);

    await keeper.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => keeper.getByTestId('camera-stop').textContent()).toBe('Close camera');
    await app.shot('41-camera-scan-en', keeper);

    // Closing the camera releases the stream: the tracks end and the preview lets go of it.
    const tracks = await keeper.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid="camera-video"]')!;
      const stream = video.srcObject as MediaStream;
      (window as unknown as { cameraStream: MediaStream }).cameraStream = stream;
      return stream.getVideoTracks().map((t) => t.readyState);
    });
    expect(tracks).toEqual(['live']);
    await keeper.getByTestId('camera-stop').click();
    await keeper.getByTestId('camera-start').waitFor();
    const after = await keeper.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-testid="camera-video"]')!;
      return { preview: video.srcObject, tracks: (window as unknown as { cameraStream: MediaStream }).cameraStream.getVideoTracks().map((t) => t.readyState) };
    });
    expect(after).toEqual({ preview: null, tracks: ['ended'] });
    await keeper.waitForTimeout(1000);
    expect(await keeper.getByTestId('receipt-total').textContent()).toBe('1');
    await keeper.close();
  });

  it('tells a storekeeper whose browser refused the camera how to allow it, and the scanner still works', async () => {
    const keeper = await app.loggedInPage('county-storekeeper');
    await openReceipt(keeper, 'CAM-2026-02');
    await keeper.getByTestId('camera-start').click();
    await expect.poll(() => keeper.getByTestId('camera-problem').getAttribute('data-problem')).toBe('label.cameraDenied');
    expect(await keeper.getByTestId('camera-problem').textContent()).toContain('未获准使用相机');
    expect(await keeper.getByTestId('scan-field').getAttribute('data-camera')).toBe('off');
    await app.shot('42-camera-denied-zh', keeper);

    await keeper.getByTestId('scan-input').focus();
    await keeper.keyboard.type(']d2010690123456789217280115' + '10WEDGE-01', { delay: 2 });
    await keeper.keyboard.press('Enter');
    await expect.poll(() => keeper.locator('[data-testid="receipt-line"][data-lot="WEDGE-01"]').count()).toBe(1);
    await keeper.close();
  });
});
