import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { paths } from '../../router.ts';
import { formatQuantity, formatYuan, type UnitQuantity, unitsData } from '../../components/format.ts';
import { UnitQuantities } from '../../components/UnitQuantities.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { DepotTreeName, useDepotTree } from '../../components/depot-tree.tsx';
import { dashboard, type Dashboard, type Glance } from './dashboard-api.ts';
import { t } from './i18n.ts';

type Tree = NonNullable<Dashboard['tree']>;
type Row = Glance & { depth: number; parentId: number | null };

/** The rows parents first: the depot, its children, and the children of those already opened. */
function flatten(tree: Tree, below: ReadonlyMap<number, Glance[]>): Row[] {
  const rows: Row[] = [{ ...tree.self, childCount: tree.children.length, depth: 0, parentId: null }];
  const add = (parentId: number, kids: readonly Glance[], depth: number) => {
    for (const k of kids) {
      rows.push({ ...k, depth, parentId });
      const more = below.get(k.id);
      if (more) add(k.id, more, depth + 1);
    }
  };
  add(tree.self.id, tree.children, 1);
  return rows;
}

/**
 * The depots below as a tree, one level at first; opening a depot asks for its own dashboard,
 * whose tree holds the next level. Each row sums its depot's subtree, with one state dot.
 */
