/**
 * Scans and actions that must not be lost. Each action gets an Idempotency-Key once, when it is
 * made, and keeps it through every attempt: the server applies a key once and answers a repeat
 * with its first answer (server/http/idempotency.ts), so an action sent again after a lost
 * reply is not applied twice. Actions go one at a time, in the order they were made (the two
 * halves of a carton, a quantity and its scan). One that fails on the network, on a 401 or on a
 * server error stays pending, with everything made after it behind it, until it is retried:
 * after login, when the browser is back online, on a timer, or by hand. A refusal (any other
 * 4xx) is final: the action leaves the queue and the screen shows why. The queue is kept in
 * storage so that a reload (a login after a 401) does not lose it.
 */

export interface ProblemLike {
  code: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  data?: Record<string, unknown>;
  requestId?: string;
}

export type ActionState = 'sending' | 'pending' | 'refused';

export interface PendingAction {
  /** The Idempotency-Key, the same on every attempt. */
  key: string;
  /** Which executor sends it again. */
  kind: string;
  /** The screen it belongs to, e.g. `receipt:12`: that screen lists it and hears its outcome. */
  scope: string;
  /** The executor's argument, as JSON. */
  input: unknown;
  /** What the user sees in the list: the scan as read, or the action's name. */
  label: string;
  /** Whose action: it is sent only in that user's session (the server scopes keys per user). */
  userId: number | null;
  createdAt: string;
  attempts: number;
  state: ActionState;
  problem: ProblemLike | null;
}

export type Outcome = { status: 'applied'; result: unknown } | { status: 'pending'; problem: ProblemLike } | { status: 'refused'; problem: ProblemLike };

export interface QueueEvent {
  action: PendingAction;
  outcome: Outcome;
  /** True when the screen was already told `pending` for this action: the outcome comes later. */
  late: boolean;
}

/** Sends one action with its key; throws a ProblemLike (ApiProblem) when it fails. */
export type Executor = (input: never, key: string) => Promise<unknown>;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface QueueOptions {
  executors: Record<string, Executor>;
  storage?: KeyValueStorage | null;
  storageKey?: string;
  newKey: () => string;
  now?: () => Date;
}

/**
 * Worth sending again: no answer at all (status 0), the session gone (401), a timeout or a
 * throttle, or the server failing (5xx). Anything else the server refused on purpose.
 */
export const isRetryable = (p: ProblemLike) => p.status === 0 || p.status === 401 || p.status === 408 || p.status === 429 || p.status >= 500;

const asProblem = (error: unknown): ProblemLike => {
  if (error && typeof error === 'object' && 'code' in error && 'status' in error) {
    const e = error as ProblemLike;
    return { code: String(e.code), status: Number(e.status), detail: String(e.detail ?? ''), errors: e.errors ?? [], data: e.data, requestId: e.requestId };
  }
  return { code: 'network_error', status: 0, detail: error instanceof Error ? error.message : String(error) };
};

export interface ActionQueue {
  /** Queues an action and sends it (after any still pending); resolves with its first attempt's outcome. */
  submit(kind: string, scope: string, input: unknown, label: string): Promise<Outcome>;
  /** Sends every pending action again, in order. */
  retry(): Promise<void>;
  /** The session is (back) for this user: their pending actions go now. */
  resume(userId: number): Promise<void>;
  /** The session ended: nothing is sent until `resume`. */
  pause(): void;
  /** The user gives up an action still pending, or clears a refusal from the list. */
  discard(key: string): void;
  list(): readonly PendingAction[];
  /** Every outcome, first or late; returns the unsubscribe function. */
  subscribe(listener: (event: QueueEvent) => void): () => void;
  /** Called after each change of the list. */
  onChange(listener: (actions: readonly PendingAction[]) => void): () => void;
}

