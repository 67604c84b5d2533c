import { useState } from 'preact/hooks';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useAction } from '../../components/action.ts';
import { waive } from './training-api.ts';
import { t } from './i18n.ts';

/** The user's leader waives the training a new user waits for, with a reason (S0:466). */
export function WaiverPanel({ userId, onDone }: { userId: number; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, problem, run } = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    if (await run(() => waive(userId, reason.trim()))) onDone();
  }
  return (
    <form class="picker" data-testid="waiver-form" onSubmit={(e) => void submit(e)}>
      <label class="field">
        <span>{t('training.waiverReason')}</span>
        <input data-testid="waiver-reason" value={reason} required minLength={4} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button type="submit" class="button" data-testid="waiver-submit" disabled={busy}>
        {t('training.waive')}
      </button>
      <ProblemMessage problem={problem} />
    </form>
  );
}
