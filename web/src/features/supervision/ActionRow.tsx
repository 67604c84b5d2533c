import { useState } from 'preact/hooks';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useAction } from '../../components/action.ts';
import { atOwnDepot, hasRole, session } from '../auth/session.ts';
import { closeAction, reopenAction, verifyAction, type Action } from './supervision-api.ts';
import { t } from './i18n.ts';

const BADGE: Record<Action['status'], string> = { open: 'status-awaiting_approval', closed: 'status-approved', verified: 'status-received' };

/**
 * One corrective action with what may be done to it here, as the server allows it: the visited
 * depot's owner or leader closes it with a note; the visiting depot's leader, inspector or planner
 * verifies it, or sends it back with a reason (and perhaps a new deadline). Neither side ever
 * does the other's part.
 */
export function ActionRow({ action, visitSigned, visitedDepotId, visitingDepotId, onChanged }: { action: Action; visitSigned: boolean; visitedDepotId: number; visitingDepotId: number; onChanged: () => void }) {
  const { busy, problem, run } = useAction();
  const [closing, setClosing] = useState(false);
  const [note, setNote] = useState('');
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [newDue, setNewDue] = useState('');
  const closes = visitSigned && action.status === 'open' && atOwnDepot(visitedDepotId) && (session.value?.user.id === action.ownerId || hasRole('leader'));
  const verifies = action.status === 'closed' && atOwnDepot(visitingDepotId) && (hasRole('leader') || hasRole('inspector') || hasRole('planner'));
  async function close(e: Event) {
    e.preventDefault();
    if (await run(() => closeAction(action.id, note.trim()))) onChanged();
  }
  async function verify() {
    if (await run(() => verifyAction(action.id))) onChanged();
  }
  async function reopen(e: Event) {
    e.preventDefault();
    if (await run(() => reopenAction(action.id, reason.trim(), newDue || null))) onChanged();
  }
  return (
    <div class="supervision-action" data-testid="action" data-action={action.id} data-status={action.status}>
      <div>
        <strong>{action.text}</strong>{' '}
        <span class={`status-badge ${BADGE[action.status]}`} data-testid="action-status">
          {t(`supervision.action.${action.status}`)}
        </span>
        {action.overdue && (
          <span class="status-badge status-declined" data-testid="action-overdue">
            {t('supervision.overdue')}
          </span>
        )}
      </div>
      <div class="small muted">
        {t('supervision.owner')}：{action.ownerName ?? '—'} · {t('supervision.dueOn')}：{action.dueOn}
      </div>
      {action.closedAt && <div class="small">{t('supervision.closedBy', { name: action.closedByName ?? '', date: action.closedAt.slice(0, 10), note: action.closeNote ?? '' })}</div>}
      {action.reopenedAt && action.status === 'open' && (
        <div class="small warn" data-testid="action-reopened">
          {t('supervision.reopenedBecause', { date: action.reopenedAt.slice(0, 10), note: action.reopenNote ?? '' })}
        </div>
      )}
      {action.verifiedAt && <div class="small">{t('supervision.verifiedBy', { name: action.verifiedByName ?? '', date: action.verifiedAt.slice(0, 10) })}</div>}
      {closes && !closing && (
        <button type="button" class="button primary small" data-testid="action-close" onClick={() => setClosing(true)}>
          {t('supervision.closeAction')}
        </button>
      )}
      {closing && (
        <form class="inline-form" data-testid="action-close-form" onSubmit={(e) => void close(e)}>
          <label class="grow">
            {t('supervision.closeNote')}
            <input data-testid="action-close-note" required minLength={2} maxLength={1000} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <button class="button primary" data-testid="action-close-submit" disabled={busy || note.trim().length < 2}>
            {t('supervision.closeActionDo')}
          </button>
          <button type="button" class="button" onClick={() => setClosing(false)}>
            {t('supervision.cancel')}
          </button>
        </form>
      )}
      {verifies && !reopening && (
        <div class="toolbar">
          <button type="button" class="button primary small" data-testid="action-verify" disabled={busy} onClick={() => void verify()}>
            {t('supervision.verify')}
          </button>
          <button type="button" class="button small" data-testid="action-reopen" disabled={busy} onClick={() => setReopening(true)}>
            {t('supervision.reopen')}
          </button>
        </div>
      )}
      {verifies && reopening && (
        <form class="inline-form" data-testid="action-reopen-form" onSubmit={(e) => void reopen(e)}>
          <label class="grow">
            {t('supervision.reopenNote')}
            <input data-testid="action-reopen-note" required minLength={2} maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <label>
            {t('supervision.reopenDue')}
            <input type="date" data-testid="action-reopen-due" value={newDue} onInput={(e) => setNewDue(e.currentTarget.value)} />
          </label>
          <button class="button primary" data-testid="action-reopen-submit" disabled={busy || reason.trim().length < 2}>
            {t('supervision.reopenDo')}
          </button>
          <button type="button" class="button" onClick={() => setReopening(false)}>
            {t('supervision.cancel')}
          </button>
        </form>
      )}
      <ProblemMessage problem={problem} testid="action-problem" />
    </div>
  );
}
