import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatDateTime } from '../../components/format.ts';
import { holdSignalLot, signal as readSignal, type Signal } from './adverse-api.ts';
import { holdsSignalLot } from './access.ts';
import { SeriousTag, StatusBadge } from './labels.tsx';
import { t } from './i18n.ts';
import { TraceTables } from '../quality/TraceScreen.tsx';

/**
 * A lot signal (several reports on one lot within the window), as the region's inspector acts on
 * it: the reports by case number, where the lot went (every depot that holds or held it), and the
 * one-click hold of the lot at every depot, asked once first.
 */
export function SignalScreen({ signalId }: { signalId: number }) {
  const [shown, setShown] = useState<Signal | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [asking, setAsking] = useState(false);
  const [holdProblem, setHoldProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const load = () => {
    setProblem(null);
    readSignal(signalId).then(setShown, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setShown(null);
    setDone(false);
    load();
  }, [signalId]);

  const s = shown?.id === signalId ? shown : null;
  if (!s) return problem ? <ProblemMessage problem={problem} onRetry={load} /> : <p class="note">{t('label.loading')}</p>;
  const product = lang.value === 'en' ? s.productNameEn : s.productNameZh;
  const holding = s.trace.depots.filter((d) => Object.values(d.onHand).some((q) => (q ?? 0) > 0));
  const held = s.hold !== null && s.hold.releasedAt === null;

  async function hold() {
    setAsking(false);
    setBusy(true);
    setHoldProblem(null);
    try {
      setShown(await holdSignalLot(signalId));
      setDone(true);
    } catch (e) {
      setHoldProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="adr-signal" data-testid="adr-signal" data-lot={s.lot} data-held={String(held)}>
      <header class="page-head">
        <div class="toolbar no-print">
          <a class="button" href={paths.adverseReactions(s.depotId)} data-testid="adr-signal-back">
            ‹ {t('label.adverseReactions')}
          </a>
          <a class="button" href={paths.trace(s.batchId, s.depotId)} data-testid="adr-signal-trace">
            {t('label.traceLot', { lot: s.lot })}
          </a>
        </div>
        <h1>
          {t('adr.signalTitle')} · {product} <span class="code">{s.lot}</span>
        </h1>
        <p class="muted">{t('adr.signalLine', { count: s.reportCount, from: s.windowFrom, raised: s.raisedOn })}</p>
      </header>

      <section class={held ? 'panel adr-hold held' : 'panel adr-hold'} data-testid="adr-hold-panel">
        <h2>{t('adr.holdTitle')}</h2>
        {done && (
          <p class="notice" role="status" data-testid="adr-hold-done">
            {t('adr.holdDone', { lot: s.lot })}
          </p>
        )}
        {s.hold ? (
          <p class={held ? 'problem' : 'muted'} data-testid="adr-hold-state" data-released={String(s.hold.releasedAt !== null)}>
            {held ? t('adr.heldSince', { time: formatDateTime(s.hold.raisedAt), reason: s.hold.reason }) : t('adr.holdReleased', { time: formatDateTime(s.hold.releasedAt!) })}
          </p>
        ) : (
          <p class="notice attention" data-testid="adr-hold-state" data-released="false">
            {t('adr.notHeldYet')}
          </p>
        )}
        {!held && holdsSignalLot(s) && (
          <button type="button" class="button danger" data-testid="adr-hold" disabled={busy} onClick={() => (setHoldProblem(null), setAsking(true))}>
            {t('adr.hold')}
          </button>
        )}
        <ProblemMessage problem={holdProblem} testid="adr-hold-problem" />
        {asking && (
          <ConfirmDialog title={t('adr.holdTitle')} confirmLabel={t('adr.hold')} danger onConfirm={() => void hold()} onCancel={() => setAsking(false)} testid="adr-hold-dialog">
            <p>{t('adr.holdQuestion', { product, lot: s.lot })}</p>
            <p>{t('adr.holdWho', { depots: holding.length })}</p>
          </ConfirmDialog>
        )}
      </section>

      <div class="table-wrap">
        <table class="data" data-testid="adr-signal-reports">
          <caption>{t('adr.signalReports')}</caption>
          <thead>
            <tr>
              <th>{t('adr.caseNumber')}</th>
              <th>{t('label.depot')}</th>
              <th>{t('adr.filedOn')}</th>
              <th>{t('adr.onsetOn')}</th>
              <th>{t('adr.outcome')}</th>
              <th>{t('label.status')}</th>
            </tr>
          </thead>
          <tbody>
            {s.reports.map((r) => (
              <tr key={r.id} data-testid="adr-signal-report" data-number={r.number}>
                <td class="nowrap">
                  <a href={paths.adverseReaction(r.id)}>{r.caseNumber}</a>
                </td>
                <td>{r.depotName}</td>
                <td class="nowrap">{r.filedOn}</td>
                <td class="nowrap">{r.onsetOn}</td>
                <td>{t(`adr.outcome.${r.outcome}`)}</td>
                <td>
                  <StatusBadge status={r.status} /> <SeriousTag serious={r.serious} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('adr.whereItWent')}</h2>
      <TraceTables trace={s.trace} depotName={(id) => s.trace.depots.find((d) => d.id === id)?.name ?? '—'} of="lot" />
    </section>
  );
}
