import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { ApiProblem, toProblem, type CountStatus, type StockCountSummary } from '../../api.ts';
import { STORAGE_ZONES, type StorageZone } from '../../../../server/schemas/constants.ts';
import { navigate, paths } from '../../router.ts';
import { Pager } from '../../components/Pager.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ZoneBadge } from '../../components/ZoneBadge.tsx';
import { usePanelFocus } from '../../components/focus.ts';
import { formatDateTime } from '../../components/format.ts';
import { details } from '../depots/depot-state.ts';
import { t } from './i18n.ts';
import { mayDecide, mayStart } from './access.ts';
import { STATUS_CLASS, localDate, signedYuan, varianceClass } from './count-format.ts';
import { CountStatusPanel } from './CountStatusPanel.tsx';

type Totals = api.StockCount['totals'];

/**
 * A depot's stock-count tab (盘库, S0:384): its counts with their variance, a new count for the
 * storekeeper or the leader, whether the depot's yearly count is due, and for an upper level
 * the count status of every depot below.
 */
export function CountsScreen({ depotId }: { depotId: number }) {
  const [page, setPage] = useState(1);
  const [list, setList] = useState<{ items: StockCountSummary[]; total: number; pageSize: number } | null>(null);
  const [values, setValues] = useState<ReadonlyMap<number, Totals>>(new Map());
  const [status, setStatus] = useState<CountStatus | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [statusProblem, setStatusProblem] = useState<ApiProblem | null>(null);
  const [adding, setAdding] = useState(false);

  // Answers for another depot or page than the one now shown are dropped.
  const asked = useRef('');
  const loadList = () => {
    const key = `${depotId}/${page}`;
    asked.current = key;
    setProblem(null);
    api.stockCounts(depotId, page).then(
      (r) => {
        if (asked.current !== key) return;
        setList(r);
        // The list has no values: the sheets of counts whose variance is known give them.
        const known = r.items.filter((c) => c.status === 'submitted' || c.status === 'posted');
        void Promise.all(known.map((c) => api.stockCount(c.id).then((sheet) => [c.id, sheet.totals] as const, () => null))).then(
          (pairs) => asked.current === key && setValues(new Map(pairs.filter((p) => p !== null))),
        );
      },
      (e) => asked.current === key && setProblem(toProblem(e)),
    );
  };
  const shown = useRef(depotId);
  shown.current = depotId;
  const loadStatus = () => {
    setStatusProblem(null);
    api.countStatus(depotId).then(
      (r) => r.depotId === shown.current && setStatus(r),
      (e) => depotId === shown.current && setStatusProblem(toProblem(e)),
    );
  };
  useEffect(() => {
    setList(null);
    setValues(new Map());
    loadList();
  }, [depotId, page]);
  useEffect(() => {
    setStatus(null);
    setAdding(false);
    setPage(1);
    loadStatus();
  }, [depotId]);

  const detail = details.value.get(depotId);
  const hasChildren = detail !== undefined && !(detail instanceof ApiProblem) && detail.childCount > 0;
  const own = status?.items.find((i) => i.depth === 0);
  const starter = mayStart(depotId);
  const awaiting = mayDecide(depotId) ? (list?.items ?? []).filter((c) => c.status === 'submitted') : [];
  return (
    <section class="counts-screen" data-testid="counts-screen" data-state={list ? 'ready' : problem ? 'error' : 'loading'}>
      {awaiting.length > 0 && (
        <div class="panel awaiting" data-testid="counts-awaiting">
          <h2>{t('count.awaitingMyDecision')}</h2>
          <ul>
            {awaiting.map((c) => (
              <li key={c.id}>
                <a href={paths.count(c.id)} data-testid="awaiting-count">
                  {c.number}
                </a>{' '}
                · {t('count.submittedAt')} {c.submittedAt ? formatDateTime(c.submittedAt) : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="panel-head">
        <h2>{t('count.title')}</h2>
        {starter && !adding && (
          <button type="button" class="button primary" data-testid="count-new" onClick={() => setAdding(true)}>
            {t('count.start')}
          </button>
        )}
      </div>
      {own && (
        <p class={own.overdue ? 'notice attention' : 'notice'} data-testid="count-own-status" data-overdue={String(own.overdue)}>
          {own.lastCountedAt === null
            ? t('count.ownNever', { months: status!.intervalMonths })
            : t(own.overdue ? 'count.ownOverdue' : 'count.ownOnTime', { last: localDate(own.lastCountedAt), due: own.dueOn ?? '' })}
        </p>
      )}
      {adding && <StartCountForm depotId={depotId} onCancel={() => setAdding(false)} />}
      <ProblemMessage problem={problem} onRetry={loadList} />
      {list && (
        <div class="table-wrap">
          <table class="data" data-testid="counts-table">
            <thead>
              <tr>
                <th>{t('count.number')}</th>
                <th>{t('count.zones')}</th>
                <th>{t('label.status')}</th>
                <th>{t('count.started')}</th>
                <th>{t('count.submitted')}</th>
                <th>{t('count.approved')}</th>
                <th class="num">{t('count.progress')}</th>
                <th class="num">{t('count.netValue')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <CountRow key={c.id} count={c} totals={values.get(c.id)} />
              ))}
              {list.items.length === 0 && (
                <tr>
                  <td colSpan={8} class="empty" data-testid="counts-empty">
                    {t('count.none')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      {list && list.total > list.pageSize && <Pager page={page} pageSize={list.pageSize} total={list.total} onPage={setPage} />}
      {hasChildren && <CountStatusPanel status={status} problem={statusProblem} onRetry={loadStatus} />}
    </section>
  );
}

function CountRow({ count: c, totals }: { count: StockCountSummary; totals: Totals | undefined }) {
  const open = () => navigate(paths.count(c.id));
  const net = totals?.netValueFen ?? null;
  return (
    <tr class="clickable" data-testid="count-row" data-number={c.number} data-status={c.status} onClick={open}>
      <td class="nowrap">
        <a href={paths.count(c.id)}>{c.number}</a>
        {c.blind && <span class="tag warn">{t('count.blind')}</span>}
      </td>
      <td>
        <span class="chips">
          {c.zones.map((z) => (
            <ZoneBadge key={z} zone={z} />
          ))}
        </span>
        {(c.status === 'counting' || c.status === 'submitted') && <span class="muted count-frozen">{t('count.frozen')}</span>}
      </td>
      <td>
        <span class={`status-badge ${STATUS_CLASS[c.status]}`}>{t(`countStatus.${c.status}`)}</span>
      </td>
      <td>
        <span class="nowrap" title={formatDateTime(c.startedAt)}>
          {localDate(c.startedAt)}
        </span>{' '}
        <span class="muted">{c.startedByName}</span>
      </td>
      <td class="nowrap" title={c.submittedAt ? formatDateTime(c.submittedAt) : undefined}>
        {c.submittedAt ? localDate(c.submittedAt) : '—'}
      </td>
      <td class="nowrap" title={c.approvedAt ? formatDateTime(c.approvedAt) : undefined}>
        {c.approvedAt ? localDate(c.approvedAt) : '—'}
      </td>
      <td class="num">
        {c.countedLines}/{c.lines}
      </td>
      <td class={`num ${varianceClass(net) ?? ''}`} data-testid="count-row-value">
        {c.status === 'submitted' || c.status === 'posted' ? signedYuan(net) : '—'}
      </td>
    </tr>
  );
}

/** A new count: all zones or chosen ones, optionally blind; the zones are frozen until it ends. */
function StartCountForm({ depotId, onCancel }: { depotId: number; onCancel: () => void }) {
  const [all, setAll] = useState(true);
  const [zones, setZones] = useState<StorageZone[]>([]);
  const [blind, setBlind] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const none = !all && zones.length === 0;
  // Opened by the start button, which hides meanwhile: the focus comes into the form and goes back to it.
  const panel = usePanelFocus<HTMLFormElement>();

  async function submit(e: Event) {
    e.preventDefault();
    if (none) return;
    setBusy(true);
    setProblem(null);
    try {
      const count = await api.startStockCount({ depotId, blind, ...(all ? {} : { zones }), ...(note.trim() ? { note: note.trim() } : {}) });
      navigate(paths.count(count.id));
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  }
  const openCount = problem?.code === 'count_in_progress' && typeof problem.data?.countId === 'number' ? problem.data.countId : null;
  return (
    <form ref={panel} class="panel count-start" data-testid="count-start-form" onSubmit={(e) => void submit(e)}>
      <h2>{t('count.newCount')}</h2>
      <fieldset class={`count-zones${none ? ' invalid' : ''}`} aria-describedby={none ? 'count-zones-error' : undefined}>
        <legend>{t('count.zones')}</legend>
        <label class="check">
          <input type="radio" name="count-scope" data-testid="count-zones-all" checked={all} onChange={() => setAll(true)} />
          {t('count.allZones')}
        </label>
        <label class="check">
          <input type="radio" name="count-scope" data-testid="count-zones-chosen" checked={!all} onChange={() => setAll(false)} />
          {t('count.chosenZones')}
        </label>
        {!all && (
          <span class="count-zone-choice">
            {STORAGE_ZONES.map((z) => (
              <label key={z} class="check">
                <input
                  type="checkbox"
                  data-testid={`count-zone-${z}`}
                  checked={zones.includes(z)}
                  onChange={(e) => setZones(e.currentTarget.checked ? STORAGE_ZONES.filter((x) => x === z || zones.includes(x)) : zones.filter((x) => x !== z))}
                />
                <ZoneBadge zone={z} />
              </label>
            ))}
          </span>
        )}
        {none && (
          <p class="field-error" id="count-zones-error">
            {t('count.chooseZone')}
          </p>
        )}
      </fieldset>
      <label class="check">
        <input type="checkbox" data-testid="count-blind" checked={blind} onChange={(e) => setBlind(e.currentTarget.checked)} />
        {t('count.blindCount')}
      </label>
      <p class="hint">{t('count.blindHint')}</p>
      <label class="field">
        <span>{t('label.note')}</span>
        <input data-testid="count-note" maxLength={500} value={note} placeholder={t('count.notePlaceholder')} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <p class="notice attention" data-testid="count-freeze-hint">
        {t('count.freezeHint')}
      </p>
      <ProblemMessage problem={problem} />
      {openCount !== null && (
        <p>
          <a href={paths.count(openCount)} data-testid="count-open-link">
            {t('count.openInProgress')}
          </a>
        </p>
      )}
      <div class="actions">
        <button class="button primary" data-testid="count-start" disabled={busy || none}>
          {t('count.start')}
        </button>
        <button type="button" class="button" data-testid="count-start-cancel" onClick={onCancel}>
          {t('button.cancel')}
        </button>
      </div>
    </form>
  );
}
