import { useEffect, useState } from 'preact/hooks';
import type { MovementKind } from '../../../../server/schemas/constants.ts';
import { t } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { usePanelFocus } from '../../components/focus.ts';
import { useAction } from '../../components/action.ts';
import { paths } from '../../router.ts';
import { atOwnDepot, hasRole } from '../auth/session.ts';
import { requestReversal, reversalRequests, type ReversalRequest } from '../reversals/reversal-api.ts';

/**
 * What a reversal may undo (server/services/postings.ts): an opening balance, a zone move or a
 * receipt's count posted in error. Everything else is corrected by its own workflow; the server
 * has the last word and its refusal is shown.
 */
const REVERSIBLE: readonly MovementKind[] = ['opening_balance', 'zone_move', 'receipt'];

/** Who asks for a reversal (the server's reversalRoles): a storekeeper or leader of the depot. */
export const asksReversal = (depotId: number) => atOwnDepot(depotId) && (hasRole('storekeeper') || hasRole('leader'));

/** The reversal requests of a depot by posting, newest first, to show each line's state on the card. */
export function useReversalRequests(depotId: number) {
  const [byPosting, setByPosting] = useState(new Map<number, ReversalRequest>());
  const load = () =>
    reversalRequests(depotId).then(
      (r) => setByPosting(new Map([...r.items].reverse().map((x) => [x.postingId, x]))),
      () => undefined,
    );
  useEffect(() => {
    setByPosting(new Map());
    void load();
  }, [depotId]);
  return { byPosting, reload: load };
}

/** Whether a card line may carry the action: its posting's kind, its incoming side, not yet reversed nor waiting. */
export function offersReversal(line: { kind: MovementKind; quantity: number; postingId: number }, request: ReversalRequest | undefined, reversed: boolean) {
  return REVERSIBLE.includes(line.kind) && line.quantity > 0 && !reversed && request?.status !== 'pending' && request?.status !== 'approved';
}

/** The state of a posting's reversal request on the card: waiting, reversed, or refused with the leader's reason. */
export function ReversalState({ request, depotId }: { request: ReversalRequest; depotId: number }) {
  const css = request.status === 'pending' ? 'awaiting_approval' : request.status;
  const title = request.status === 'declined' ? request.decisionReason ?? undefined : request.reason;
  return (
    <a class={`status-badge status-${css} card-reversal`} href={paths.reversals(depotId)} data-testid="card-reversal-state" data-status={request.status} title={title}>
      {t(`reversal.status.${request.status}`)}
    </a>
  );
}

/** The request for a reversal of one posting, with its required reason: a panel in the card that takes the focus and gives it back. */
export function ReverseForm({ postingId, onDone, onCancel }: { postingId: number; onDone: (request: ReversalRequest) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, problem, run } = useAction();
  const panel = usePanelFocus<HTMLFormElement>();
  async function submit(e: Event) {
    e.preventDefault();
    const request = await run(() => requestReversal(postingId, reason.trim()));
    if (request) onDone(request);
  }
  return (
    <form class="inline-form reverse-form" data-testid="reverse-form" aria-label={t('reversal.requestTitle')} ref={panel} onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <p class="hint">{t('reversal.hint')}</p>
      <label class="grow">
        {t('reversal.reason')}
        <input data-testid="reverse-reason" required minLength={2} maxLength={500} placeholder={t('reversal.reasonHint')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button class="button primary" data-testid="reverse-submit" disabled={busy || reason.trim().length < 2}>
        {t('reversal.submit')}
      </button>
      <button type="button" class="button" data-testid="reverse-cancel" onClick={onCancel}>
        {t('button.cancel')}
      </button>
      <ProblemMessage problem={problem} testid="reverse-problem" />
    </form>
  );
}
