import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatQuantity } from '../../components/format.ts';
import { getSubmission, preparedReport, type FigureChange, type Snapshot, type SubmissionKind, type SubmissionPeriod } from './submissions-api.ts';
import { t } from './i18n.ts';

const say = (text: { zh: string; en: string }) => (lang.value === 'en' ? text.en : text.zh);

type Source = { submissionId: number } | { depotId: number; kind: SubmissionKind; year: number; period: SubmissionPeriod };

/**
 * The figures of a report going up, shown where someone decides on them: a submitted version (the
 * frozen snapshot, what changed against the version before marked) for the depot above that
 * accepts or returns it, or the live figures a leader is about to sign (with what changed since a
 * returned version). Above the starting tier it says which depots below are included and which missing.
 */
export function SubmissionFigures({ source }: { source: Source }) {
  const [data, setData] = useState<{ snapshot: Snapshot; changes: FigureChange[]; live: boolean } | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const key = JSON.stringify(source);
  const load = () => {
    setProblem(null);
    const loaded =
      'submissionId' in source
        ? getSubmission(source.submissionId).then((s) => ({ snapshot: s.snapshot, changes: s.diff ?? [], live: false }))
        : preparedReport(source.depotId, source.kind, source.year, source.period).then((p) => ({ snapshot: p.snapshot, changes: p.changes, live: true }));
    loaded.then(setData, (e) => setProblem(toProblem(e)));
  };
  useEffect(load, [key]);
  if (!data) return problem ? <ProblemMessage problem={problem} onRetry={load} /> : <p class="note">{t('submission.loading')}</p>;
  const { snapshot, changes, live } = data;
  const changed = new Map(changes.map((c) => [`${c.line}/${c.column}`, c]));
  return (
    <div class="submission-figures" data-testid="submission-figures" data-live={String(live)} data-changes={changes.length}>
      <p class="small muted">{live ? t('submission.liveFigures') : t('submission.frozenFigures')}</p>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={say(snapshot.title)}>
        <table class="data compact">
          <thead>
            <tr>
              <th />
              {snapshot.columns.map((c) => (
                <th key={c.key} class="num">
                  {say(c.header)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {snapshot.lines.map((l) => (
              <tr key={l.key} data-testid="submission-figure-line" data-line={l.key}>
                <th scope="row">
                  {say(l.label)}
                  {l.unit && <span class="muted small"> {say(l.unit)}</span>}
                </th>
                {snapshot.columns.map((c) => {
                  const change = changed.get(`${l.key}/${c.key}`);
                  return (
                    <td key={c.key} class={change ? 'num changed' : 'num'} data-changed={change ? String(change.before) : undefined} title={change ? t('submission.changedFrom', { before: formatQuantity(change.before) }) : undefined}>
                      {formatQuantity(l.values[c.key] ?? 0)}
                      {change && <span class="small muted"> ({t('submission.was', { before: formatQuantity(change.before) })})</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
            {snapshot.lines.length === 0 && (
              <tr>
                <td colSpan={snapshot.columns.length + 1} class="empty">
                  {t('submission.noFigures')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {snapshot.children && (
        <p class="small" data-testid="submission-children">
          {t('submission.included', { depots: snapshot.children.included.map((c) => c.name).join(lang.value === 'en' ? ', ' : '、') || '—' })}
          {snapshot.children.missing.length > 0 && <> {t('submission.missing', { depots: snapshot.children.missing.map((c) => c.name).join(lang.value === 'en' ? ', ' : '、') })}</>}
        </p>
      )}
    </div>
  );
}