export function createActionQueue(options: QueueOptions): ActionQueue {
  const storageKey = options.storageKey ?? 'fp.pendingActions';
  const now = options.now ?? (() => new Date());
  let actions: PendingAction[] = load();
  /** The user whose session it is, or was until it ended: an action made meanwhile is theirs. */
  let userId: number | null = null;
  let active = false;
  let draining: Promise<void> | null = null;
  const waiting = new Map<string, (outcome: Outcome) => void>();
  const listeners = new Set<(event: QueueEvent) => void>();
  const changeListeners = new Set<(actions: readonly PendingAction[]) => void>();

  function load(): PendingAction[] {
    try {
      const stored = JSON.parse(options.storage?.getItem(storageKey) ?? '[]') as PendingAction[];
      // Sending when the page went away: whether it arrived is unknown, and the key settles it.
      return Array.isArray(stored) ? stored.map((a) => (a.state === 'sending' ? { ...a, state: 'pending' } : a)) : [];
    } catch {
      return [];
    }
  }

  function changed() {
    try {
      options.storage?.setItem(storageKey, JSON.stringify(actions));
    } catch {
      // storage full or refused: the queue still holds them in memory
    }
    const snapshot = [...actions];
    for (const listener of changeListeners) listener(snapshot);
  }

  function settle(action: PendingAction, outcome: Outcome) {
    const resolve = waiting.get(action.key);
    waiting.delete(action.key);
    resolve?.(outcome);
    for (const listener of listeners) listener({ action, outcome, late: !resolve });
  }

  const update = (key: string, change: Partial<PendingAction>) => {
    actions = actions.map((a) => (a.key === key ? { ...a, ...change } : a));
    changed();
  };
  const remove = (key: string) => {
    actions = actions.filter((a) => a.key !== key);
    changed();
  };
  const sendable = (a: PendingAction) => a.state !== 'refused' && active && a.userId === userId;

  async function drainOnce() {
    for (;;) {
      const head = actions.find(sendable);
      if (!head) return;
      update(head.key, { state: 'sending', attempts: head.attempts + 1 });
      const executor = options.executors[head.kind];
      let outcome: Outcome;
      try {
        if (!executor) throw { code: 'unexpected_response', status: 400, detail: `no executor for ${head.kind}` };
        outcome = { status: 'applied', result: await executor(head.input as never, head.key) };
      } catch (error) {
        const problem = asProblem(error);
        outcome = isRetryable(problem) ? { status: 'pending', problem } : { status: 'refused', problem };
      }
      const sent = actions.find((a) => a.key === head.key);
      if (!sent) continue; // discarded while in flight
      if (outcome.status === 'applied') {
        remove(head.key);
        settle(sent, outcome);
      } else if (outcome.status === 'refused') {
        // Refused at once: the screen shows why. Refused after it was pending: the list keeps it until read.
        if (waiting.has(head.key)) remove(head.key);
        else update(head.key, { state: 'refused', problem: outcome.problem });
        settle({ ...sent, state: 'refused', problem: outcome.problem }, outcome);
      } else {
        update(head.key, { state: 'pending', problem: outcome.problem });
        settle({ ...sent, state: 'pending', problem: outcome.problem }, outcome);
        // Whatever waits behind it stays behind it, in order.
        for (const a of actions) {
          if (a.key !== head.key && waiting.has(a.key) && a.state !== 'refused') {
            update(a.key, { state: 'pending', problem: outcome.problem });
            settle(a, outcome);
          }
        }
        return;
      }
    }
  }

  function drain(): Promise<void> {
    // A drain already running picks up what was added; a new one starts only when it is done.
    draining ??= drainOnce().finally(() => (draining = null));
    return draining;
  }

  /**
   * A new action is also a retry of those still pending before it: they go first. A drain that
   * was just finishing when the action came may have missed it: then another one sends it.
   */
  async function sendAll(key: string) {
    await drain();
    if (waiting.has(key)) await drain();
  }

  return {
    submit(kind, scope, input, label) {
      const action: PendingAction = { key: options.newKey(), kind, scope, input, label, userId, createdAt: now().toISOString(), attempts: 0, state: 'pending', problem: null };
      actions = [...actions, action];
      changed();
      const outcome = new Promise<Outcome>((resolve) => waiting.set(action.key, resolve));
      if (!active) {
        // The session just ended: it waits for the login.
        const problem = { code: 'unauthenticated', status: 401, detail: '' };
        update(action.key, { problem });
        settle({ ...action, problem }, { status: 'pending', problem });
      } else void sendAll(action.key);
      return outcome;
    },
    async retry() {
      await draining;
      await drain();
    },
    async resume(id) {
      userId = id;
      active = true;
      await this.retry();
    },
    pause() {
      active = false;
    },
    discard(key) {
      waiting.get(key)?.({ status: 'refused', problem: { code: 'discarded', status: 0, detail: '' } });
      waiting.delete(key);
      remove(key);
    },
    list: () => actions,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onChange(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
  };
}
