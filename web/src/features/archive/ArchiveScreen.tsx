import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { archiveIndex, retentionDue, sheetUrl, type ArchiveCategory, type ArchiveEntry, type ArchiveIndex } from './archive-api.ts';
import { RetentionPanel } from './RetentionPanel.tsx';
import { t } from './i18n.ts';

const say = (text: { zh: string; en: string }) => (lang.value === 'en' ? text.en : text.zh);

/**
 * A depot's business archive (业务档案, S0:335-337): the index of form 1.1, every document the
 * system made there by category with its retention, filtered by year and category; each leads to
 * its scanned paper files. Below, the documents past retention awaiting the leader.
 */
export function ArchiveScreen({ depotId, query }: { depotId: number; query: URLSearchParams }) {
  const year = Number(query.get('year')) || undefined;
  const category = (query.get('category') || undefined) as ArchiveCategory | undefined;
  const [index, setIndex] = useState<ArchiveIndex | null>(null);
  const [due, setDue] = useState<ArchiveEntry[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const load = () => {
    setProblem(null);
    Promise.all([archiveIndex(depotId, year, category), retentionDue(depotId)]).then(
      ([i, d]) => {
        setIndex(i);
        setDue(d.items);
      },
      (e) => setProblem(toProblem(e)),
    );
  };
  useEffect(load, [depotId, year, category]);
  const filter = (next: { year?: number; category?: string }) => navigate(paths.archive(depotId, { year, category, ...next }));

  return (
    <section class="screen archive-screen" data-testid="archive-screen" data-state={index ? 'ready' : problem ? 'error' : 'loading'}>
      <h2>{t('archive.title')}</h2>
      <p class="hint">{t('archive.hint')}</p>
      <ProblemMessage problem={problem} onRetry={load} />
      {index && (
        <>
          <div class="toolbar no-print archive-filters">
            <label>
              {t('archive.year')}
              <select data-testid="archive-year" value={year ?? ''} onChange={(e) => filter({ year: Number(e.currentTarget.value) || undefined })}>
                <option value="">{t('archive.allYears')}</option>
                {index.years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('archive.category')}
              <select data-testid="archive-category" value={category ?? ''} onChange={(e) => filter({ category: e.currentTarget.value || undefined })}>
                <option value="">{t('archive.allCategories')}</option>
                {index.categories.map((c) => (
                  <option key={c.key} value={c.key}>
                    {say(c.title)}
                  </option>
                ))}
              </select>
            </label>
            <a class="button" href={sheetUrl(depotId, 'html', lang.value, year)} target="_blank" rel="noopener" data-testid="archive-print">
              {t('archive.print')}
            </a>
            <a class="button" href={sheetUrl(depotId, 'xlsx', lang.value, year)} data-testid="archive-xlsx">
              {t('archive.xlsx')}
            </a>
          </div>
          {due && due.length > 0 && <RetentionPanel depotId={depotId} items={due} onChanged={load} />}
          {index.items.length === 0 ? (
            <p class="empty" data-testid="archive-empty">
              {t('archive.empty')}
            </p>
          ) : (
            index.categories
              .filter((c) => c.count > 0)
              .map((c) => (
                <section class="panel" key={c.key} data-testid={`archive-category-${c.key}`}>
                  <h3>
                    {say(c.title)} <span class="muted">{t('archive.retentionYears', { years: c.retentionYears })}</span>
                  </h3>
                  <div class="table-wrap" tabIndex={0} role="region" aria-label={say(c.title)}>
                    <table class="data archive-index">
                      <thead>
                        <tr>
                          <th>{t('archive.number')}</th>
                          <th>{t('archive.docTitle')}</th>
                          <th>{t('archive.date')}</th>
                          <th>{t('archive.retainUntil')}</th>
                          <th>{t('archive.files')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {index.items
                          .filter((e) => e.category === c.key)
                          .map((e) => (
                            <tr key={`${e.kind}:${e.id}`} data-testid="archive-entry" data-kind={e.kind} data-number={e.number}>
                              <td>
                                <a href={paths.archiveDocument(e.kind, e.id)}>{e.number}</a>
                              </td>
                              <td>{say(e.title)}</td>
                              <td>{e.date}</td>
                              <td>
                                {e.retainUntil}
                                {e.disposed && <span class="status-badge status-declined">{t('archive.disposed')}</span>}
                                {e.pastRetention && <span class="status-badge status-awaiting_approval">{t('archive.pastRetention')}</span>}
                              </td>
                              <td class="num">{e.attachments > 0 ? e.attachments : ''}</td>
                            </tr>
                          ))}
                      </tbody>
                    </table>
                  </div>
                </section>
              ))
          )}
        </>
      )}
    </section>
  );
}
