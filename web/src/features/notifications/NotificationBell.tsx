import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { paths, route } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDateTime, formatShortDateTime } from '../../components/datetime.ts';
import { markRead, notifications, type Notification } from './notifications-api.ts';
import { notificationTarget, notificationWords, type NotificationTarget } from './notification-text.ts';
import { refreshUnread, unread, UNREAD_INTERVAL_MS } from './notifications-state.ts';
import './notifications.css';

/**
 * The bell in the header (issue 18 item 7): the count of what the user's roles were told and
 * they have not read, asked every minute while the tab is visible and after each screen change,
 * and the list under it. Escape or a click elsewhere closes the list; Escape puts the focus back
 * on the bell.
 */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const current = route.value;

  useEffect(() => {
    void refreshUnread();
  }, [current]);
  useEffect(() => {
    const timer = setInterval(() => void refreshUnread(), UNREAD_INTERVAL_MS);
    const wake = () => void refreshUnread();
    document.addEventListener('visibilitychange', wake);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', wake);
    };
  }, []);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const count = unread.value ?? 0;
  return (
    <div
      class="bell"
      ref={wrapper}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close(true);
        }
      }}
    >
      <button
        ref={button}
        type="button"
        class="button bell-button"
        data-testid="notifications-toggle"
        aria-expanded={open}
        aria-controls="notifications-panel"
        aria-label={count > 0 ? t('label.notificationsUnread', { count }) : t('label.notifications')}
        onClick={() => setOpen(!open)}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
          <path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z" />
        </svg>
        {count > 0 && (
          <span class="bell-count" data-testid="notifications-count">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && <NotificationPanel onClose={close} />}
    </div>
  );
}

function NotificationPanel({ onClose }: { onClose: (refocus: boolean) => void }) {
  const [items, setItems] = useState<Notification[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [marking, setMarking] = useState<number | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const id = useId();

  useEffect(() => {
    heading.current?.focus();
    notifications().then(
      (r) => {
        setItems(r.items);
        unread.value = r.unread;
      },
      (e) => setProblem(toProblem(e)),
    );
  }, []);

  async function read(n: Notification) {
    setMarking(n.id);
    setProblem(null);
    try {
      const r = await markRead(n.id);
      setItems(r.items);
      unread.value = r.unread;
      // The button goes with the item's unread state: the focus moves to the next one to mark, or the heading.
      setTimeout(() => (list.current?.querySelector<HTMLElement>('[data-testid="notification-read"]') ?? heading.current)?.focus());
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setMarking(null);
    }
  }

  return (
    <div id="notifications-panel" class="popover notifications-panel" role="dialog" aria-labelledby={`${id}-title`} data-testid="notifications-panel" data-state={items ? 'ready' : 'loading'}>
      <div class="popover-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {t('label.notifications')}
        </h2>
        <button type="button" class="button small" data-testid="notifications-close" onClick={() => onClose(true)}>
          {t('button.close')}
        </button>
      </div>
      <ProblemMessage problem={problem} testid="notifications-problem" />
      {items && items.length === 0 && (
        <p class="empty" data-testid="notifications-empty">
          {t('label.noNotifications')}
        </p>
      )}
      {items && items.length > 0 && (
        <ul class="notification-list" ref={list}>
          {items.map((n) => (
            <NotificationItem key={n.id} n={n} busy={marking === n.id} onRead={() => void read(n)} onOpen={() => onClose(false)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function NotificationItem({ n, busy, onRead, onOpen }: { n: Notification; busy: boolean; onRead: () => void; onOpen: () => void }) {
  const id = useId();
  const words = notificationWords(n, lang.value);
  const target = hrefOf(notificationTarget(n));
  const isRead = n.readAt !== null;
  return (
    <li class={isRead ? 'read' : 'unread'} data-testid="notification" data-kind={n.kind} data-id={n.id} data-read={String(isRead)}>
      <p class="notification-text" id={`${id}-text`} data-testid="notification-text">
        {'text' in words ? words.text : t(words.key, words.params)}
      </p>
      <div class="notification-meta">
        <time dateTime={n.createdAt} title={formatDateTime(n.createdAt)}>
          {formatShortDateTime(n.createdAt)}
        </time>
        {isRead && <span class="notification-read-mark">{t('label.notificationRead')}</span>}
        <span class="notification-actions">
          {target && (
            <a href={target} class="button small" data-testid="notification-link" aria-describedby={`${id}-text`} onClick={onOpen}>
              {t('button.openDocument')}
            </a>
          )}
          {!isRead && (
            <button type="button" class="button small" data-testid="notification-read" aria-describedby={`${id}-text`} disabled={busy} onClick={onRead}>
              {t('button.markRead')}
            </button>
          )}
        </span>
      </div>
    </li>
  );
}

function hrefOf(target: NotificationTarget): string | null {
  if (!target) return null;
  switch (target.screen) {
    case 'transfer':
      return paths.transfer(target.orderId);
    case 'receipt':
      return paths.receipt(target.receiptId);
    case 'count':
      return paths.count(target.countId);
    case 'writeOff':
      return paths.writeOff(target.writeOffId);
    case 'card':
      return paths.card(target.depotId, target.batchId);
    case 'quality':
      return paths.quality(target.depotId);
    case 'reversals':
      return paths.reversals(target.depotId);
    case 'opening':
      return paths.opening(target.depotId);
    case 'adverseReaction':
      return paths.adverseReaction(target.reportId);
    case 'adverseSignal':
      return paths.adverseSignal(target.signalId);
    case 'supervisionVisit':
      return paths.supervisionVisit(target.visitId);
    case 'serviceRequest':
      return paths.serviceRequest(target.requestId);
  }
}
