import { useState } from 'preact/hooks';
import type { DepotTier } from '../../../server/schemas/constants.ts';
import { t } from '../i18n/index.ts';

interface TreeRow {
  id: number;
  parentId: number | null;
  depth: number;
}

/**
 * The depots below a depot as a collapsible tree (rows parents first, by path; depth 0 is the
 * depot itself): the first level shows, a row's children show when it is opened, and `keep`
 * filters (a parent kept for what is below it keeps its place).
 */
export function useDepotTree<R extends TreeRow>(all: readonly R[], keep: (row: R) => boolean) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const shown = new Set<number>();
  const rows = all.filter((r) => {
    if (r.depth === 0) return false;
    const visible = (r.depth === 1 || (r.parentId !== null && shown.has(r.parentId) && open.has(r.parentId))) && keep(r);
    if (visible) shown.add(r.id);
    return visible;
  });
  const toggle = (id: number) => {
    const next = new Set(open);
    if (!next.delete(id)) next.add(id);
    setOpen(next);
  };
  return { rows, open, toggle, reset: () => setOpen(new Set()) };
}

/** A tree row's name cell: indented by depth, with its open/close toggle when it has depots below. */
export function DepotTreeName(props: { row: { code: string; name: string; tier: string; depth: number }; hasChildren: boolean; open: boolean; onToggle: () => void; href: string; toggleTestId: string }) {
  const { row: r } = props;
  return (
    <span class="overview-name" style={{ paddingLeft: `${(r.depth - 1) * 1.5}rem` }}>
      {props.hasChildren ? (
        <button type="button" class="tree-toggle" data-testid={props.toggleTestId} aria-expanded={props.open} aria-label={t(props.open ? 'button.collapse' : 'button.expand')} onClick={props.onToggle}>
          {props.open ? '▾' : '▸'}
        </button>
      ) : (
        <span class="tree-toggle" aria-hidden="true" />
      )}
      <a href={props.href}>{r.name}</a> <span class="muted">{t(`tier.${r.tier as DepotTier}`)}</span>
    </span>
  );
}
