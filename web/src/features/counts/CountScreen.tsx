import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type StockCount, type StockCountLine, type CountLineInput } from '../../api.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ZoneBadge } from '../../components/ZoneBadge.tsx';
import { formatDateTime, formatQuantity, formatYuan, unitName } from '../../components/format.ts';
import { UnitQuantities } from '../../components/UnitQuantities.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { asApiProblem, pendingActions, settled, submitAction, useLateOutcomes, type ActionInputs } from '../receiving/scan-actions.ts';
import type { ProblemLike } from '../receiving/pending-actions.ts';
import { PendingActions } from '../receiving/PendingActions.tsx';
import { t } from './i18n.ts';
import { mayCount, mayDecide, mayStart, maySubmit } from './access.ts';
import { STATUS_CLASS, byZone, lineName, lineUnit, localDate, signedQuantity, signedYuan, unitFigures, unitVariance, unitVarianceValue, varianceClass } from './count-format.ts';
import { CountSheetScreen } from './CountSheet.tsx';
import { ScanBar, type Recorded } from './CountScanBar.tsx';
import { useLiveDocument } from '../../live.ts';

type Line = StockCountLine;

/**
 * One stock count (盘点单): scanned and typed counts on the sheet by zone, the storekeeper's
 * signature (S0:415), the leader's approval or return (S0:384), then what posted. `sheet`
 * shows the printable count sheet (盘点表) instead, `blank` without the book figures.
 */
