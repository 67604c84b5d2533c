import { useState } from 'preact/hooks';
import type { ApiProblem, CountStatus } from '../../api.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { DepotTreeName, useDepotTree } from '../../components/depot-tree.tsx';
import { t } from './i18n.ts';
import { localDate } from './count-format.ts';

type Row = CountStatus['items'][number] & { parentId: number | null };
interface Below {
  children: number;
  depots: number;
  overdue: number;
}

/** The rows come parents first (by path): a row's parent is the nearest row above it one level up. */
function withParents(items: CountStatus['items']): Row[] {
  const stack: number[] = [];
  return items.map((r) => {
    stack.length = r.depth;
    const parentId = r.depth > 0 ? (stack[r.depth - 1] ?? null) : null;
    stack[r.depth] = r.id;
    return { ...r, parentId };
  });
}

/** Each depot's children, all the depots below it, and how many of those are overdue. */
function totalsBelow(rows: readonly Row[]): Map<number, Below> {
  const totals = new Map<number, Below>(rows.map((r) => [r.id, { children: 0, depots: 0, overdue: 0 }]));
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i]!;
    const parent = r.parentId === null ? undefined : totals.get(r.parentId);
    if (!parent) continue;
    const own = totals.get(r.id)!;
    parent.children++;
    parent.depots += own.depots + 1;
    parent.overdue += own.overdue + (r.overdue ? 1 : 0);
  }
  return totals;
}

/**
 * The yearly count (SC-1, S0:384) of the depots below as a tree, one level open at first: the
 * last posted count, the day the next is due, overdue ones marked, a count under way linked.
 */
export function CountStatusPanel({ status, problem, onRetry }: { status: CountStatus | null; problem: ApiProblem | null; onRetry: () => void }) {
  const [overdueOnly, setOverdueOnly] = useState(false);
  const all = withParents(status?.items ?? []);
  const below = all.filter((r) => r.depth > 0);
  const totals = totalsBelow(all);
  const { rows, open, toggle } = useDepotTree(all, (r) => !overdueOnly || r.overdue || totals.get(r.id)!.overdue > 0);
  return (
    <section class="panel count-status" data-testid="count-status" data-state={status ? 'ready' : 'loading'}>
      <div class="panel-head">
        <h2>{t('count.statusBelow')}</h2>
        <label class="check">
          <input type="checkbox" data-testid="count-status-overdue-only" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.currentTarget.checked)} />
          {t('count.overdueOnly')}
        </label>
      </div>
      <ProblemMessage problem={problem} onRetry={onRetry} />
      {status && (
        <p class="muted" data-testid="count-status-summary">
          {t('count.statusSummary', { depots: below.length, overdue: below.filter((r) => r.overdue).length, months: status.intervalMonths })}
        </p>
      )}
      {status && (
        <div class="table-wrap overview-scroll">
          <table class="data overview-table" data-testid="count-status-table">
            <thead>
              <tr>
                <th>{t('label.depot')}</th>
                <th>{t('count.lastCounted')}</th>
                <th>{t('count.dueOn')}</th>
                <th>{t('label.status')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <StatusRow key={r.id} row={r} below={totals.get(r.id)!} open={open.has(r.id)} onToggle={() => toggle(r.id)} />
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={4} class="empty">
                    {t(overdueOnly ? 'count.noneOverdue' : 'label.empty')}
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

function StatusRow({ row: r, below, open, onToggle }: { row: Row; below: Below; open: boolean; onToggle: () => void }) {
  const closed = below.children > 0 && !open;
  return (
    <tr class={r.overdue ? 'row-attention' : undefined} data-testid="count-status-row" data-code={r.code} data-overdue={String(r.overdue)}>
      <td>
        <DepotTreeName row={r} hasChildren={below.children > 0} open={open} onToggle={onToggle} href={paths.counts(r.id)} toggleTestId={`count-status-toggle-${r.code}`} />
      </td>
      <td class="nowrap" data-testid="count-status-last">
        {r.lastCountedAt === null ? <span class="muted">{t('count.never')}</span> : localDate(r.lastCountedAt)}
      </td>
      <td class="nowrap">{r.dueOn ?? '—'}</td>
      <td>
        {r.overdue ? <span class="tag excursion-temperature_high">{t('count.overdue')}</span> : <span class="tag ok">{t('count.onTime')}</span>}
        {r.openCountId !== null && (
          <>
            {' '}
            <a class="tag warn" href={paths.count(r.openCountId)} data-testid="count-status-open">
              {t('count.underWay')}
            </a>
          </>
        )}
        {closed && below.overdue > 0 && <span class="muted below">{t('count.belowOverdue', { count: below.overdue, total: below.depots })}</span>}
      </td>
    </tr>
  );
}
