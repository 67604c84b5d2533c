import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Page, Request, Route } from 'playwright-core';
import { startBrowserApp, type BrowserApp } from '../helpers/browser.ts';

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
});
afterAll(async () => {
  await app?.close();
});

const isStock = (url: URL) => url.pathname === '/api/stock';

/** Answers a request with a problem as the server's onError gives it, under a request id. */
const fulfillProblem = (route: Route, status: number, title: string, code: string, detail: string, requestId: string) =>
  route.fulfill({
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'x-request-id': requestId },
    body: JSON.stringify({ type: `/api/problems/${code}`, title, status, detail, code, requestId }),
  });

async function openStock(page: Page) {
  await page.getByTestId('nav-stock').click();
  await page.locator('[data-testid="stock-screen"]:not([data-state="loading"])').waitFor();
}

describe('request ids on the error messages, for the user to quote', () => {
  it('sends its own X-Request-Id with every call, and the server answers under it', async () => {
    const page = await app.loggedInPage('county-storekeeper');
    const [response] = await Promise.all([page.waitForResponse((r) => isStock(new URL(r.url()))), openStock(page)]);
    const sent = response.request().headers()['x-request-id'];
    expect(sent).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(response.headers()['x-request-id']).toBe(sent);
    await page.close();
  });

  it('shows the server’s request id on a 500, and the id it sent when the network fails', async () => {
    const page = await app.loggedInPage('county-storekeeper');
    // The server fails this one request (its answer as onError gives it); the next one finds no network.
    await page.route(isStock, (route) => fulfillProblem(route, 500, 'Internal Server Error', 'internal_error', 'Something went wrong on the server', 'K7Q2M9XD4TBR'));
    await openStock(page);
    const problem = page.getByTestId('problem');
    expect(await problem.getAttribute('data-code')).toBe('internal_error');
    expect(await problem.textContent()).toContain('服务器出错，请稍后再试');
    expect(await page.getByTestId('problem-request-id').textContent()).toBe('请求编号 K7Q2M9XD4TBR');
    await app.shot('request-id-500-zh', page);

    await page.unroute(isStock);
    let aborted: Request | undefined;
    await page.route(isStock, (route) => {
      aborted = route.request();
      return route.abort('connectionrefused');
    });
    await problem.getByRole('button').click();
    await expect.poll(() => problem.getAttribute('data-code')).toBe('network_error');
    const sent = aborted!.headers()['x-request-id'];
    expect(sent).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(await page.getByTestId('problem-request-id').textContent()).toBe(`请求编号 ${sent}`);
    await app.shot('request-id-network-zh', page);

    await page.getByTestId('lang-switch').selectOption('en');
    await expect.poll(() => page.getByTestId('problem-request-id').textContent()).toBe(`Request id ${sent}`);
    await page.close();
  });

  it('leaves the id off a refusal that is the user’s to fix (4xx)', async () => {
    const page = await app.loggedInPage('county-storekeeper');
    await page.route(isStock, (route) => fulfillProblem(route, 403, 'Forbidden', 'out_of_scope', 'Outside your depots', 'AAAABBBBCCCC'));
    await openStock(page);
    expect(await page.getByTestId('problem').getAttribute('data-code')).toBe('out_of_scope');
    expect(await page.getByTestId('problem-request-id').count()).toBe(0);
    await page.close();
  });
});
