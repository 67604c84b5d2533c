import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { drawerOpen } from './drawer.ts';
import { tabbables, trapTab } from './focus.ts';

/** Where the sidebar becomes a drawer over the page: the same width as in styles.css. */
const NARROW = '(max-width: 1099px)';

function useMedia(query: string): boolean {
  const [matches, setMatches] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const list = matchMedia(query);
    const changed = () => setMatches(list.matches);
    list.addEventListener('change', changed);
    return () => list.removeEventListener('change', changed);
  }, [query]);
  return matches;
}

/**
 * The sidebar: beside the screen on a wide window; on a narrow one a drawer that the header's
 * menu button opens, and then a modal dialog (WCAG 2.4.3, 2.1.2): the focus goes into it (to the
 * selected depot), Tab cycles inside it, Escape, the scrim and its close button close it, and the
 * focus goes back to the menu button. A depot chosen in it leads to that screen's heading instead.
 */
export function Drawer({ id, label, toggleTestId, children }: { id: string; label: string; toggleTestId: string; children: ComponentChildren }) {
  const narrow = useMedia(NARROW);
  const open = drawerOpen.value;
  const modal = narrow && open;
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!modal) return;
    const el = panel.current!;
    (el.querySelector<HTMLElement>('[aria-current="page"]') ?? tabbables(el)[0])?.focus();
    const onKey = (e: KeyboardEvent) => {
      // Escape in a search box with text clears the text first.
      if (e.key === 'Escape' && !(e.target instanceof HTMLInputElement && e.target.type === 'search' && e.target.value)) drawerOpen.value = false;
      else trapTab(el, e);
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      const active = document.activeElement;
      if (!active || active === document.body || el.contains(active)) document.querySelector<HTMLElement>(`[data-testid="${toggleTestId}"]`)?.focus();
    };
  }, [modal]);

  return (
    <>
      <div
        id={id}
        ref={panel}
        class={`sidebar no-print${open ? ' open' : ''}`}
        data-testid="drawer"
        role={modal ? 'dialog' : undefined}
        aria-modal={modal ? 'true' : undefined}
        aria-label={modal ? label : undefined}
      >
        {narrow && (
          <div class="drawer-head">
            <button type="button" class="button small" data-testid="drawer-close" onClick={() => (drawerOpen.value = false)}>
              {t('button.close')}
            </button>
          </div>
        )}
        {children}
      </div>
      {open && <div class="scrim no-print" onClick={() => (drawerOpen.value = false)} />}
    </>
  );
}

/** Whether the drawer is open as a modal: the page behind it is then inert. */
export function useDrawerModal(): boolean {
  return useMedia(NARROW) && drawerOpen.value;
}
