import { useState } from 'preact/hooks';
import { lang } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useAction } from '../../components/action.ts';
import { atOwnDepot, hasRole } from '../auth/session.ts';
import { decideRetention, type ArchiveEntry } from './archive-api.ts';
import { t } from './i18n.ts';

const say = (text: { zh: string; en: string }) => (lang.value === 'en' ? text.en : text.zh);

/** The documents past retention (S0:337, 564): listed until the depot's leader keeps one longer or disposes of it; nothing goes by itself. */
export function RetentionPanel({ depotId, items, onChanged }: { depotId: number; items: ArchiveEntry[]; onChanged: () => void }) {
  const decides = atOwnDepot(depotId) && hasRole('leader');
  return (
    <section class="panel retention-panel" data-testid="retention-due">
      <h3>{t('archive.retentionDue')}</h3>
      <p class="hint">{decides ? t('archive.retentionHint') : t('archive.retentionLeaderOnly')}</p>
      <ul class="retention-list">
        {items.map((e) => (
          <li key={`${e.kind}:${e.id}`} data-testid="retention-item" data-number={e.number}>
            <a href={paths.archiveDocument(e.kind, e.id)}>{e.number}</a> {say(e.title)} · {t('archive.retainUntil')} {e.retainUntil}
            {decides && <Decision entry={e} onChanged={onChanged} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Decision({ entry, onChanged }: { entry: ArchiveEntry; onChanged: () => void }) {
  const [reason, setReason] = useState('');
  const [keepUntil, setKeepUntil] = useState('');
  const { busy, problem, run } = useAction();
  const decide = async (decision: 'keep' | 'dispose') => {
    if (decision === 'dispose' && !confirm(t('archive.confirmDispose', { number: entry.number }))) return;
    const done = await run(() => decideRetention({ kind: entry.kind, documentId: entry.id, decision, keepUntil: decision === 'keep' ? keepUntil : null, reason }));
    if (done) onChanged();
  };
  return (
    <div class="decide retention-decide">
      <input type="text" placeholder={t('archive.reason')} aria-label={t('archive.reason')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} data-testid="retention-reason" />
      <input type="date" aria-label={t('archive.keepUntil')} value={keepUntil} onInput={(e) => setKeepUntil(e.currentTarget.value)} data-testid="retention-keep-until" />
      <button type="button" class="button" disabled={busy} onClick={() => void decide('keep')} data-testid="retention-keep">
        {t('archive.keep')}
      </button>
      <button type="button" class="button danger" disabled={busy} onClick={() => void decide('dispose')} data-testid="retention-dispose">
        {t('archive.dispose')}
      </button>
      <ProblemMessage problem={problem} />
    </div>
  );
}