export function DepotStateTree({ tree }: { tree: Tree }) {
  const [below, setBelow] = useState<ReadonlyMap<number, Glance[]>>(new Map());
  const [loading, setLoading] = useState<ReadonlySet<number>>(new Set());
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const { rows, open, toggle } = useDepotTree(flatten(tree, below), () => true);

  async function load(id: number) {
    setLoading((s) => new Set(s).add(id));
    try {
      const d = await dashboard(id);
      setBelow((m) => new Map(m).set(id, d.tree?.children ?? []));
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setLoading((s) => {
        const next = new Set(s);
        next.delete(id);
        return next;
      });
    }
  }
  const onToggle = (r: Row) => {
    if (!open.has(r.id) && !below.has(r.id) && !loading.has(r.id)) void load(r.id);
    toggle(r.id);
  };
  const planHead = t('dash.col.plan', { year: tree.planYear });

  return (
    <section class="panel dash-tree" data-testid="panel-tree" data-plan-year={tree.planYear}>
      <div class="panel-head">
        <h2>{t('dash.tree')}</h2>
        <span class="muted">{t('dash.tree.hint')}</span>
      </div>
      <ProblemMessage problem={problem} onRetry={() => setProblem(null)} />
      <div class="table-wrap">
        <table class="data glance-table" data-testid="glance-table">
          <thead>
            <tr>
              <th>{t('label.depot')}</th>
              <th>{t('dash.col.state')}</th>
              <th class="num">{t('dash.col.value')}</th>
              <th class="num">{t('dash.col.expired')}</th>
              <th class="num">{t('dash.col.near')}</th>
              <th>{t('dash.col.climate')}</th>
              <th class="num">{t('dash.col.counts')}</th>
              <th>{planHead}</th>
              <th class="num">{t('dash.col.writeOffs')}</th>
            </tr>
          </thead>
          <tbody>
            <GlanceRow row={{ ...tree.self, childCount: 0, depth: 0, parentId: null }} planHead={planHead} planYear={tree.planYear} self />
            {rows.map((r) => (
              <Fragment key={r.id}>
                <GlanceRow row={r} planHead={planHead} planYear={tree.planYear} open={open.has(r.id)} onToggle={() => onToggle(r)} />
                {open.has(r.id) && loading.has(r.id) && (
                  <tr class="glance-loading">
                    <td colSpan={9} class="muted" style={{ paddingLeft: `${r.depth * 1.5 + 2}rem` }}>
                      {t('dash.loadingBelow')}
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted dash-legend">{t('dash.legend')}</p>
    </section>
  );
}

/** Quantities per unit that lead to the screen where they are dealt with, muted when none. */
function UnitFigure({ quantities, href, tone }: { quantities: readonly UnitQuantity[]; href: string; tone?: string }) {
  if (quantities.length === 0) return <span class="muted">0</span>;
  return (
    <a href={href} class={tone}>
      <UnitQuantities totals={quantities} />
    </a>
  );
}


/** A figure that leads to the screen where it is dealt with, muted when zero. */
function Figure({ value, href, text, tone }: { value: number; href: string; text?: string; tone?: string }) {
  if (value === 0) return <span class="muted">0</span>;
  return (
    <a href={href} class={tone}>
      {text ?? formatQuantity(value)}
    </a>
  );
}

function GlanceRow(props: { row: Row; planHead: string; planYear: number; self?: boolean; open?: boolean; onToggle?: () => void }) {
  const r = props.row;
  return (
    <tr class={`glance-row state-${r.state}${props.self ? ' glance-self' : ''}`} data-testid={props.self ? 'glance-self' : 'glance-row'} data-code={r.code} data-state={r.state} data-depth={r.depth}>
      <td class="glance-name" data-label={t('label.depot')}>
        {props.self ? (
          <span class="overview-name">
            <span class="tree-toggle" aria-hidden="true" />
            <strong>{t('dash.tree.self')}</strong> <span class="muted">{r.name}</span>
          </span>
        ) : (
          <DepotTreeName row={r} hasChildren={r.childCount > 0} open={props.open ?? false} onToggle={props.onToggle ?? (() => undefined)} href={paths.dashboard(r.id)} toggleTestId={`glance-toggle-${r.code}`} />
        )}
      </td>
      <td class="glance-state" data-label={t('dash.col.state')} title={t(`dash.state.${r.state}`)}>
        <span class={`state-dot ${r.state}`} aria-hidden="true" /> <span class="state-word visually-hidden">{t(`dash.state.${r.state}`)}</span>
      </td>
      <td class="num" data-label={t('dash.col.value')} data-testid="glance-value">
        {formatYuan(r.stockValueFen)}
      </td>
      <td class="num" data-label={t('dash.col.expired')} data-testid="glance-expired" data-value={unitsData(r.expired)}>
        <UnitFigure quantities={r.expired} href={paths.quality(r.id)} tone={r.expiredInQualified.length > 0 ? 'figure-alert' : 'figure-attention'} />
      </td>
      <td class="num" data-label={t('dash.col.near')} data-testid="glance-near" data-value={unitsData(r.nearExpiry)}>
        <UnitFigure quantities={r.nearExpiry} href={paths.quality(r.id)} />
      </td>
      <td data-label={t('dash.col.climate')} data-testid="glance-climate" data-excursions={r.openExcursions} data-missing={r.missingLogs}>
        {r.openExcursions === 0 && r.missingLogs === 0 ? (
          <span class="muted">0</span>
        ) : (
          <span class="glance-tags">
            {r.openExcursions > 0 && (
              <a class="tag excursion-temperature_high" href={paths.climate(r.id)}>
                {t('dash.climate.excursions', { count: r.openExcursions })}
              </a>
            )}
            {r.missingLogs > 0 && (
              <a class="tag excursion-gap" href={paths.climate(r.id)}>
                {t('dash.climate.missing', { count: r.missingLogs })}
              </a>
            )}
          </span>
        )}
      </td>
      <td class="num" data-label={t('dash.col.counts')} data-testid="glance-counts" data-value={r.countsOverdue}>
        <Figure value={r.countsOverdue} href={paths.counts(r.id)} text={r.depots > 1 ? `${formatQuantity(r.countsOverdue)}/${formatQuantity(r.depots)}` : undefined} tone="figure-attention" />
      </td>
      <td data-label={props.planHead} data-testid="glance-plan" data-status={r.demandPlan ?? ''}>
        {r.demandPlan === null ? (
          <span class="muted">—</span>
        ) : (
          <a class={`tag ${r.demandPlan === 'submitted' ? 'ok' : r.demandPlan === 'returned' ? 'excursion-temperature_high' : 'warn'}`} href={paths.planning(r.id, props.planYear)}>
            {t(`dash.planStatus.${r.demandPlan}`)}
          </a>
        )}
      </td>
      <td class="num" data-label={t('dash.col.writeOffs')} data-testid="glance-write-offs" data-value={r.openWriteOffs}>
        <Figure value={r.openWriteOffs} href={paths.quality(r.id)} tone="figure-attention" />
      </td>
    </tr>
  );
}
