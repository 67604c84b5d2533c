import { useEffect, useRef, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { navigate, paths, withQuery } from '../../router.ts';
import { Pager } from '../../components/Pager.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ADR_STATUSES, type AdrStatus } from '../../../../server/domain/adverse-vocabulary.ts';
import { today } from '../../components/format.ts';
import { adverseReactions, form11Href, overdueCases, signals, type AdverseReactionPage, type OverdueCase, type SignalSummary } from './adverse-api.ts';
import { filesReports, readsSignals } from './access.ts';
import { DueDate, SeriousTag, StatusBadge, criteriaText, nameOf } from './labels.tsx';
import { t } from './i18n.ts';

const isStatus = (s: string | null): s is AdrStatus => s !== null && (ADR_STATUSES as readonly string[]).includes(s);

/**
 * A depot's adverse reactions (不良反应, S0:423-439): the reports filed there and below, newest
 * first, with their state, whether serious and when due (above the reporting depot by case number
 * only, as the server sends them); the serious cases overdue; at the region the lot signals; form
 * 11 of the year to print or download. The village and township dispensers file a new report here.
 */
export function AdverseReactionsScreen({ depotId, query }: { depotId: number; query: URLSearchParams }) {
  const page = Math.max(1, Number(query.get('page')) || 1);
  const status = isStatus(query.get('status')) ? (query.get('status') as AdrStatus) : undefined;
  const seriousOnly = query.get('serious') === 'true';
  const [list, setList] = useState<AdverseReactionPage | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [overdue, setOverdue] = useState<OverdueCase[]>([]);
  const [lotSignals, setSignals] = useState<SignalSummary[]>([]);
  const asked = useRef('');

  const load = () => {
    const key = `${depotId}/${page}/${status ?? ''}/${seriousOnly}`;
    asked.current = key;
    setProblem(null);
    adverseReactions({ depotId, page, status, ...(seriousOnly ? { serious: 'true' as const } : {}) }).then(
      (r) => asked.current === key && setList(r),
      (e) => asked.current === key && setProblem(toProblem(e)),
    );
  };
  useEffect(() => {
    setList(null);
    load();
  }, [depotId, page, status, seriousOnly]);
  useEffect(() => {
    setOverdue([]);
    setSignals([]);
    overdueCases(depotId).then((r) => setOverdue(r.items), () => setOverdue([]));
    if (readsSignals()) signals(depotId).then((r) => setSignals(r.items), () => setSignals([]));
  }, [depotId]);

  const filter = (changes: Record<string, string | undefined>) => navigate(paths.adverseReactions(depotId, withQuery(query, { page: undefined, ...changes })), { replace: true });
  const year = Number(today().slice(0, 4));
  return (
    <section class="adr-screen" data-testid="adr-screen" data-state={list ? 'ready' : problem ? 'error' : 'loading'}>
      <div class="toolbar no-print">
        {filesReports(depotId) && (
          <a class="button primary" href={paths.adverseReactionNew(depotId)} data-testid="adr-new">
            {t('adr.new')}
          </a>
        )}
        <span class="grow" />
        <a class="button" href={form11Href(depotId, year, 'html', lang.value)} target="_blank" rel="noopener" data-testid="adr-form11-print">
          {t('adr.form11Print', { year })}
        </a>
        <a class="button" href={form11Href(depotId, year, 'xlsx', lang.value)} download data-testid="adr-form11-xlsx">
          {t('adr.form11Xlsx')}
        </a>
      </div>

      {overdue.length > 0 && <OverduePanel items={overdue} />}
      {lotSignals.length > 0 && <SignalsPanel items={lotSignals} />}

      <div class="toolbar adr-filters no-print">
        <label class="field inline">
          <span>{t('label.status')}</span>
          <select data-testid="adr-filter-status" value={status ?? ''} onChange={(e) => filter({ status: e.currentTarget.value || undefined })}>
            <option value="">{t('adr.allStatuses')}</option>
            {ADR_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`adr.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" data-testid="adr-filter-serious" checked={seriousOnly} onChange={(e) => filter({ serious: e.currentTarget.checked ? 'true' : undefined })} />
          {t('adr.seriousOnly')}
        </label>
      </div>
      <ProblemMessage problem={problem} onRetry={load} />
      {list && (
        <>
          <div class="table-wrap">
            <table class="data" data-testid="adr-list">
              <caption>{t('adr.listTitle')}</caption>
              <thead>
                <tr>
                  <th>{t('adr.caseNumber')}</th>
                  <th>{t('adr.filedOn')}</th>
                  <th>{t('label.depot')}</th>
                  <th>{t('label.product')}</th>
                  <th>{t('label.lot')}</th>
                  <th>{t('label.status')}</th>
                  <th>{t('adr.dueOn')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((r) => (
                  <tr key={r.id} class={r.overdue ? 'row-attention' : undefined} data-testid="adr-row" data-number={r.number} data-status={r.status} data-serious={String(r.serious)}>
                    <td class="nowrap">
                      <a href={paths.adverseReaction(r.id)} data-testid="adr-open">
                        {r.caseNumber}
                      </a>
                      {r.personal?.name && <span class="muted"> · {r.personal.name}</span>}
                      {r.caseNumber !== r.number && <div class="muted code">{r.number}</div>}
                    </td>
                    <td class="nowrap">{r.filedOn}</td>
                    <td>{r.depot.name}</td>
                    <td>{nameOf(r.product)}</td>
                    <td class="code">{r.batch.lot}</td>
                    <td>
                      <StatusBadge status={r.status} /> <SeriousTag serious={r.serious} />
                      {r.serious && <div class="muted adr-criteria-text">{criteriaText(r.criteria)}</div>}
                    </td>
                    <td class="nowrap">
                      <DueDate dueOn={r.dueOn} overdue={r.overdue} />
                    </td>
                  </tr>
                ))}
                {list.items.length === 0 && (
                  <tr>
                    <td colSpan={7} class="empty">
                      {t('adr.none')}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          {list.total > list.pageSize && <Pager page={list.page} pageSize={list.pageSize} total={list.total} onPage={(p) => navigate(paths.adverseReactions(depotId, withQuery(query, { page: p })))} />}
        </>
      )}
    </section>
  );
}

/** Serious cases past their due date and not yet at the region, the longest overdue first. */
export function OverduePanel({ items }: { items: readonly OverdueCase[] }) {
  return (
    <section class="panel adr-overdue" data-testid="adr-overdue" data-count={items.length}>
      <h2>{t('adr.overdueTitle', { count: items.length })}</h2>
      <ul>
        {items.map((o) => (
          <li key={o.id} data-testid="adr-overdue-item" data-number={o.number}>
            <a href={paths.adverseReaction(o.id)}>{o.caseNumber}</a> <span class="muted">{o.depot.name}</span> · {lang.value === 'en' ? o.productNameEn : o.productNameZh} {o.lot} ·{' '}
            <strong>{t('adr.daysOverdue', { days: o.daysOverdue, due: o.dueOn })}</strong> · {t(`adr.status.${o.status}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Lots with several reports within the window, told to the region: each leads to its trace and hold. */
function SignalsPanel({ items }: { items: readonly SignalSummary[] }) {
  return (
    <section class="panel adr-signals" data-testid="adr-signals">
      <h2>{t('adr.signalsTitle')}</h2>
      <ul>
        {items.map((s) => (
          <SignalItem key={s.id} s={s} />
        ))}
      </ul>
    </section>
  );
}

/** A signal's line: held while its hold stands; once released, said so (the inspector released the lot after looking at it). */
function SignalItem({ s }: { s: SignalSummary }) {
  const held = s.holdId !== null && s.holdReleasedAt === null;
  return (
    <li data-testid="adr-signal-item" data-lot={s.lot} data-held={String(held)}>
      <a href={paths.adverseSignal(s.id)} data-testid="adr-signal-open">
        {lang.value === 'en' ? s.productNameEn : s.productNameZh} {t('label.lot')} {s.lot}
      </a>{' '}
      · {t('adr.signalLine', { count: s.reportCount, from: s.windowFrom, raised: s.raisedOn })}{' '}
      {held ? (
        <span class="tag tag-expired">{t('adr.held')}</span>
      ) : s.holdReleasedAt !== null ? (
        <span class="tag">{t('adr.holdReleasedTag')}</span>
      ) : (
        <span class="tag warn">{t('adr.notHeld')}</span>
      )}
    </li>
  );
}
