import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { problemText } from '../../components/ProblemMessage.tsx';
import { ApiProblem } from '../../api.ts';
import { session } from '../auth/session.ts';
import { actionQueue, pendingActions } from './scan-actions.ts';
import { focusScanField } from './ScanField.tsx';
import type { PendingAction } from './pending-actions.ts';

const reasonOf = (a: PendingAction) => (a.problem ? problemText(new ApiProblem(a.problem.code, a.problem.status, a.problem.detail, a.problem.errors, a.problem.data, a.problem.requestId)) : '');

/**
 * The scans and actions of this screen that did not reach the server (network, login, server
 * error), each with its Idempotency-Key, tried again automatically after login or reconnection
 * and by the Retry button; and those the server refused on a retry, until read. Nothing is
 * dropped without the user seeing it.
 */
export function PendingActions({ scope, onDiscard }: { scope: string; onDiscard?: () => void }) {
  const [discarding, setDiscarding] = useState<PendingAction | null>(null);
  const me = session.value?.user.id;
  const mine = pendingActions.value.filter((a) => a.userId === me && (a.problem !== null || a.state === 'refused'));
  const here = mine.filter((a) => a.scope === scope);
  const elsewhere = mine.length - here.length;
  if (here.length === 0 && elsewhere === 0) return null;
  const waiting = here.filter((a) => a.state !== 'refused');
  return (
    <section class="pending-actions no-print" data-testid="pending-actions" aria-live="polite">
      {here.length > 0 && (
        <>
          <h2>{waiting.length > 0 ? t('pending.title', { count: waiting.length }) : t('pending.refusedTitle', { count: here.length })}</h2>
          {waiting.length > 0 && <p class="hint">{t('pending.hint')}</p>}
          <ul>
            {here.map((a) => (
              <li key={a.key} data-testid="pending-action" data-key={a.key} data-state={a.state} data-kind={a.kind}>
                <span class="pending-label">{a.label}</span>
                <span data-testid="pending-reason">{a.state === 'refused' ? t('pending.refused', { reason: reasonOf(a) }) : a.state === 'sending' ? t('pending.sending') : reasonOf(a)}</span>
                <code title={t('pending.key')}>{a.key}</code>
                {a.state === 'refused' ? (
                  <button type="button" class="button small" data-testid="pending-dismiss" onClick={() => (actionQueue.discard(a.key), focusScanField())}>
                    {t('button.close')}
                  </button>
                ) : (
                  <button
                    type="button"
                    class="button small danger-outline"
                    data-testid="pending-discard"
                    onClick={() => setDiscarding(a)}
                  >
                    {t('pending.discard')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {waiting.length > 0 && (
            <button type="button" class="button primary" data-testid="pending-retry" onClick={() => void actionQueue.retry().then(focusScanField)}>
              {t('button.retry')}
            </button>
          )}
        </>
      )}
      {elsewhere > 0 && <p class="hint" data-testid="pending-elsewhere">{t('pending.elsewhere', { count: elsewhere })}</p>}
      {discarding && (
        <ConfirmDialog
          testid="discard-dialog"
          title={t('pending.discard')}
          confirmLabel={t('pending.discard')}
          cancelLabel={t('pending.keep')}
          danger
          onCancel={() => setDiscarding(null)}
          onConfirm={() => {
            actionQueue.discard(discarding.key);
            setDiscarding(null);
            onDiscard?.();
          }}
        >
          <p>{t('pending.confirmDiscard', { label: discarding.label })}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
