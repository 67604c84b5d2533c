import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type BatchHold } from '../../api.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { FieldError, invalidProps, useFieldIds } from '../../components/FieldError.tsx';
import { usePanelFocus } from '../../components/focus.ts';
import { formatDateTime } from '../../components/format.ts';
import { t } from './i18n.ts';
import { holdsLots } from './access.ts';
import { nameOf } from './labels.tsx';
import { BatchPicker, type PickedLot } from './BatchPicker.tsx';

/**
 * Lots on hold (暂停发放) that apply at a depot (raised there or above) and those raised below it.
 * The depot's inspector or leader holds a lot over the depot's subtree and releases the holds
 * it raised; every hold leads to the lot's trace.
 */
export function HoldsSection({ depotId }: { depotId: number }) {
  const [holds, setHolds] = useState<BatchHold[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [adding, setAdding] = useState(false);
  const [done, setDone] = useState('');
  const load = () => {
    setProblem(null);
    api.batchHolds(depotId).then(
      (r) => setHolds(r.items),
      (e) => setProblem(toProblem(e)),
    );
  };
  useEffect(() => {
    setHolds(null);
    setAdding(false);
    setDone('');
    load();
  }, [depotId]);

  const here = holds?.filter((h) => h.appliesHere) ?? [];
  const below = holds?.filter((h) => !h.appliesHere) ?? [];
  const changed = (message: string) => {
    setDone(message);
    setAdding(false);
    load();
  };
  return (
    <section class="panel quality-holds" data-testid="holds-section" data-state={holds ? 'ready' : 'loading'}>
      <div class="panel-head">
        <h2>{t('hold.title')}</h2>
        {holdsLots(depotId) && !adding && (
          <button type="button" class="button" data-testid="hold-new" onClick={() => (setDone(''), setAdding(true))}>
            {t('hold.new')}
          </button>
        )}
      </div>
      {adding && <HoldForm depotId={depotId} onPlaced={(lot) => changed(t('hold.placed', { lot }))} onCancel={() => setAdding(false)} />}
      {done && (
        <p class="notice" role="status" data-testid="hold-done">
          {done}
        </p>
      )}
      <ProblemMessage problem={problem} onRetry={load} />
      {holds && (
        <>
          <HoldTable caption={t('hold.here')} rows={here} depotId={depotId} testid="holds-here" onReleased={(lot) => changed(t('hold.released', { lot }))} />
          {below.length > 0 && <HoldTable caption={t('hold.below')} rows={below} depotId={depotId} testid="holds-below" onReleased={(lot) => changed(t('hold.released', { lot }))} />}
        </>
      )}
    </section>
  );
}

function HoldTable({ caption, rows, depotId, testid, onReleased }: { caption: string; rows: BatchHold[]; depotId: number; testid: string; onReleased: (lot: string) => void }) {
  const [releasing, setReleasing] = useState<number | null>(null);
  return (
    // On a phone the table scrolls sideways: with no link in it (no hold), only the box itself can take the keyboard.
    <div class="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table class="data" data-testid={testid}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th>{t('label.product')}</th>
            <th>{t('label.lot')}</th>
            <th>{t('label.expiresOn')}</th>
            <th>{t('hold.depot')}</th>
            <th>{t('hold.reason')}</th>
            <th>{t('hold.raisedAt')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((h) => (
            <Fragment key={h.id}>
              <tr class="row-attention" data-testid="hold-row" data-lot={h.lot} data-hold={h.id}>
                <td>
                  {nameOf(h)} <span class="muted code">{h.productCode}</span>
                </td>
                <td class="code nowrap">
                  {h.lot}{' '}
                  <a class="trace-link" href={paths.trace(h.batchId, depotId)} data-testid="hold-trace">
                    {t('label.trace')}
                  </a>
                </td>
                <td class="nowrap">{h.expiresOn}</td>
                <td>{h.depotName}</td>
                <td class="hold-reason">
                  {h.reason}
                  {h.inspectionId !== null && (
                    <span class="muted">
                      {' '}
                      · {t('hold.inspectionRef')} #{h.inspectionId}
                    </span>
                  )}
                </td>
                <td class="nowrap">{formatDateTime(h.raisedAt)}</td>
                <td class="num">
                  {holdsLots(h.depotId) && releasing !== h.id && (
                    <button type="button" class="button small" data-testid="hold-release" onClick={() => setReleasing(h.id)}>
                      {t('hold.release')}
                    </button>
                  )}
                </td>
              </tr>
              {releasing === h.id && (
                <tr class="detail-row">
                  <td colSpan={7}>
                    <ReleaseForm hold={h} onDone={() => (setReleasing(null), onReleased(h.lot))} onCancel={() => setReleasing(null)} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={7} class="empty">
                {t('hold.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function ReleaseForm({ hold, onDone, onCancel }: { hold: BatchHold; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const panel = usePanelFocus<HTMLFormElement>();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await api.releaseHold(hold.id, reason.trim());
      onDone();
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  }
  return (
    <form class="inline-form release-form" data-testid="release-form" onSubmit={(e) => void submit(e)} ref={panel}>
      <label class="grow">
        {t('hold.releaseReason')}
        <input data-testid="release-reason" required minLength={2} maxLength={500} placeholder={t('hold.releaseReasonHint')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button class="button primary" data-testid="release-do" disabled={busy || reason.trim().length < 2}>
        {t('hold.releaseDo')}
      </button>
      <button type="button" class="button" onClick={onCancel}>
        {t('button.cancel')}
      </button>
      <ProblemMessage problem={problem} testid="release-problem" />
    </form>
  );
}

function HoldForm({ depotId, onPlaced, onCancel }: { depotId: number; onPlaced: (lot: string) => void; onCancel: () => void }) {
  const [lot, setLot] = useState<PickedLot | null>(null);
  const [reason, setReason] = useState('');
  const [inspection, setInspection] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const inspectionId = inspection.trim() === '' ? undefined : Number(inspection);
  const inspectionBad = inspectionId !== undefined && !(Number.isInteger(inspectionId) && inspectionId > 0);
  const ids = useFieldIds();
  const panel = usePanelFocus<HTMLFormElement>();
  async function submit(e: Event) {
    e.preventDefault();
    if (!lot || inspectionBad) return;
    setBusy(true);
    setProblem(null);
    try {
      await api.placeHold({ depotId, batchId: lot.batchId, reason: reason.trim(), ...(inspectionId ? { inspectionId } : {}) });
      onPlaced(lot.lot);
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  }
  return (
    <form class="hold-form sub-panel" data-testid="hold-form" onSubmit={(e) => void submit(e)} ref={panel}>
      <h3>{t('hold.newTitle')}</h3>
      <p class="notice attention">{t('hold.newHint')}</p>
      <BatchPicker depotId={depotId} picked={lot} onPick={setLot} />
      <div class="form-grid">
        <label class="field wide">
          <span>{t('hold.reason')}</span>
          <input data-testid="hold-reason" required minLength={2} maxLength={500} placeholder={t('hold.reasonHint')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <label class={`field${inspectionBad ? ' invalid' : ''}`}>
          <span>{t('hold.inspection')}</span>
          <input data-testid="hold-inspection" inputMode="numeric" {...invalidProps(ids('inspection'), inspectionBad)} value={inspection} onInput={(e) => setInspection(e.currentTarget.value)} />
          {inspectionBad && <FieldError id={ids('inspection')}>{t('quality.inspectionNumber')}</FieldError>}
        </label>
      </div>
      <ProblemMessage problem={problem} testid="hold-problem" />
      <div class="actions">
        <button class="button primary" data-testid="hold-submit" disabled={busy || !lot || reason.trim().length < 2 || inspectionBad}>
          {t('hold.place')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('button.cancel')}
        </button>
      </div>
    </form>
  );
}
