import { useEffect, useRef, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { navigate, paths, withQuery } from '../../router.ts';
import { Pager } from '../../components/Pager.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { dueFollowUps, type DueFollowUp, type DuePage } from './people-api.ts';
import { writesRegister } from './access.ts';
import { methodName, outcomeName } from './people-format.ts';
import { FollowUpEntry, type FollowUpDone } from './FollowUpEntry.tsx';
import { t } from './i18n.ts';

const WITHIN = [7, 30, 90] as const;

/**
 * The follow-ups due and overdue at a depot and the villages below it (随访, S0:365), oldest
 * first, with a fast entry on each line where the dispenser may write: 继续使用 in one tap, the
 * other outcomes in two. A visit recorded leaves the line marked done until the list is read again.
 */
export function FollowUpsScreen({ depotId, query }: { depotId: number; query: URLSearchParams }) {
  const within = WITHIN.find((w) => String(w) === query.get('within')) ?? 30;
  const [page, setPage] = useState(1);
  const [list, setList] = useState<DuePage | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<ReadonlyMap<number, FollowUpDone>>(new Map());
  const asked = useRef('');
  const key = `${depotId}/${within}/${page}`;
  const load = () => {
    asked.current = key;
    setProblem(null);
    dueFollowUps(depotId, within, page).then(
      (r) => asked.current === key && setList(r),
      (e) => asked.current === key && setProblem(toProblem(e)),
    );
  };
  useEffect(() => {
    setDone(new Map());
    load();
  }, [key]);
  useEffect(() => setPage(1), [depotId, within]);

  const hidden = list !== null && list.items.length > 0 && !list.withNames;
  return (
    <section class="follow-ups-screen" data-testid="follow-ups-screen" data-state={list ? 'ready' : problem ? 'error' : 'loading'}>
      <div class="panel-head">
        <h2>{t('followUp.title')}</h2>
        <span class="people-links no-print">
          <a class="button" href={paths.people(depotId)} data-testid="follow-ups-register">
            {t('label.people')}
          </a>
        </span>
      </div>
      <div class="toolbar no-print">
        <div class="segmented" role="group" aria-label={t('followUp.within')}>
          {WITHIN.map((w) => (
            <button key={w} type="button" data-testid={`follow-ups-within-${w}`} aria-pressed={w === within} onClick={() => navigate(paths.followUps(depotId, withQuery(query, { within: w === 30 ? undefined : w })), { replace: true })}>
              {t('followUp.withinDays', { days: w })}
            </button>
          ))}
        </div>
        {list && (
          <span data-testid="follow-ups-summary" data-overdue={list.overdue} data-total={list.total}>
            <strong class={list.overdue > 0 ? 'overdue-text' : undefined}>{t('followUp.overdueCount', { count: list.overdue })}</strong> · {t('followUp.dueCount', { count: list.total - list.overdue, until: list.until })}
          </span>
        )}
      </div>
      {hidden && (
        <p class="notice" data-testid="follow-ups-names-hidden">
          {t('people.namesHidden')}
        </p>
      )}
      <ProblemMessage problem={problem} onRetry={load} />
      {list && (
        <ul class="due-list" data-testid="due-list">
          {list.items.map((item) => (
            <DueItem key={item.personId} item={item} done={done.get(item.personId)} onDone={(r) => setDone(new Map(done).set(item.personId, r))} />
          ))}
          {list.items.length === 0 && (
            <li class="empty" data-testid="due-empty">
              {t('followUp.noneDue')}
            </li>
          )}
        </ul>
      )}
      {list && list.total > list.pageSize && <Pager page={page} pageSize={list.pageSize} total={list.total} onPage={setPage} />}
    </section>
  );
}

function DueItem({ item, done, onDone }: { item: DueFollowUp; done: FollowUpDone | undefined; onDone: (r: FollowUpDone) => void }) {
  const name = item.personal?.name;
  const writer = writesRegister(item.depotId);
  return (
    <li class={item.overdue ? 'due-item overdue' : 'due-item'} data-testid="due-item" data-case={item.caseNumber} data-overdue={String(item.overdue)} data-done={done ? 'true' : 'false'}>
      <div class="due-head">
        <span class="due-date">
          {item.dueOn}
          {item.overdue ? (
            <span class="tag tag-expired" data-testid="due-overdue">
              {t('followUp.daysOverdue', { days: item.daysOverdue })}
            </span>
          ) : (
            <span class="tag">{t('followUp.due')}</span>
          )}
        </span>
        <span class="due-who">
          {item.personal ? <a href={paths.person(item.personId)}>{name ?? t('people.erased')}</a> : <span class="muted">{t('label.personNameHidden')}</span>} <span class="muted">{item.caseNumber}</span>
        </span>
        <span class="due-what">
          {methodName(item.method)} · {t('people.since')} {item.methodSince}
          {item.lastFollowUpOn && ` · ${t('people.lastFollowUp')} ${item.lastFollowUpOn}`}
        </span>
        {item.personal && (item.personal.community || item.personal.contact) && <span class="due-where muted">{[item.personal.community, item.personal.contact].filter(Boolean).join(' · ')}</span>}
        <span class="due-depot muted">
          {item.depotName}
          {item.dispenserName && ` · ${item.dispenserName}`}
        </span>
      </div>
      {done ? (
        <p class="notice" role="status" data-testid="due-done">
          {t('followUp.saved', { outcome: outcomeName(done.outcome), next: done.nextFollowUpOn ?? '—' })}
        </p>
      ) : (
        writer && <FollowUpEntry personId={item.personId} method={item.method} onDone={onDone} compact />
      )}
    </li>
  );
}
