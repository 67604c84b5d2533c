import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';

/** WCAG 2.1 level A and AA: what GB/T 37668-2019 asks of a web application. */
export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe's best practices for the page's structure, run too: a screen reader user moves by
 * landmarks and headings (WCAG 1.3.1 and 2.4.6 in spirit; axe files them under best-practice).
 */
export const STRUCTURE_RULES = ['landmark-one-main', 'landmark-unique', 'landmark-no-duplicate-main', 'region', 'page-has-heading-one', 'heading-order', 'empty-heading'];

/**
 * The one rule of those that needs the page's style sheets fetched again and parsed (axe's
 * `preload`): css-orientation-lock (WCAG 1.3.4, no screen locked to portrait or landscape). The
 * fetch and parse took about a fifth of each check, for sheets that are the app's own on every
 * screen: the rule runs once a run over the sheets of every screen of a depot
 * (expectNoOrientationLock), and the other checks leave it out.
 */
export const STYLESHEET_RULES = ['css-orientation-lock'];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

declare global {
  interface Window {
    axe?: { run(context: unknown, options: unknown): Promise<AxeResults> };
  }
}

export interface AxeScope {
  /** CSS selectors to check alone (the whole document unless given). */
  include?: string[];
  /** CSS selectors to leave out, each with a reason in the caller. */
  exclude?: string[];
}

/** The WCAG 2.1 AA and structure violations on the page as it is now. axe is injected once per document (a hash route keeps it). */
export async function axeViolations(page: Page, scope: AxeScope = {}): Promise<Result[]> {
  await injectAxe(page);
  const context = scope.include || scope.exclude ? { include: scope.include?.map((s) => [s]) ?? [['html']], exclude: scope.exclude?.map((s) => [s]) ?? [] } : null;
  const rules = Object.fromEntries([...STRUCTURE_RULES.map((id) => [id, { enabled: true }]), ...STYLESHEET_RULES.map((id) => [id, { enabled: false }])]);
  const results = await page.evaluate(
    // The whole document (not its html element) lets axe run its page-level rules: bypass, landmark-one-main.
    ([ctx, tags, extra]) => window.axe!.run(ctx ?? document, { runOnly: { type: 'tag', values: tags }, rules: extra, resultTypes: ['violations'], preload: false }),
    [context, WCAG_21_AA, rules] as const,
  );
  return results.violations;
}

async function injectAxe(page: Page) {
  // Evaluated through the DevTools protocol, which the app's Content-Security-Policy (no inline
  // script) does not govern, unlike a script tag added to the page.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
}

/**
 * The style sheet rules (STYLESHEET_RULES) over every sheet the page has loaded, fetched and
 * parsed by axe: each must pass, neither violated nor left undecided for want of the sheets.
 */
export async function expectNoOrientationLock(page: Page, label: string): Promise<void> {
  await injectAxe(page);
  const results = await page.evaluate((ids) => window.axe!.run(document, { runOnly: { type: 'rule', values: ids }, preload: true }), STYLESHEET_RULES);
  const outcome = (id: string) => (results.violations.some((r) => r.id === id) ? 'violated' : results.incomplete.some((r) => r.id === id) ? 'undecided' : results.passes.some((r) => r.id === id) ? 'passed' : 'not run');
  expect(STYLESHEET_RULES.map((id) => [label, id, outcome(id)])).toEqual(STYLESHEET_RULES.map((id) => [label, id, 'passed']));
}

/** One line per violation and one per element: rule, impact, selector, and axe's summary of what to fix. */
export function describeViolations(violations: Result[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n\s*/g, ' | ')}`);
      return `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help} [${v.nodes.length}]\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** Fails with a readable list when axe finds any WCAG 2.1 AA violation (or a structure one) on the page. */
export async function expectAccessible(page: Page, label: string, scope: AxeScope = {}): Promise<void> {
  const violations = await axeViolations(page, scope);
  if (violations.length > 0) throw new Error(`${label}: ${violations.length} WCAG 2.1 AA violation(s)\n${describeViolations(violations)}`);
}
