import { useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { usePanelFocus } from '../../components/focus.ts';
import { formatDate, formatDateTime, today } from '../../components/format.ts';
import { useAction } from '../../components/action.ts';
import { closeOpeningWindow, openOpeningWindow, type OpeningWindow } from './opening-api.ts';

/** "2026-11-22 至 2026-11-30"; a window closed on the day it opened ends before it began. */
export function windowPeriod(w: OpeningWindow) {
  const from = formatDate(w.openedAt);
  return w.endsOn < from ? t('window.closedSameDay', { from }) : t('window.periodText', { from, to: w.endsOn });
}

/**
 * The depot's opening windows: the periods after go-live in which opening stock may still be
 * entered. Its leader opens one until an end date with a reason, and may close it early.
 */
export function OpeningWindows({ depotId, windows, leads, onChanged }: { depotId: number; windows: OpeningWindow[]; leads: boolean; onChanged: (text: () => string) => void }) {
  const [opening, setOpening] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const anyOpen = windows.some((w) => w.open);
  async function close(w: OpeningWindow) {
    setBusy(w.id);
    setProblem(null);
    try {
      await closeOpeningWindow(w.id);
      onChanged(() => t('window.closed'));
    } catch (err) {
      setProblem(toProblem(err));
    }
    setBusy(null);
  }
  return (
    <section class="panel opening-windows" data-testid="opening-windows">
      <div class="panel-head">
        <h3>{t('window.title')}</h3>
        {leads && !opening && !anyOpen && (
          <button type="button" class="button" data-testid="window-new" onClick={() => setOpening(true)}>
            {t('window.open')}
          </button>
        )}
      </div>
      <p class="hint">{t('window.hint')}</p>
      {opening && <WindowForm depotId={depotId} onOpened={(endsOn) => (setOpening(false), onChanged(() => t('window.opened', { endsOn })))} onCancel={() => setOpening(false)} />}
      <ProblemMessage problem={problem} testid="window-problem" />
      {windows.length === 0 ? (
        <p class="note" data-testid="windows-none">
          {t('window.none')}
        </p>
      ) : (
        <div class="table-wrap">
          <table class="data" data-testid="windows-table">
            <thead>
              <tr>
                <th>{t('window.period')}</th>
                <th>{t('label.status')}</th>
                <th>{t('window.reason')}</th>
                <th>{t('window.openedBy')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {windows.map((w) => (
                <tr key={w.id} data-testid="window-row" data-window={w.id} data-open={String(w.open)}>
                  <td class="nowrap" data-testid="window-period">
                    {windowPeriod(w)}
                  </td>
                  <td>
                    <span class={`status-badge ${w.open ? 'status-approved' : 'status-ended'}`}>{t(w.open ? 'window.state.open' : 'window.state.ended')}</span>
                  </td>
                  <td>{w.reason}</td>
                  <td class="nowrap">
                    {w.openedByName ?? `#${w.openedBy}`}
                    <br />
                    <span class="muted">{formatDateTime(w.openedAt)}</span>
                  </td>
                  <td class="num">
                    {leads && w.open && (
                      <button type="button" class="button small" data-testid="window-close" disabled={busy === w.id} onClick={() => void close(w)}>
                        {t('window.close')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function WindowForm({ depotId, onOpened, onCancel }: { depotId: number; onOpened: (endsOn: string) => void; onCancel: () => void }) {
  const first = today();
  const [endsOn, setEndsOn] = useState(first);
  const [reason, setReason] = useState('');
  const { busy, problem, run } = useAction();
  const panel = usePanelFocus<HTMLFormElement>();
  async function submit(e: Event) {
    e.preventDefault();
    const w = await run(() => openOpeningWindow({ depotId, endsOn, reason: reason.trim() }));
    if (w) onOpened(w.endsOn);
  }
  return (
    <form class="inline-form window-form" data-testid="window-form" ref={panel} onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <label>
        {t('window.endsOn')}
        <input type="date" data-testid="window-ends-on" required min={first} value={endsOn} onInput={(e) => setEndsOn(e.currentTarget.value)} />
      </label>
      <label class="grow">
        {t('window.reason')}
        <input data-testid="window-reason" required minLength={2} maxLength={500} placeholder={t('window.reasonHint')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button class="button primary" data-testid="window-open" disabled={busy || reason.trim().length < 2 || endsOn < first}>
        {t('window.openDo')}
      </button>
      <button type="button" class="button" onClick={onCancel}>
        {t('button.cancel')}
      </button>
      <ProblemMessage problem={problem} testid="window-form-problem" />
    </form>
  );
}
