import { useSignal, type Signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type Depot, type DepotPage } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { drawerOpen } from '../../components/drawer.ts';
import { route } from '../../router.ts';
import { childProblems, childrenOf, collapse, expand, expanded, loadChildren, loadingChildren, reveal } from './depot-state.ts';
import { depotHref, selectedDepotId } from './links.ts';

const SEARCH_PAGE_SIZE = 20;
const SEARCH_DELAY_MS = 250;

export function DepotTree({ root }: { root: Depot }) {
  const selected = selectedDepotId(route.value);
  const query = useSignal('');

  useEffect(() => {
    void reveal(root.id, selected ?? root.id);
  }, [root.id, selected]);

  return (
    <nav class="depot-nav" data-testid="depot-tree" aria-label={t('label.depotTree')}>
      <DepotSearch root={root} query={query} />
      {!query.value.trim() && (
        <ul class="tree">
          <TreeNode depot={root} level={0} selected={selected} />
        </ul>
      )}
    </nav>
  );
}

function TreeNode({ depot, level, selected }: { depot: Depot; level: number; selected: number | undefined }) {
  const open = expanded.value.has(depot.id);
  const kids = childrenOf.value.get(depot.id);
  const loading = loadingChildren.value.has(depot.id);
  const problem = childProblems.value.get(depot.id);
  const isSelected = selected === depot.id;
  const hasChildren = depot.childCount > 0;
  const row = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (isSelected) row.current?.scrollIntoView({ block: 'nearest' });
  }, [isSelected]);

  return (
    <li class="tree-item" data-code={depot.code}>
      <div ref={row} class={`tree-row${isSelected ? ' selected' : ''}`} style={{ paddingLeft: `${level * 1.1}rem` }}>
        {hasChildren ? (
          <button
            type="button"
            class="tree-toggle"
            data-testid={`depot-toggle-${depot.code}`}
            aria-expanded={open}
            aria-label={`${open ? t('button.collapse') : t('button.expand')} ${depot.name}`}
            onClick={() => (open ? collapse(depot.id) : void expand(depot.id))}
          >
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span class="tree-toggle" aria-hidden="true" />
        )}
        <a
          href={depotHref(depot.id)}
          class="tree-label"
          data-testid={`depot-node-${depot.code}`}
          data-depot-id={depot.id}
          aria-current={isSelected ? 'page' : undefined}
          onClick={() => {
            if (hasChildren) void expand(depot.id);
            drawerOpen.value = false;
          }}
        >
          <span class="tree-name">{depot.name}</span>
          {hasChildren && <span class="tree-count">{depot.childCount}</span>}
        </a>
      </div>
      {open && hasChildren && (
        <ul class="tree-group">
          {loading && !kids && <li class="tree-note">{t('label.loading')}</li>}
          {problem && (
            <li class="tree-note">
              <ProblemMessage problem={problem} onRetry={() => void loadChildren(depot.id)} />
            </li>
          )}
          {kids?.map((child) => <TreeNode key={child.id} depot={child} level={level + 1} selected={selected} />)}
        </ul>
      )}
    </li>
  );
}

interface SearchState {
  q: string;
  items: Depot[];
  total: number;
  page: number;
}

function DepotSearch({ root, query }: { root: Depot; query: Signal<string> }) {
  const results = useSignal<SearchState | null>(null);
  const problem = useSignal<ApiProblem | null>(null);
  const loading = useSignal(false);
  const sequence = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  async function run(q: string, page: number) {
    const mine = ++sequence.current;
    loading.value = true;
    try {
      const found: DepotPage = await api.searchDepots({ under: root.id, q, page, pageSize: SEARCH_PAGE_SIZE });
      if (mine !== sequence.current) return;
      const before = page > 1 && results.value ? results.value.items : [];
      results.value = { q, items: [...before, ...found.items], total: found.total, page };
      problem.value = null;
    } catch (error) {
      if (mine === sequence.current) problem.value = toProblem(error);
    } finally {
      if (mine === sequence.current) loading.value = false;
    }
  }

  function onInput(value: string) {
    query.value = value;
    clearTimeout(timer.current);
    const q = value.trim();
    if (!q) {
      sequence.current++;
      results.value = null;
      problem.value = null;
      loading.value = false;
      return;
    }
    timer.current = setTimeout(() => void run(q, 1), SEARCH_DELAY_MS);
  }

  useEffect(() => () => clearTimeout(timer.current), []);

  const shown = query.value.trim() ? results.value : null;
  return (
    <div class="depot-search">
      <div class="search-box">
        <input
          type="search"
          data-testid="depot-search"
          aria-label={t('label.searchDepots')}
          placeholder={t('label.searchDepots')}
          value={query.value}
          onInput={(e) => onInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onInput('');
            if (e.key === 'Enter') {
              clearTimeout(timer.current);
              const q = query.value.trim();
              if (q) void run(q, 1);
            }
          }}
        />
        {query.value && (
          <button type="button" class="button small" data-testid="depot-search-clear" onClick={() => onInput('')}>
            {t('button.clear')}
          </button>
        )}
      </div>
      <ProblemMessage problem={query.value.trim() ? problem.value : null} />
      {loading.value && !shown && <p class="tree-note">{t('label.loading')}</p>}
      {shown && (
        <div class="search-results" data-testid="depot-search-results" aria-busy={loading.value}>
          <p class="tree-note">{t('label.searchResults', { total: shown.total })}</p>
          <ul>
            {shown.items.map((d) => (
              <li key={d.id}>
                <a
                  href={depotHref(d.id)}
                  class="search-result"
                  data-testid={`depot-result-${d.code}`}
                  onClick={() => {
                    onInput('');
                    drawerOpen.value = false;
                  }}
                >
                  <span class="tree-name">{d.name}</span>
                  <span class="muted">
                    {d.parentName ? `${d.parentName} · ` : ''}
                    {t(`tier.${d.tier}`)} · {d.code}
                  </span>
                </a>
              </li>
            ))}
          </ul>
          {shown.items.length < shown.total && (
            <button type="button" class="button block" data-testid="depot-search-more" disabled={loading.value} onClick={() => void run(shown.q, shown.page + 1)}>
              {t('button.more')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
