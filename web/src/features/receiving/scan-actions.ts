import { effect, signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import * as api from '../../api.ts';
import { session } from '../auth/session.ts';
import { createActionQueue, type Executor, type KeyValueStorage, type PendingAction, type ProblemLike, type QueueEvent } from './pending-actions.ts';

/**
 * The scan screens' changes, and the signatures, discrepancy notes and count decisions made
 * around them, each sent through the one queue of pending-actions.ts with its Idempotency-Key.
 * An executor replays an action from its JSON input alone, so that an action made before a
 * reload is sent by the page after it.
 */

type ReceiptRef = { receiptId: number };
type OrderRef = { orderId: number };

/** What each kind of action carries; the screens make them, the executors replay them. */
export interface ActionInputs {
  'receipt.scan': ReceiptRef & { body: api.ReceiptScanInput };
  'receipt.undo': ReceiptRef;
  'receipt.setLine': ReceiptRef & { batchId: number; quantity: number };
  'receipt.removeLine': ReceiptRef & { batchId: number };
  'receipt.cancel': ReceiptRef & { reason: string };
  'receipt.count': ReceiptRef;
  'receipt.sign': ReceiptRef & { role: 'planner' | 'storekeeper' };
  'receipt.discrepancy': ReceiptRef & { body: Parameters<typeof api.recordDiscrepancy>[1] };
  'order.pick': OrderRef & { body: Parameters<typeof api.pick>[1] };
  'order.removePick': OrderRef & { pickId: number };
  'order.dispatch': OrderRef;
  'count.line': { countId: number; body: api.CountLineInput };
  'count.submit': { countId: number; uncountedAsZero: boolean };
  'count.decide': { countId: number; decision: 'approved' | 'returned'; reason?: string };
  dispense: Parameters<typeof api.dispense>[0];
  'zone.move': Parameters<typeof api.moveZone>[0];
}
export type ActionKind = keyof ActionInputs;

const EXECUTORS = {
  'receipt.scan': (i) => api.scanReceipt(i.receiptId, i.body),
  'receipt.undo': (i) => api.undoReceiptScan(i.receiptId),
  'receipt.setLine': (i) => api.setReceiptLine(i.receiptId, i.batchId, i.quantity),
  'receipt.removeLine': (i) => api.removeReceiptLine(i.receiptId, i.batchId),
  'receipt.cancel': (i) => api.cancelReceipt(i.receiptId, i.reason),
  'receipt.count': (i) => api.countReceipt(i.receiptId),
  'receipt.sign': (i) => api.signReceipt(i.receiptId, i.role),
  'receipt.discrepancy': (i) => api.recordDiscrepancy(i.receiptId, i.body),
  'order.pick': (i) => api.pick(i.orderId, i.body),
  'order.removePick': (i) => api.removePick(i.orderId, i.pickId),
  'order.dispatch': (i) => api.dispatchOrder(i.orderId),
  'count.line': (i) => api.countLine(i.countId, i.body),
  'count.submit': (i) => api.submitStockCount(i.countId, i.uncountedAsZero),
  'count.decide': (i) => api.decideStockCount(i.countId, i.decision, i.reason),
  dispense: (i) => api.dispense(i),
  'zone.move': (i) => api.moveZone(i),
} satisfies { [K in ActionKind]: (input: ActionInputs[K]) => Promise<unknown> };

export type ActionResult<K extends ActionKind> = Awaited<ReturnType<(typeof EXECUTORS)[K]>>;
export type ActionOutcome<K extends ActionKind> = { status: 'applied'; result: ActionResult<K> } | { status: 'pending' | 'refused'; problem: ProblemLike };

/** Each executor sends its call with the action's key, the same on every attempt. */
const keyed = Object.fromEntries(
  Object.entries(EXECUTORS).map(([kind, send]) => [kind, ((input: never, key: string) => api.withIdempotencyKey(key, () => (send as (i: unknown) => Promise<unknown>)(input))) as Executor]),
);

function tabStorage(): KeyValueStorage | null {
  try {
    // One tab's queue: two tabs sharing one list would overwrite each other's.
    return sessionStorage;
  } catch {
    return null;
  }
}

export const actionQueue = createActionQueue({ executors: keyed, storage: tabStorage(), newKey: api.newIdempotencyKey });

/** The queue as the screens show it: every change of the list. */
export const pendingActions = signal<readonly PendingAction[]>(actionQueue.list());
actionQueue.onChange((list) => (pendingActions.value = list));

/** A pending action that failed on the network or the server is tried again after this long, besides the other triggers. */
const RETRY_AFTER_MS = 15_000;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
actionQueue.subscribe(({ outcome }) => {
  if (outcome.status !== 'pending' || outcome.problem.status === 401) return;
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => void actionQueue.retry(), RETRY_AFTER_MS);
});

// Logged in, or back after a 401 or a reload: the user's pending actions go now; logged out, they wait.
effect(() => {
  const me = session.value;
  if (me) void actionQueue.resume(me.user.id);
  else actionQueue.pause();
});
window.addEventListener('online', () => void actionQueue.retry());

/** Sends one action of a scan screen; the promise is its first attempt's outcome. */
export const submitAction = <K extends ActionKind>(kind: K, scope: string, input: ActionInputs[K], label: string) =>
  actionQueue.submit(kind, scope, input, label) as Promise<ActionOutcome<K>>;

/**
 * Resolves once no action of the screen is on its way to the server: a screen that opens while
 * its pending scans are being sent (just after login) reads the document after they landed.
 */
export function settled(scope: string): Promise<void> {
  const busy = () => actionQueue.list().some((a) => a.scope === scope && a.state === 'sending');
  if (!busy()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = actionQueue.onChange(() => {
      if (busy()) return;
      stop();
      resolve();
    });
  });
}

/**
 * The outcomes of a screen's actions that come late: an action that was pending (network, 401,
 * server) and went through, or was refused, on a retry. The screen shows the server's answer.
 */
export function useLateOutcomes(scope: string, listener: (event: QueueEvent) => void) {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(
    () =>
      actionQueue.subscribe((event) => {
        if (event.late && event.action.scope === scope) latest.current(event);
      }),
    [scope],
  );
}

/** A queued action's problem as the screens show problems. */
export const asApiProblem = (p: ProblemLike) => (p instanceof api.ApiProblem ? p : new api.ApiProblem(p.code, p.status, p.detail, p.errors, p.data, p.requestId));