export function CountScreen({ countId, sheet }: { countId: number; sheet: string | null }) {
  const [count, setCount] = useState<StockCount | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [missing, setMissing] = useState<number[] | null>(null);
  /** What became of a signature or decision that did not go at once: kept to be sent, or sent later. */
  const [saved, setSaved] = useState<{ text: string; n: number } | null>(null);
  const latest = useRef<StockCount | null>(null);
  // One request at a time, in the order they were made: scans and typed figures of the same line.
  const [queue] = useState(() => ({ last: Promise.resolve() as Promise<unknown> }));
  const enqueue = <T,>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.last.then(fn);
    queue.last = next.catch(() => undefined);
    return next;
  };
  const apply = (c: StockCount) => {
    latest.current = c;
    setCount(c);
  };

  const load = () => {
    setProblem(null);
    settled(`count:${countId}`)
      .then(() => api.stockCount(countId))
      .then(apply, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setCount(null);
    setMissing(null);
    latest.current = null;
    load();
  }, [countId]);
  // Submitted to the leader (review): the sheet follows the decision; while counting, the scans update it.
  useLiveDocument(() => api.stockCount(countId), count, apply, { enabled: count?.id === countId && count.status === 'submitted' });

  const act = async (fn: () => Promise<StockCount>) => {
    setProblem(null);
    try {
      apply(await enqueue(fn));
      return true;
    } catch (e) {
      setProblem(toProblem(e));
      return false;
    }
  };

  /**
   * Sends one count through the queue of the scan screens (never lost, applied once, in order
   * with the scans); the answer carries the whole sheet. Returns the line before and after, or
   * why it was not applied (pending, refused).
   */
  const scope = `count:${countId}`;
  const record = async (input: CountLineInput, label: string): Promise<Recorded> => {
    const before = latest.current;
    const outcome = await submitAction('count.line', scope, { countId, body: input }, label);
    if (outcome.status !== 'applied') return outcome;
    apply(outcome.result.count);
    return { status: 'applied', before: before?.lines.find((l) => l.id === outcome.result.line.id) ?? null, line: outcome.result.line };
  };
  // A count that was pending went through (or was refused) on a retry: the sheet as the server has it.
  useLateOutcomes(scope, ({ action, outcome }) => {
    if (outcome.status === 'pending') return;
    if (outcome.status === 'refused') refused(outcome.problem);
    else if (action.kind !== 'count.line') setSaved({ text: t('pending.applied', { label: action.label }), n: (saved?.n ?? 0) + 1 });
    load();
  });

  /**
   * The storekeeper's signature and the leader's decision go through the same queue: lost on the
   * network, a 401 or a 5xx, they stay pending with their key and are applied once on a retry.
   * True unless refused.
   */
  async function decide<K extends 'count.submit' | 'count.decide'>(kind: K, input: ActionInputs[K], label: string): Promise<boolean> {
    setProblem(null);
    setSaved(null);
    const outcome = await submitAction(kind, scope, input, label);
    if (outcome.status === 'applied') apply(outcome.result as StockCount);
    else if (outcome.status === 'pending') setSaved({ text: t('pending.saved', { label }), n: (saved?.n ?? 0) + 1 });
    else {
      refused(outcome.problem);
      return false;
    }
    return true;
  }

  /** A refusal; a sheet signed with lines not counted names them on the sheet. */
  function refused(p: ProblemLike) {
    const lines = p.code === 'lines_not_counted' && Array.isArray(p.data?.lines) ? (p.data.lines as { id: number }[]) : null;
    if (lines) setMissing(lines.map((l) => l.id));
    else setProblem(asApiProblem(p));
  }

  async function submit(uncountedAsZero: boolean) {
    if (await decide('count.submit', { countId, uncountedAsZero }, `${t('count.submit')} · ${count?.number ?? ''}`)) setMissing(null);
  }

  if (!count) return problem ? <ProblemMessage problem={problem} onRetry={load} /> : <p class="note">{t('label.loading')}</p>;
  if (sheet === 'full' || sheet === 'blank') return <CountSheetScreen count={count} blank={sheet === 'blank'} />;

  const depotId = count.depot.id;
  const counting = count.status === 'counting';
  const editable = counting && mayCount(depotId);
  const open = counting || count.status === 'submitted';
  // A signature or decision still to be sent is not offered again: a second one would only be refused once the first lands.
  const deciding = pendingActions.value.some((a) => a.scope === scope && (a.kind === 'count.submit' || a.kind === 'count.decide') && a.state !== 'refused');
  const stillMissing = counting && missing ? count.lines.filter((l) => missing.includes(l.id) && l.counted === null) : [];
  return (
    <section class="count-screen" data-testid="count-screen" data-status={count.status} data-blind={String(count.blind)} data-hidden={String(count.expectedHidden)}>
      <header class="page-head">
        <div class="toolbar no-print">
          <a class="button" href={paths.counts(depotId)} data-testid="count-back">
            ‹ {count.depot.name} · {t('label.stockCount')}
          </a>
          {count.expectedHidden ? (
            <a class="button" href={paths.count(count.id, 'blank')} data-testid="count-blank-sheet-link">
              {t('count.blankSheet')}
            </a>
          ) : (
            <a class="button" href={paths.count(count.id, 'full')} data-testid="count-sheet-link">
              {t('count.sheet')}
            </a>
          )}
        </div>
        <h1>
          {t('count.countNumber')} <span data-testid="count-number">{count.number}</span>{' '}
          <span class={`status-badge ${STATUS_CLASS[count.status]}`} data-testid="count-status-badge">
            {t(`countStatus.${count.status}`)}
          </span>
          {count.blind && <span class="tag warn">{t('count.blind')}</span>}
        </h1>
        <p class="count-facts">
          <span>{count.depot.name}</span>
          <span class="chips" data-testid="count-zones">
            {count.zones.map((z) => (
              <ZoneBadge key={z} zone={z} />
            ))}
          </span>
          {open && <span class="tag excursion-temperature_high">{t('count.frozen')}</span>}
          {count.signatures.started && (
            <span class="muted">
              {t('count.startedBy', { name: count.signatures.started.name, time: formatDateTime(count.signatures.started.at) })}
            </span>
          )}
          {count.note && <span class="muted">{count.note}</span>}
        </p>
      </header>

      {counting && count.returnReason && (
        <p class="notice attention" data-testid="count-returned">
          {t('count.returnedWith', { reason: count.returnReason })}
        </p>
      )}
      {count.expectedHidden && <p class="hint">{t('count.blindNow')}</p>}
      {editable && <ScanBar count={count} record={record} />}

      <SheetTable
        count={count}
        editable={editable}
        missing={stillMissing.map((l) => l.id)}
        onSet={(l, quantity) =>
          record({ batchId: l.batchId, zone: l.zone, quantity, mode: 'set' }, t('scan.countSetLabel', { lot: l.lot, quantity })).then((r) => {
            if (r.status === 'refused') setProblem(asApiProblem(r.problem));
            return r.status !== 'refused';
          })
        }
      />
      <Totals count={count} />
      <ProblemMessage problem={problem} />
      {saved && (
        <p key={saved.n} class="notice no-print" role="status" data-testid="late-outcome">
          {saved.text}
        </p>
      )}
      {/* Without the scan bar (a submitted sheet): its own list of what is still to be sent. */}
      {!editable && <PendingActions scope={scope} />}

      {counting && maySubmit(depotId) && (
        <div class="panel count-submit no-print" data-testid="count-submit-panel">
          <p>{t('count.submitHint', { counted: count.totals.countedLines, lines: count.totals.lines })}</p>
          {stillMissing.length > 0 && (
            <div class="problem count-missing" role="alert" data-testid="count-uncounted" data-code="lines_not_counted">
              <span>{t('count.uncountedLines', { count: stillMissing.length })}</span>
              <ul>
                {stillMissing.map((l) => (
                  <li key={l.id} data-testid="uncounted-line" data-lot={l.lot}>
                    <ZoneBadge zone={l.zone} /> {lineName(l)} · {t('label.lot')} {l.lot}
                  </li>
                ))}
              </ul>
              <span class="actions">
                <button type="button" class="button danger" data-testid="count-submit-zero" disabled={deciding} onClick={() => void submit(true)}>
                  {t('count.submitAsZero')}
                </button>
                <span class="hint">{t('count.orCountThem')}</span>
              </span>
            </div>
          )}
          <div class="actions">
            <button type="button" class="button primary" data-testid="count-submit" disabled={deciding} onClick={() => void submit(false)}>
              {t('count.submit')}
            </button>
          </div>
        </div>
      )}
      {count.status === 'submitted' && (mayDecide(depotId) ? <DecisionPanel count={count} decide={decide} deciding={deciding} /> : <p class="notice attention" data-testid="count-awaiting">{t('count.awaitingLeader')}</p>)}
      {count.status === 'posted' && <PostedResult count={count} />}
      {count.status === 'cancelled' && (
        <p class="notice" data-testid="count-cancelled">
          {t('count.cancelledNote')}
        </p>
      )}
      {open && mayStart(depotId) && <CancelCount number={count.number} onConfirm={() => void act(() => api.cancelStockCount(count.id))} />}
      <Signatures count={count} />
    </section>
  );
}

