import { useEffect, useRef } from 'preact/hooks';

const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** The elements of `container` that Tab reaches, in order: shown ones only (a hidden drawer or print sheet has none). */
export function tabbables(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter((el) => el.getClientRects().length > 0 && !el.closest('[inert]'));
}

/** Keeps Tab and Shift+Tab inside a modal: from its last element to its first and back (WCAG 2.4.3). */
export function trapTab(container: HTMLElement, event: KeyboardEvent) {
  if (event.key !== 'Tab') return;
  const items = tabbables(container);
  if (items.length === 0) return event.preventDefault();
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const active = document.activeElement;
  if (event.shiftKey && (active === first || !container.contains(active))) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !container.contains(active))) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * The heading of the screen in `main`: its first shown h1 (the print-only sheets have theirs
 * too), made focusable by script only (tabindex -1), so that a screen reader starts reading there.
 */
export function screenHeading(main: HTMLElement): HTMLElement | undefined {
  const heading = [...main.querySelectorAll<HTMLElement>('h1')].find((h) => h.getClientRects().length > 0);
  if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
  return heading;
}

/** Focuses the screen's heading, or `main` itself while the screen has none yet. */
export function focusScreen(main: HTMLElement) {
  (screenHeading(main) ?? main).focus();
}

/**
 * How to find a button again once the screen has drawn it anew: its test id within its row (the
 * nearest element with a test id, by that element's data attributes), so that the release button
 * of the third hold is not taken for the first one's; else its test id alone.
 */
function selectorsOf(el: HTMLElement): string[] {
  const own = el.dataset.testid ? `[data-testid="${CSS.escape(el.dataset.testid)}"]` : undefined;
  if (!own) return [];
  const row = el.parentElement?.closest<HTMLElement>('[data-testid]');
  const data = row ? [...row.attributes].filter((a) => a.name.startsWith('data-') && a.name !== 'data-state').map((a) => `[${a.name}="${CSS.escape(a.value)}"]`) : [];
  return data.length > 0 ? [`${data.join('')} ${own}`, own] : [own];
}

/**
 * The last elements to have had the focus, newest first, with how to find each again. A screen
 * often hides the button that opened a panel in the same render that shows the panel: the focus
 * falls to the body before the panel's effect runs, and the button is no longer in the page.
 */
const recent: { el: HTMLElement; selectors: string[] }[] = [];
document.addEventListener('focusin', (e) => {
  if (!(e.target instanceof HTMLElement)) return;
  recent.unshift({ el: e.target, selectors: selectorsOf(e.target) });
  recent.length = Math.min(recent.length, 5);
});

/**
 * A panel opened by a button (a form that appears in the page): the focus goes into it when it
 * opens, to its first field, and back to the button that opened it when it closes, so that a
 * keyboard or screen-reader user is neither left behind nor lost on the page's top (WCAG 2.4.3).
 * A button drawn again after the panel closes (a new element) is found by its test id.
 * `active` false leaves the focus alone (the same form used inline, not as a panel).
 */
export function usePanelFocus<T extends HTMLElement>(active = true) {
  const panel = useRef<T>(null);
  useEffect(() => {
    if (!active) return;
    const el = panel.current;
    if (!el) return;
    const opener = recent.find((f) => !el.contains(f.el));
    (tabbables(el).find((f) => f.matches('input, select, textarea')) ?? tabbables(el)[0])?.focus();
    return () => {
      const active = document.activeElement;
      if (active && active !== document.body && !el.contains(active)) return;
      // After the screen has drawn the button again.
      setTimeout(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        if (!opener) return;
        const target = opener.el.isConnected ? opener.el : opener.selectors.map((selector) => document.querySelector<HTMLElement>(selector)).find(Boolean);
        target?.focus();
      });
    };
  }, []);
  return panel;
}
