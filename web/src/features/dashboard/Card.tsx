import type { ComponentChildren } from 'preact';
import { t } from './i18n.ts';

/** How many items a card lists before "n more". */
export const SHOWN = 5;

/** One kind of work on a role panel: its title and count, what waits, and a link to the full list. */
export function Card(props: { testid: string; title: string; count: number; tone?: 'work' | 'alert'; listHref?: string; children?: ComponentChildren }) {
  const tone = props.count > 0 ? (props.tone ?? 'work') : 'quiet';
  return (
    <article class={`dash-card ${tone}`} data-testid={props.testid} data-count={props.count}>
      <header class="dash-card-head">
        <h3>{props.title}</h3>
        <span class="dash-count" data-testid={`${props.testid}-count`}>
          {props.count}
        </span>
      </header>
      {props.children}
      {props.listHref && (
        <a class="dash-list-link" href={props.listHref}>
          {t('dash.openList')}
        </a>
      )}
    </article>
  );
}

/** A card's items, the first few, then how many more; "None" when there are none. */
export function Items<T>(props: { items: readonly T[]; total?: number; render: (item: T) => ComponentChildren; keyOf: (item: T) => string | number }) {
  const total = props.total ?? props.items.length;
  if (total === 0) return <p class="dash-none muted">{t('dash.none')}</p>;
  return (
    <>
      <ul class="dash-items">
        {props.items.slice(0, SHOWN).map((item) => (
          <li key={props.keyOf(item)}>{props.render(item)}</li>
        ))}
      </ul>
      {total > SHOWN && <p class="dash-none muted">{t('dash.more', { count: total - SHOWN })}</p>}
    </>
  );
}
