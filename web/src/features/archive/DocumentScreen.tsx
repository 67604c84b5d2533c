import { useEffect, useRef, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useAction } from '../../components/action.ts';
import { DoneNotice, type Done } from '../../components/DoneNotice.tsx';
import { atOwnDepot } from '../auth/session.ts';
import { archiveDocument, attachFile, downloadUrl, type ArchiveDocument } from './archive-api.ts';
import { t } from './i18n.ts';

const say = (text: { zh: string; en: string }) => (lang.value === 'en' ? text.en : text.zh);
const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/**
 * One document of the archive: its place in the index, its scanned paper files (a supplier's
 * delivery note, a voucher, a signed form) to download, and, for its own depot's staff, a file
 * to attach; the retention decisions taken on it.
 */
export function DocumentScreen({ kind, documentId }: { kind: string; documentId: number }) {
  const [doc, setDoc] = useState<ArchiveDocument | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<Done>(null);
  const load = () => archiveDocument(kind, documentId).then(setDoc, (e) => setProblem(toProblem(e)));
  useEffect(() => {
    setDoc(null);
    void load();
  }, [kind, documentId]);

  return (
    <section class="screen archive-document" data-testid="archive-document" data-state={doc ? 'ready' : problem ? 'error' : 'loading'}>
      <ProblemMessage problem={problem} onRetry={() => void load()} />
      {doc && (
        <>
          <p class="no-print">
            <a href={paths.archive(doc.depot.id)}>← {t('archive.backToIndex', { depot: doc.depot.name })}</a>
          </p>
          <h1>
            {say(doc.document.kindTitle)} {doc.document.number}
          </h1>
          <dl class="archive-meta">
            <dt>{t('archive.docTitle')}</dt>
            <dd>{say(doc.document.title)}</dd>
            <dt>{t('archive.date')}</dt>
            <dd>{doc.document.date}</dd>
            <dt>{t('archive.retainUntil')}</dt>
            <dd>
              {doc.document.retainUntil} ({t('archive.retentionYears', { years: doc.document.retentionYears })}){doc.document.disposed && <span class="status-badge status-declined">{t('archive.disposed')}</span>}
            </dd>
          </dl>
          <DoneNotice done={done} testid="attach-done" />
          <section class="panel" data-testid="attachments">
            <h2>{t('archive.attachments')}</h2>
            {doc.attachments.length === 0 ? (
              <p class="empty">{t('archive.noAttachments')}</p>
            ) : (
              <ul class="attachment-list">
                {doc.attachments.map((a) => (
                  <li key={a.id} data-testid="attachment" data-name={a.fileName}>
                    {a.disposedAt ? (
                      <span>
                        {a.fileName} <span class="status-badge status-declined">{t('archive.disposed')}</span>
                      </span>
                    ) : (
                      <a href={downloadUrl(a.id)} download={a.fileName} data-testid="attachment-download">
                        {a.fileName}
                      </a>
                    )}{' '}
                    <span class="muted">
                      {size(a.byteSize)} · {a.attachedByName} · {a.attachedAt.slice(0, 10)}
                      {a.note ? ` · ${a.note}` : ''}
                    </span>
                    <code class="sha" title="SHA-256">
                      {a.sha256.slice(0, 12)}
                    </code>
                  </li>
                ))}
              </ul>
            )}
            {atOwnDepot(doc.depot.id) && !doc.document.disposed && (
              <AttachForm
                key={doc.attachments.length}
                kind={kind}
                documentId={documentId}
                onAttached={(name) => {
                  setDone({ text: () => t('archive.attached', { name }) });
                  void load();
                }}
              />
            )}
          </section>
          {doc.decisions.length > 0 && (
            <section class="panel" data-testid="decisions">
              <h2>{t('archive.decisions')}</h2>
              <ul>
                {doc.decisions.map((d) => (
                  <li key={d.id}>
                    {d.decision === 'keep' ? t('archive.keptUntil', { date: d.keepUntil ?? '' }) : t('archive.disposedBy')} · {d.decidedByName} · {d.decidedAt.slice(0, 10)} · {d.reason}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </section>
  );
}

function AttachForm({ kind, documentId, onAttached }: { kind: string; documentId: number; onAttached: (name: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [note, setNote] = useState('');
  const { busy, problem, run } = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return;
    const attached = await run(() => attachFile(kind, documentId, file, note.trim()));
    // A new form (keyed by the count of files) takes this one's place once the list reloads.
    if (!attached) return;
    onAttached(attached.fileName);
  };
  return (
    <form class="attach-form no-print" onSubmit={(e) => void submit(e)} data-testid="attach-form">
      <label>
        {t('archive.file')}
        <input ref={input} type="file" accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png" required data-testid="attach-file" />
      </label>
      <label>
        {t('archive.note')}
        <input type="text" maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} data-testid="attach-note" />
      </label>
      <button type="submit" class="button primary" disabled={busy} data-testid="attach-submit">
        {t('archive.attach')}
      </button>
      <p class="hint">{t('archive.fileHint')}</p>
      <ProblemMessage problem={problem} testid="attach-problem" />
    </form>
  );
}
