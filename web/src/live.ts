import { useEffect, useRef } from 'preact/hooks';
import { session } from './features/auth/session.ts';

/** How often an open document is read again while its tab is visible, when the session does not say (the server's liveRefreshSeconds). */
export const LIVE_INTERVAL_MS = 12_000;

export interface LiveOptions {
  /** Between two reads while the tab is visible; the session's liveRefreshSeconds (12 s by default) unless given. */
  intervalMs?: number;
  /**
   * False pauses the reads: while the user has unsaved edits a fresh copy must not replace them,
   * while an action of the screen is in flight, or once the document can no longer change.
   */
  enabled?: boolean;
}

/**
 * Keeps a document screen current while it stays open (another user signs, approves or returns
 * the document): reads it again every ~12 s (the server's liveRefreshSeconds) while the tab is visible, and at once when the tab
 * comes back into view or the window regains focus; nothing while the tab is hidden. The answer
 * goes to `onChange` only when it differs from `current`, the copy the screen shows (compared as
 * JSON), so that an unchanged document re-renders nothing. A failed read is left for the next
 * round: the screen shows its own errors for what the user does. The JSON API sends no ETag, so
 * each round is a plain GET of the document.
 *
 * Example: `useLiveDocument(() => api.writeOff(id), writeOff, setWriteOff, { enabled: !editing })`.
 */
export function useLiveDocument<T>(fetcher: () => Promise<T>, current: T | null | undefined, onChange: (doc: T) => void, options: LiveOptions = {}) {
  const { intervalMs = (session.value?.liveRefreshSeconds ?? LIVE_INTERVAL_MS / 1000) * 1000, enabled = true } = options;
  // The latest callbacks and copy, so that a render does not restart the timer.
  const latest = useRef({ fetcher, onChange, current });
  latest.current = { fetcher, onChange, current };

  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let inFlight = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const schedule = () => {
      clearTimeout(timer);
      if (!stopped && document.visibilityState === 'visible') timer = setTimeout(() => void refresh(), intervalMs);
    };
    const refresh = async () => {
      if (stopped || inFlight || document.visibilityState !== 'visible') return;
      inFlight = true;
      try {
        const before = latest.current.current;
        const doc = await latest.current.fetcher();
        // The screen changed the document itself meanwhile (its own action): its copy is newer than this read.
        const overtaken = latest.current.current !== before;
        if (!stopped && !overtaken && JSON.stringify(doc) !== JSON.stringify(before ?? null)) latest.current.onChange(doc);
      } catch {
        // the next round tries again
      } finally {
        inFlight = false;
        schedule();
      }
    };
    const wake = () => {
      if (document.visibilityState === 'visible') void refresh();
      else clearTimeout(timer);
    };

    schedule();
    document.addEventListener('visibilitychange', wake);
    window.addEventListener('focus', wake);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', wake);
      window.removeEventListener('focus', wake);
    };
  }, [enabled, intervalMs]);
}
