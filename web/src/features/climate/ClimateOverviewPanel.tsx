import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type ClimateOverview } from '../../api.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { DepotTreeName, useDepotTree } from '../../components/depot-tree.tsx';
import { t } from './i18n.ts';
import { formatShortInstant } from './climate-format.ts';

type Row = ClimateOverview['items'][number];
interface Below {
  children: number;
  excursions: number;
  gaps: number;
  noArea: number;
}

/** Above this many depots below, the table starts with only the ones needing attention. */
const FILTER_FROM = 20;
const FLAGGED = 12;

/** What each depot's subtree holds below it; the rows come parents first (by path). */
function totalsBelow(rows: readonly Row[]): Map<number, Below> {
  const totals = new Map<number, Below>(rows.map((r) => [r.id, { children: 0, excursions: 0, gaps: 0, noArea: 0 }]));
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!;
    const parent = r.parentId === null ? undefined : totals.get(r.parentId);
    if (!parent) continue;
    const own = totals.get(r.id)!;
    parent.children++;
    parent.excursions += own.excursions + r.openExcursions;
    parent.gaps += own.gaps + r.openGaps;
    parent.noArea += own.noArea + (r.noLog ? 1 : 0);
  }
  return totals;
}

const needsAttention = (r: Row, below: Below) => r.attention || below.excursions + below.gaps + below.noArea > 0;

/**
 * The depots below as a tree, one level open at first, each closed depot with what its own
 * depots below hold: areas, newest reading, open excursions, missing logs.
 */
export function ClimateOverviewPanel({ depotId }: { depotId: number }) {
  const [overview, setOverview] = useState<ClimateOverview | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [onlyAttention, setOnlyAttention] = useState<boolean | null>(null);
  const load = () => {
    setProblem(null);
    api.climateOverview(depotId).then(setOverview, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setOverview(null);
    setOnlyAttention(null);
    tree.reset();
    load();
  }, [depotId]);

  const below = (overview?.items ?? []).filter((r) => r.depth > 0);
  const totals = totalsBelow(overview?.items ?? []);
  const filtered = onlyAttention ?? below.length > FILTER_FROM;
  const tree = useDepotTree(overview?.items ?? [], (r) => !filtered || needsAttention(r, totals.get(r.id)!));
  const { rows, open, toggle } = tree;
  // Open excursions and missing logs are the news; a depot without any store room set up is a standing state.
  const flagged = below.filter((r) => r.openExcursions > 0 || r.openGaps > 0);
  const counts = {
    depots: below.length,
    excursions: below.filter((r) => r.openExcursions > 0).length,
    missing: below.filter((r) => r.openGaps > 0 || r.noLog).length,
  };
  return (
    <section class="panel climate-overview" data-testid="climate-overview" data-state={overview ? 'ready' : 'loading'}>
      <div class="panel-head">
        <h2>{t('climate.overview')}</h2>
        <label class="check">
          <input type="checkbox" data-testid="overview-attention-only" checked={filtered} onChange={(e) => setOnlyAttention(e.currentTarget.checked)} />
          {t('climate.attentionOnly')}
        </label>
      </div>
      <ProblemMessage problem={problem} onRetry={load} />
      {overview && (
        <p class="muted" data-testid="overview-summary">
          {t('climate.overviewSummary', counts)}
        </p>
      )}
      {flagged.length > 0 && (
        <p class="overview-flagged" data-testid="overview-flagged">
          {flagged.slice(0, FLAGGED).map((r) => (
            <a key={r.id} href={paths.climate(r.id)} class="tag excursion-temperature_high">
              {r.name}
              {r.openExcursions > 0 && ` · ${t('climate.openExcursions', { count: r.openExcursions })}`}
              {r.openGaps > 0 && ` · ${t('climate.gapCount', { count: r.openGaps })}`}
            </a>
          ))}
          {flagged.length > FLAGGED && <span class="muted">…</span>}
        </p>
      )}
      {overview && (
        <div class="table-wrap overview-scroll">
          <table class="data overview-table" data-testid="overview-table">
            <thead>
              <tr>
                <th>{t('label.depot')}</th>
                <th class="num">{t('climate.areaCount')}</th>
                <th>{t('climate.lastReading')}</th>
                <th>{t('climate.openExcursionsColumn')}</th>
                <th>{t('climate.missingLogs')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <OverviewRow key={r.id} row={r} below={totals.get(r.id)!} open={open.has(r.id)} onToggle={() => toggle(r.id)} />
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={5} class="empty">
                    {t(filtered ? 'climate.nothingNeedsAttention' : 'label.empty')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function OverviewRow({ row: r, below, open, onToggle }: { row: Row; below: Below; open: boolean; onToggle: () => void }) {
  const closed = below.children > 0 && !open;
  const alarm = r.openExcursions > 0 || r.openGaps > 0 || (closed && below.excursions + below.gaps > 0);
  return (
    <tr class={alarm ? 'row-attention' : r.noLog ? 'row-no-area' : undefined} data-testid="overview-row" data-code={r.code} data-attention={String(r.attention)}>
      <td>
        <DepotTreeName row={r} hasChildren={below.children > 0} open={open} onToggle={onToggle} href={paths.climate(r.id)} toggleTestId={`overview-toggle-${r.code}`} />
      </td>
      <td class="num">{r.areas}</td>
      <td class="nowrap">{r.lastReadingAt === null ? '—' : formatShortInstant(r.lastReadingAt)}</td>
      <td>
        {r.openExcursions > 0 ? <span class="tag excursion-temperature_high">{r.openExcursions}</span> : '0'}
        {closed && below.excursions > 0 && <span class="muted below">{t('climate.belowExcursions', { count: below.excursions })}</span>}
      </td>
      <td>
        {r.noLog ? <span class="tag excursion-gap">{t('climate.noArea')}</span> : r.openGaps > 0 ? <span class="tag excursion-gap">{t('climate.gapCount', { count: r.openGaps })}</span> : '—'}
        {closed && below.gaps > 0 && <span class="muted below">{t('climate.belowGaps', { count: below.gaps })}</span>}
        {closed && below.noArea > 0 && <span class="muted below">{t('climate.belowNoArea', { count: below.noArea })}</span>}
      </td>
    </tr>
  );
}
