import { useEffect, useRef, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { navigate, paths, withQuery } from '../../router.ts';
import { Pager } from '../../components/Pager.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { PERSON_STATUSES, type PersonStatus } from '../../../../server/domain/people-vocabulary.ts';
import type { ProductClass } from '../../../../server/schemas/constants.ts';
import { people, registerExportHref, type PeoplePage, type PersonRow } from './people-api.ts';
import { exportsRegister, writesRegister } from './access.ts';
import { METHODS, STATUS_CLASS, methodName, statusName } from './people-format.ts';
import { RegisterForm } from './RegisterForm.tsx';
import { t } from './i18n.ts';

const CLOSED = ['open', 'closed', 'all'] as const;
type Closed = (typeof CLOSED)[number];

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined => (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;

/**
 * A depot's users register (花名册, S0:316, form 8.2): the people of the depot and the depots below
 * it, by case number, with their method and status. Names only where the server sends them (the
 * registering depot and the township above a village); everyone else sees case numbers and counts,
 * and is told so. The dispenser registers a person here; a leader exports the form with names.
 */
export function PeopleScreen({ depotId, query }: { depotId: number; query: URLSearchParams }) {
  const status = oneOf<PersonStatus>(PERSON_STATUSES, query.get('status'));
  const method = oneOf<ProductClass>(METHODS, query.get('method'));
  const closed: Closed = oneOf(CLOSED, query.get('closed')) ?? 'open';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const [list, setList] = useState<PeoplePage | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [adding, setAdding] = useState(query.get('new') === '1');
  const asked = useRef('');

  const key = JSON.stringify({ depotId, status, method, closed, page });
  const load = () => {
    asked.current = key;
    setProblem(null);
    people({ depotId, status, method, closed, page }).then(
      (r) => asked.current === key && setList(r),
      (e) => asked.current === key && setProblem(toProblem(e)),
    );
  };
  useEffect(load, [key]);
  useEffect(() => setAdding(query.get('new') === '1'), [depotId]);

  const filter = (changes: Record<string, string | undefined>) => navigate(paths.people(depotId, withQuery(query, { ...changes, page: undefined, new: undefined })), { replace: true });
  const writer = writesRegister(depotId);
  const hidden = list !== null && list.items.length > 0 && !list.withNames;
  return (
    <section class="people-screen" data-testid="people-screen" data-state={list ? 'ready' : problem ? 'error' : 'loading'} data-with-names={list ? String(list.withNames) : undefined}>
      <div class="panel-head">
        <h2>{t('people.title')}</h2>
        <span class="people-links no-print">
          <a class="button" href={paths.followUps(depotId)} data-testid="people-follow-ups">
            {t('label.followUps')}
          </a>
          <a class="button" href={paths.peopleReports(depotId)} data-testid="people-reports">
            {t('label.peopleReports')}
          </a>
          {exportsRegister(depotId) && (
            <a class="button" href={registerExportHref(depotId, lang.value)} download data-testid="people-export">
              {t('people.exportRegister')}
            </a>
          )}
          {writer && !adding && (
            <button type="button" class="button primary" data-testid="person-new" onClick={() => setAdding(true)}>
              {t('people.register')}
            </button>
          )}
        </span>
      </div>
      {adding && <RegisterForm depotId={depotId} onCancel={() => setAdding(false)} onRegistered={(p) => navigate(paths.person(p.id))} />}
      <div class="toolbar people-filters no-print">
        <label class="field inline">
          <span>{t('label.status')}</span>
          <select data-testid="people-status" value={status ?? ''} onChange={(e) => filter({ status: e.currentTarget.value || undefined })}>
            <option value="">{t('people.anyStatus')}</option>
            {PERSON_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusName(s)}
              </option>
            ))}
          </select>
        </label>
        <label class="field inline">
          <span>{t('people.method')}</span>
          <select data-testid="people-method" value={method ?? ''} onChange={(e) => filter({ method: e.currentTarget.value || undefined })}>
            <option value="">{t('people.anyMethod')}</option>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {methodName(m)}
              </option>
            ))}
          </select>
        </label>
        <label class="field inline">
          <span>{t('people.records')}</span>
          <select data-testid="people-closed" value={closed} onChange={(e) => filter({ closed: e.currentTarget.value === 'open' ? undefined : e.currentTarget.value })}>
            {CLOSED.map((c) => (
              <option key={c} value={c}>
                {t(`people.closed.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {list && (
          <span class="muted" data-testid="people-total">
            {t('people.total', { total: list.total })}
          </span>
        )}
      </div>
      {hidden && (
        <p class="notice" data-testid="people-names-hidden">
          {t('people.namesHidden')}
        </p>
      )}
      <ProblemMessage problem={problem} onRetry={load} />
      {list && <PeopleTable rows={list.items} showDepot={list.items.some((r) => r.depotId !== depotId)} />}
      {list && list.total > list.pageSize && <Pager page={page} pageSize={list.pageSize} total={list.total} onPage={(p) => navigate(paths.people(depotId, withQuery(query, { page: p })))} />}
    </section>
  );
}

/** Where no row carries a name (a reader above the registering depot) the name column is left out: the notice above says why. */
function PeopleTable({ rows, showDepot }: { rows: PersonRow[]; showDepot: boolean }) {
  const names = rows.some((r) => r.personal !== null);
  const columns = 6 + (names ? 1 : 0) + (showDepot ? 1 : 0);
  return (
    <div class="table-wrap">
      <table class="data" data-testid="people-table">
        <thead>
          <tr>
            <th>{t('label.caseNumber')}</th>
            {names && <th>{t('people.name')}</th>}
            {showDepot && <th>{t('people.registeredAt')}</th>}
            <th>{t('people.method')}</th>
            <th>{t('people.since')}</th>
            <th>{t('label.status')}</th>
            <th>{t('people.nextFollowUp')}</th>
            <th>{t('people.dispenser')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} class={r.personal ? 'clickable' : undefined} data-testid="person-row" data-case={r.caseNumber} data-status={r.status} onClick={r.personal ? () => navigate(paths.person(r.id)) : undefined}>
              <td class="nowrap">{r.personal ? <a href={paths.person(r.id)}>{r.caseNumber}</a> : r.caseNumber}</td>
              {names && <td data-testid="person-name">{r.personal ? (r.personal.name ?? <span class="muted">{t('people.erased')}</span>) : <span class="muted">{t('label.personNameHidden')}</span>}</td>}
              {showDepot && <td>{r.depotName}</td>}
              <td>{methodName(r.method)}</td>
              <td class="nowrap">{r.methodSince}</td>
              <td>
                <span class={`status-badge ${STATUS_CLASS[r.status]}`}>{statusName(r.status)}</span> <span class="muted nowrap">{r.statusOn}</span>
                {r.closedAt && <span class="tag">{t('people.closedTag')}</span>}
              </td>
              <td class="nowrap">{r.nextFollowUpOn ?? '—'}</td>
              <td>{r.dispenserName ?? ''}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns} class="empty" data-testid="people-empty">
                {t('people.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
