import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { SCREENSHOTS, startBrowserApp, wedge, type BrowserApp } from '../helpers/browser.ts';
import { decodePng } from '../helpers/decode.ts';
import { parseScan } from '../../labels/gs1.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.close();
});

/** Page size of every page of a PDF, in millimetres, from its /MediaBox entries. */
function pdfPageSizes(pdf: Buffer): { widthMm: number; heightMm: number }[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => ({
    // To the millimetre: Chromium lays pages out in whole CSS pixels (210 mm prints as 209.9).
    widthMm: Math.round(((Number(m[3]) - Number(m[1])) / 72) * 25.4),
    heightMm: Math.round(((Number(m[4]) - Number(m[2])) / 72) * 25.4),
  }));
}

describe('label sheets in Chromium', () => {
  it('prints an A4 3×8 sheet and a 50×30 mm thermal roll to PDF at their exact page sizes, with Chinese text', async () => {
    const page = await app.loggedInPage('county-storekeeper');
    const ids = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { depot: { id: number } };
      const batches = (await (await fetch('/api/batches?pageSize=5')).json()) as { items: { id: number }[] };
      return { depotId: me.depot.id, batches: batches.items.map((b) => b.id) };
    });
    const items = [...ids.batches.map((id) => `batch:${id}*5`), `zone:${ids.depotId}:qualified*2`, `zone:${ids.depotId}:pending`, `zone:${ids.depotId}:nonconforming`].join(',');

    await page.goto(`/api/labels/sheet?layout=a4-3x8&items=${items}`);
    const labels = await page.locator('.label').count();
    expect(labels).toBe(ids.batches.length * 5 + 4);
    expect(await page.locator('.sheet-page').count()).toBe(Math.ceil(labels / 24));
    await app.shot('50-label-sheet-a4-zh', page);
    const a4 = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdfPageSizes(a4)).toEqual(Array(Math.ceil(labels / 24)).fill({ widthMm: 210, heightMm: 297 }));

    await page.goto(`/api/labels/sheet?layout=thermal-50x30&items=batch:${ids.batches[0]}*2`);
    const thermal = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdfPageSizes(thermal)).toEqual([
      { widthMm: 50, heightMm: 30 },
      { widthMm: 50, heightMm: 30 },
    ]);
    // A CJK font is embedded: the Chinese product name is drawn, not left as boxes.
    expect(thermal.toString('latin1')).toMatch(/\/FontFile2|\/FontFile3/);
  });

  it('every kind of label, drawn as SVG by Chromium, decodes back to what it encodes', async () => {
    const page = await app.loggedInPage('county-storekeeper');
    const refs = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { depot: { id: number } };
      const batches = (await (await fetch('/api/batches?pageSize=50')).json()) as { items: { id: number; product: { gtin: string | null } }[] };
      const receipts = (await (await fetch(`/api/receipts?depotId=${me.depot.id}`)).json()) as { items: { id: number }[] };
      const withGtin = batches.items.find((b) => b.product.gtin)!;
      const without = batches.items.find((b) => !b.product.gtin)!;
      return { depotId: me.depot.id, withGtin: withGtin.id, without: without.id, receipt: receipts.items[0]?.id };
    });
    const paths = [
      `/api/labels/batches/${refs.withGtin}?size=100x50`,
      `/api/labels/batches/${refs.without}?size=50x30`,
      `/api/labels/zones/${refs.depotId}/qualified?size=100x50`,
      ...(refs.receipt ? [`/api/labels/documents/receipt/${refs.receipt}?size=70x37`] : []),
    ];
    for (const [i, path] of paths.entries()) {
      await page.goto(path);
      const svg = page.locator('svg').first();
      const expected = (await svg.getAttribute('data-scan'))!.replaceAll('<GS>', '\u001d');
      await page.setViewportSize({ width: 1200, height: 700 });
      await page.evaluate(() => {
        const el = document.querySelector('svg')!;
        el.setAttribute('width', '1000');
        el.setAttribute('height', String((1000 * el.viewBox.baseVal.height) / el.viewBox.baseVal.width));
      });
      const png = await svg.screenshot();
      if (i === 0) writeFileSync(`${SCREENSHOTS}/51-batch-label-zh.png`, png);
      const [read] = await decodePng(new Uint8Array(png));
      expect(read?.text, path).toBe(expected);
      expect(parseScan((read!.symbologyIdentifier === ']d2' ? ']d2' : '') + read!.text).kind, path).not.toBe(undefined);
    }
  });

  it('moves stock by scanning a batch label then a zone label, refuses the qualified zone, and opens a scanned document', async () => {
    const page = await app.loggedInPage('county-storekeeper');
    const { batchId, depotId, csrf } = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { depot: { id: number }; csrfToken: string };
      const stock = (await (await fetch(`/api/stock?depotId=${me.depot.id}&pageSize=200`)).json()) as { items: { batchId: number; lot: string; location: string }[] };
      return { batchId: stock.items.find((r) => r.lot === '20240815' && r.location === 'qualified')!.batchId, depotId: me.depot.id, csrf: me.csrfToken };
    });
    const red = async () =>
      page.evaluate(async (id) => {
        const stock = (await (await fetch(`/api/stock?depotId=${id}&pageSize=200`)).json()) as { items: { lot: string; location: string; quantity: number }[] };
        return stock.items.find((r) => r.lot === '20240815' && r.location === 'nonconforming')?.quantity ?? 0;
      }, depotId);
    const before = await red();
    await page.getByTestId('nav-stock').click(); // the home screen is the overview
    await page.getByTestId('zone-move-open').click();
    await wedge(page, `FP1:B:${batchId}`);
    await page.locator('[data-testid="zone-move-item"][data-lot="20240815"]').waitFor();
    await page.locator('[data-testid="zone-move-item"] input').fill('20');
    await wedge(page, 'FP1:Z:640121:qualified');
    await expect.poll(() => page.getByTestId('problem').first().textContent()).toContain('检验合格');
    await app.shot('56-zone-move-refused-zh', page);
    await wedge(page, 'FP1:Z:640121:nonconforming');
    await expect.poll(() => page.getByTestId('zone-move-message').textContent()).toContain('不合格区');
    expect(await red()).toBe(before + 20);
    await app.shot('57-zone-move-done-zh', page);

    const receiptId = await page.evaluate(async ({ id, token }) => {
      const res = await fetch('/api/receipts', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: JSON.stringify({ depotId: id, supplierName: '浙江仙琚制药', deliveryNote: 'DOC-SCAN' }) });
      return ((await res.json()) as { id: number }).id;
    }, { id: depotId, token: csrf });
    await wedge(page, `FP1:D:receipt:${receiptId}`);
    await expect.poll(() => page.url()).toContain(`#/receipt/${receiptId}`);
  });
});
