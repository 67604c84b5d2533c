import { signal } from '@preact/signals';
import { onSessionEnd } from '../auth/session.ts';
import { unreadCount } from './notifications-api.ts';

/** How often the bell asks for its count while the tab is visible. */
export const UNREAD_INTERVAL_MS = 60_000;

/** The bell's count of unread notifications; null until the first answer. */
export const unread = signal<number | null>(null);

let asking = false;

/** Asks the server for the count (one cheap read); a failed read leaves the last count for the next round. */
export async function refreshUnread() {
  if (asking || document.visibilityState !== 'visible') return;
  asking = true;
  try {
    unread.value = (await unreadCount()).unread;
  } catch {
    // the next round, navigation or return to the tab asks again
  } finally {
    asking = false;
  }
}

onSessionEnd(() => {
  unread.value = null;
});
