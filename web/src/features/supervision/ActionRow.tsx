import { useState } from 'preact/hooks';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useAction } from '../../components/action.ts';
import { atOwnDepot, hasRole, session } from '../auth/session.ts';
import { closeAction, verifyAction, type Action } from './supervision-api.ts';
import { t } from './i18n.ts';

const BADGE: Record<Action['status'], string> = { open: 'status-awaiting_approval', closed: 'status-approved', verified: 'status-received' };

/**
 * One corrective action with what may be done to it here, as the server allows it: the visited
 * depot's owner or leader closes it with a note; the visiting depot's leader, inspector or planner
 * verifies it. Neither side ever does the other's part.
 */
export function ActionRow({ action, visitSigned, visitedDepotId, visitingDepotId, onChanged }: { action: Action; visitSigned: boolean; visitedDepotId: number; visitingDepotId: number; onChanged: () => void }) {
  const { busy, problem, run } = useAction();
  const [closing, setClosing] = useState(false);
  const [note, setNote] = useState('');
  const closes = visitSigned && action.status === 'open' && atOwnDepot(visitedDepotId) && (session.value?.user.id === action.ownerId || hasRole('leader'));
  const verifies = action.status === 'closed' && atOwnDepot(visitingDepotId) && (hasRole('leader') || hasRole('inspector') || hasRole('planner'));
  async function close(e: Event) {
    e.preventDefault();
    if (await run(() => closeAction(action.id, note.trim()))) onChanged();
  }
  async function verify() {
    if (await run(() => verifyAction(action.id))) onChanged();
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
      {verifies && (
        <button type="button" class="button primary small" data-testid="action-verify" disabled={busy} onClick={() => void verify()}>
          {t('supervision.verify')}
        </button>
      )}
      <ProblemMessage problem={problem} testid="action-problem" />
    </div>
  );
}