/** The sheet on screen: a group per zone; the counted figure typed into the line sets it. */
function SheetTable({ count, editable, missing, onSet }: { count: StockCount; editable: boolean; missing: number[]; onSet: (l: Line, quantity: number) => Promise<boolean> }) {
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const pending = useRef(new Map<number, string>());
  const hidden = count.expectedHidden;
  const today = localDate(new Date().toISOString());
  const columns = hidden ? 4 : 7;
  const drop = (id: number, text: string) =>
    setDrafts((d) => {
      if (d[id] !== text) return d;
      const next = { ...d };
      delete next[id];
      return next;
    });

  function commit(l: Line) {
    const text = drafts[l.id]?.trim();
    if (text === undefined) return;
    if (text === '' || text === String(l.counted ?? '') || !/^\d{1,9}$/.test(text)) return drop(l.id, drafts[l.id]!);
    if (pending.current.get(l.id) === text) return;
    pending.current.set(l.id, text);
    void onSet(l, Number(text)).then((ok) => {
      pending.current.delete(l.id);
      if (ok) drop(l.id, drafts[l.id]!);
    });
  }

  return (
    <div class="table-wrap">
      <table class="data count-table" data-testid="count-lines">
        <thead>
          <tr>
            <th>{t('label.product')}</th>
            <th>{t('label.lot')}</th>
            <th>{t('label.expiresOn')}</th>
            {!hidden && <th class="num">{t('count.book')}</th>}
            <th class="num">{t('count.counted')}</th>
            {!hidden && <th class="num">{t('count.variance')}</th>}
            {!hidden && <th class="num">{t('count.varianceValue')}</th>}
          </tr>
        </thead>
        {byZone(count).map(({ zone, lines }) => (
          <tbody key={zone}>
            <tr class="zone-group" data-testid="count-zone-group" data-zone={zone}>
              <th colSpan={columns}>
                <ZoneBadge zone={zone} /> <span class="muted">{t('count.zoneProgress', { counted: lines.filter((l) => l.counted !== null).length, lines: lines.length })}</span>
              </th>
            </tr>
            {lines.length === 0 && (
              <tr>
                <td colSpan={columns} class="muted">
                  {t('count.zoneEmpty')}
                </td>
              </tr>
            )}
            {lines.map((l) => (
              <tr
                key={l.id}
                class={missing.includes(l.id) ? 'row-attention' : l.counted === null ? 'row-uncounted' : undefined}
                data-testid="count-line"
                data-lot={l.lot}
                data-zone={l.zone}
                data-batch-id={l.batchId}
                data-counted={l.counted ?? ''}
                data-entry={l.entry ?? ''}
                data-variance={l.variance ?? ''}
              >
                <td>
                  <span class="cell-title">{lineName(l)}</span>
                  <span class="muted code">{l.productCode}</span>
                </td>
                <td class="code">
                  {l.lot}
                  {!hidden && l.expected === 0 && <span class="tag warn">{t('count.foundTag')}</span>}
                  {l.entry === 'typed' && (
                    <span class="tag typed" data-testid="typed-mark">
                      {t('scan.typedTag')}
                    </span>
                  )}
                </td>
                <td>
                  <span class="expiry">
                    {l.expiresOn}
                    {l.expiresOn < today && <span class="tag tag-expired">{t('expiry.expired')}</span>}
                  </span>
                </td>
                {!hidden && <td class="num">{formatQuantity(l.expected!)}</td>}
                <td class="num">
                  {editable ? (
                    <input
                      type="number"
                      min="0"
                      inputMode="numeric"
                      class="count-input"
                      data-testid="count-input"
                      aria-label={t('count.countedOf', { lot: l.lot })}
                      placeholder={t('count.notCounted')}
                      value={drafts[l.id] ?? (l.counted === null ? '' : String(l.counted))}
                      onInput={(e) => setDrafts({ ...drafts, [l.id]: e.currentTarget.value })}
                      onBlur={() => commit(l)}
                      onKeyDown={(e) => {
                        if (e.key !== 'Enter') return;
                        e.preventDefault();
                        commit(l);
                        const inputs = [...document.querySelectorAll<HTMLInputElement>('[data-testid="count-input"]')];
                        inputs[inputs.indexOf(e.currentTarget) + 1]?.select();
                      }}
                    />
                  ) : l.counted === null ? (
                    <span class="muted">{t('count.notCounted')}</span>
                  ) : (
                    formatQuantity(l.counted)
                  )}{' '}
                  <span class="unit">{lineUnit(l)}</span>
                </td>
                {!hidden && (
                  <td class={`num ${varianceClass(l.variance) ?? ''}`} data-testid="line-variance">
                    {signedQuantity(l.variance)}
                  </td>
                )}
                {!hidden && (
                  <td class={`num ${varianceClass(l.varianceValueFen) ?? ''}`} data-testid="line-variance-value">
                    {signedYuan(l.varianceValueFen)}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        ))}
        <CountTotalRows count={count} />
      </table>
    </div>
  );
}

/**
 * The sheet's totals, one row per unit (板 and 盒 are never added up: issue 17 item 17), each
 * with its variance value; with more than one unit, the values in yuan add up on a last row.
 */
function CountTotalRows({ count }: { count: StockCount }) {
  const s = count.totals;
  const hidden = count.expectedHidden;
  if (s.byUnit.length === 0) return null;
  const single = s.byUnit.length === 1;
  return (
    <tfoot data-testid="count-totals-by-unit" data-units={s.byUnit.length}>
      {s.byUnit.map((u) => (
        <tr key={u.unitZh} data-testid="count-total-row" data-unit={u.unitZh} data-book={u.expected ?? ''} data-counted={u.counted} data-variance={unitVariance(u) ?? ''}>
          <td colSpan={3}>{t('count.totalOfUnit', { unit: unitName(u) })}</td>
          {!hidden && <td class="num">{formatQuantity(u.expected ?? 0)}</td>}
          <td class="num" data-testid="count-total-counted">
            {formatQuantity(u.counted)} <span class="unit">{unitName(u)}</span>
          </td>
          {!hidden && <td class={`num ${varianceClass(unitVariance(u)) ?? ''}`}>{signedQuantity(unitVariance(u))}</td>}
          {!hidden && (
            <td class={`num ${varianceClass(unitVarianceValue(u)) ?? ''}`} data-testid={single ? 'count-total-value' : 'count-unit-value'}>
              {signedYuan(unitVarianceValue(u))}
            </td>
          )}
        </tr>
      ))}
      {!hidden && !single && (
        <tr class="count-total-value-row">
          <td colSpan={6}>{t('count.totalValue')}</td>
          <td class={`num ${varianceClass(s.netValueFen) ?? ''}`} data-testid="count-total-value">
            {signedYuan(s.netValueFen)}
          </td>
        </tr>
      )}
    </tfoot>
  );
}

/** The variance report to the leader (SC-1): lines counted, surplus and shortage per unit with their values, and the net value. */
function Totals({ count: c }: { count: StockCount }) {
  const s = c.totals;
  const hidden = c.expectedHidden;
  return (
    <dl class="facts count-totals" data-testid="count-totals" data-counted={s.countedLines} data-lines={s.lines}>
      <div>
        <dt>{t('count.linesCounted')}</dt>
        <dd data-testid="count-progress">
          {s.countedLines} / {s.lines}
        </dd>
      </div>
      {!hidden && (
        <div>
          <dt>{t('count.over')}</dt>
          <dd class={varianceClass(s.overValueFen)} data-testid="count-over">
            <UnitQuantities totals={unitFigures(s.byUnit, 'over')} testid="count-over-units" /> · {formatYuan(s.overValueFen ?? 0)} {t('count.yuan')}
          </dd>
        </div>
      )}
      {!hidden && (
        <div>
          <dt>{t('count.short')}</dt>
          <dd class={varianceClass(s.shortValueFen === null ? null : -s.shortValueFen)} data-testid="count-short">
            <UnitQuantities totals={unitFigures(s.byUnit, 'short')} testid="count-short-units" /> · {formatYuan(s.shortValueFen ?? 0)} {t('count.yuan')}
          </dd>
        </div>
      )}
      {s.netValueFen !== null && (
        <div>
          <dt>{t('count.net')}</dt>
          <dd class={`strong ${varianceClass(s.netValueFen) ?? ''}`} data-testid="count-net">
            {signedYuan(s.netValueFen)} {t('count.yuan')}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** The leader approves the variances, which then post, or returns the count with a reason. */
function DecisionPanel({ count, decide, deciding }: { count: StockCount; decide: (kind: 'count.decide', input: ActionInputs['count.decide'], label: string) => Promise<boolean>; deciding: boolean }) {
  const [reason, setReason] = useState('');
  const s = count.totals;
  return (
    <div class="panel approval no-print" data-testid="count-decision-panel">
      <h2>{t('count.decision')}</h2>
      <p class="notice attention">
        {t('count.decisionHint', { over: formatYuan(s.overValueFen ?? 0), short: formatYuan(s.shortValueFen ?? 0), net: signedYuan(s.netValueFen) })}
      </p>
      <div class="inline-form">
        <button type="button" class="button primary" data-testid="count-approve" disabled={deciding} onClick={() => void decide('count.decide', { countId: count.id, decision: 'approved' }, `${t('count.approve')} · ${count.number}`)}>
          {t('count.approve')}
        </button>
        <label>
          {t('count.returnReason')}
          <input data-testid="count-return-reason" maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <button
          type="button"
          class="button danger-outline"
          data-testid="count-return"
          disabled={deciding || !reason.trim()}
          onClick={() => void decide('count.decide', { countId: count.id, decision: 'returned', reason: reason.trim() }, `${t('count.return')} · ${count.number}`).then((ok) => ok && setReason(''))}
        >
          {t('count.return')}
        </button>
      </div>
    </div>
  );
}

/** What the approval posted: one count adjustment per line with a variance, each on its stock card. */
function PostedResult({ count }: { count: StockCount }) {
  const adjusted = count.lines.filter((l) => l.variance !== null && l.variance !== 0);
  return (
    <section class="notice count-posted" data-testid="count-posted" data-posting={count.postingId ?? ''}>
      <p>
        <strong>
          {count.postingId === null ? t('count.postedNothing') : t('count.posted', { lines: adjusted.length, posting: count.postingId, net: signedYuan(count.totals.netValueFen) })}
        </strong>
      </p>
      {adjusted.length > 0 && (
        <ul>
          {adjusted.map((l) => (
            <li key={l.id} data-testid="posted-line" data-lot={l.lot}>
              <ZoneBadge zone={l.zone} /> {lineName(l)} {l.lot}:{' '}
              <span class={varianceClass(l.variance)}>
                {formatQuantity(l.expected!)} → {formatQuantity(l.counted!)} ({signedQuantity(l.variance)}, {signedYuan(l.varianceValueFen)} {t('count.yuan')})
              </span>{' '}
              <a href={paths.card(count.depot.id, l.batchId)}>{t('label.stockCard')}</a>
            </li>
          ))}
        </ul>
      )}
      <a class="button" href={paths.stock(count.depot.id)} data-testid="count-to-stock">
        {t('label.stockOnHand')}
      </a>
    </section>
  );
}

function CancelCount({ number, onConfirm }: { number: string; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  return (
    <div class="actions no-print">
      <button type="button" class="button danger-outline" data-testid="count-cancel" onClick={() => setAsking(true)}>
        {t('count.cancel')}
      </button>
      {asking && (
        <ConfirmDialog
          testid="count-cancel-dialog"
          title={t('confirm.cancelCountTitle', { number })}
          confirmLabel={t('button.confirm')}
          cancelLabel={t('count.keep')}
          danger
          onCancel={() => setAsking(false)}
          onConfirm={() => (setAsking(false), onConfirm())}
        >
          <p class="consequence">{t('count.confirmCancel')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function Signatures({ count }: { count: StockCount }) {
  const { started, submitted, approved } = count.signatures;
  return (
    <ul class="signatures" data-testid="count-signatures">
      {started && <li>{t('count.signStarted', { name: started.name, time: formatDateTime(started.at) })}</li>}
      {submitted && <li data-testid="count-signed">{t('count.signSubmitted', { name: submitted.name, time: formatDateTime(submitted.at) })}</li>}
      {approved && <li data-testid="count-approved">{t('count.signApproved', { name: approved.name, time: formatDateTime(approved.at) })}</li>}
    </ul>
  );
}
