import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem, type Product } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ZoneBadge } from '../../components/ZoneBadge.tsx';
import { formatDateTime, formatQuantity, productName } from '../../components/format.ts';
import { useAction } from '../../components/action.ts';
import { DoneNotice, type Done } from '../../components/DoneNotice.tsx';
import { atOwnDepot, hasRole, inspectsOnReceipt, session } from '../auth/session.ts';
import { productList } from '../stock/stock-state.ts';
import { confirmOpeningBalance, openingBalances, openingWindows, type OpeningBalance, type OpeningWindow } from './opening-api.ts';
import { OpeningBalanceForm } from './OpeningBalanceForm.tsx';
import { OpeningWindows } from './OpeningWindows.tsx';
import '../reversals/controls.css';

type Loaded = { balances: OpeningBalance[]; windows: OpeningWindow[] };

/**
 * A depot's opening stock (期初库存): the storekeeper enters it from the paper stock cards; each
 * document waits, its stock held back, until a leader or planner who did not enter it confirms it;
 * after go-live its leader opens a window for late entries. The server enforces each step.
 */
export function OpeningScreen({ depotId }: { depotId: number }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [entering, setEntering] = useState(false);
  const [done, setDone] = useState<Done>(null);
  const load = () => {
    setProblem(null);
    Promise.all([openingBalances(depotId), openingWindows(depotId)]).then(
      ([b, w]) => setData({ balances: b.items, windows: w.items }),
      (e) => setProblem(toProblem(e)),
    );
  };
  useEffect(() => {
    setData(null);
    setEntering(false);
    setDone(null);
    load();
    void productList.load(undefined);
  }, [depotId]);
  const changed = (text: () => string) => {
    setDone({ text });
    setEntering(false);
    load();
  };
  const own = atOwnDepot(depotId);
  const me = session.value;
  const enters = own && hasRole('storekeeper');
  const confirms = own && (hasRole('leader') || hasRole('planner'));
  const products = productList.state.value.data?.items ?? [];
  const awaiting = data?.balances.filter((b) => b.confirmedAt === null && !b.reversed) ?? [];
  const openWindow = data?.windows.find((w) => w.open);

  return (
    <section class="screen controls-screen" data-testid="opening-screen" data-state={data ? 'ready' : problem ? 'error' : 'loading'}>
      <div class="toolbar no-print">
        <a class="button" href={paths.stock(depotId)} data-testid="opening-back">
          ‹ {t('button.back')}
        </a>
        {enters && !entering && (
          <button type="button" class="button primary" data-testid="opening-new" onClick={() => (setDone(null), setEntering(true))}>
            {t('opening.new')}
          </button>
        )}
      </div>
      <h2>{t('opening.title')}</h2>
      {openWindow && (
        <p class="notice attention" data-testid="window-current">
          {t('window.current', { endsOn: openWindow.endsOn })} · {openWindow.reason}
        </p>
      )}
      <DoneNotice done={done} testid="opening-done" />
      {entering && me && <OpeningBalanceForm depotId={depotId} inspects={inspectsOnReceipt(me.depot.tier)} onPosted={(number) => changed(() => t('opening.posted', { number }))} onCancel={() => setEntering(false)} />}
      <ProblemMessage problem={problem} onRetry={load} />
      {data && (
        <>
          <section class="panel" data-testid="opening-to-confirm" data-count={awaiting.length}>
            <h3>
              {t('opening.toConfirm')} {awaiting.length > 0 && <span class="waiting-badge">{awaiting.length}</span>}
            </h3>
            <p class="hint">{t('opening.confirmHint')}</p>
            <BalanceTable rows={awaiting} products={products} empty={t('opening.noneToConfirm')} confirms={confirms} onConfirmed={(number) => changed(() => t('opening.confirmed', { number }))} testid="to-confirm-table" />
          </section>
          <section class="panel" data-testid="opening-all">
            <h3>{t('opening.all')}</h3>
            <BalanceTable rows={data.balances} products={products} empty={t('opening.none')} confirms={false} onConfirmed={() => undefined} testid="opening-table" />
          </section>
          <OpeningWindows depotId={depotId} windows={data.windows} leads={own && hasRole('leader')} onChanged={changed} />
        </>
      )}
    </section>
  );
}

const stateOf = (b: OpeningBalance) => (b.reversed ? 'reversed' : b.confirmedAt ? 'confirmed' : 'awaiting');
const STATE_CSS = { reversed: 'status-cancelled', confirmed: 'status-received', awaiting: 'status-awaiting_approval' } as const;

function BalanceTable({ rows, products, empty, confirms, onConfirmed, testid }: { rows: OpeningBalance[]; products: Product[]; empty: string; confirms: boolean; onConfirmed: (number: string) => void; testid: string }) {
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={rows.length === 0 ? empty : t('opening.title')}>
      <table class="data opening-table" data-testid={testid}>
        <thead>
          <tr>
            <th>{t('opening.number')}</th>
            <th>{t('label.status')}</th>
            <th>{t('opening.lines')}</th>
            <th>{t('opening.postedBy')}</th>
            <th>{t('opening.confirmedBy')}</th>
            {confirms && <th />}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={confirms ? 6 : 5} class="empty">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((b) => (
            <tr key={b.id} data-testid="opening-row" data-number={b.number} data-state={stateOf(b)}>
              <td class="nowrap code">{b.number}</td>
              <td>
                <span class={`status-badge ${STATE_CSS[stateOf(b)]}`} data-testid="opening-state">
                  {t(`opening.state.${stateOf(b)}`)}
                </span>
              </td>
              <td>
                <ul class="reversal-lines">
                  {b.lines.map((l, i) => {
                    const product = products.find((p) => p.id === l.productId);
                    return (
                      <li key={i}>
                        {product ? productName(product) : ''} <span class="code">{l.lot}</span> <ZoneBadge zone={l.zone} /> <strong>{formatQuantity(l.quantity)}</strong>{' '}
                        <a class="trace-link" href={paths.card(b.depotId, l.batchId)}>
                          {t('reversal.openCard')}
                        </a>
                      </li>
                    );
                  })}
                </ul>
                {b.note && <div class="muted">{b.note}</div>}
              </td>
              <td class="nowrap">
                {b.createdByName ?? `#${b.createdBy}`}
                <br />
                <span class="muted">{formatDateTime(b.createdAt)}</span>
              </td>
              <td class="nowrap">
                {b.confirmedAt && (
                  <>
                    {b.confirmedByName ?? `#${b.confirmedBy}`}
                    <br />
                    <span class="muted">{formatDateTime(b.confirmedAt)}</span>
                  </>
                )}
              </td>
              {confirms && (
                <td class="num">
                  <ConfirmButton balance={b} onConfirmed={onConfirmed} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ConfirmButton({ balance, onConfirmed }: { balance: OpeningBalance; onConfirmed: (number: string) => void }) {
  const { busy, problem, run } = useAction();
  // The server refuses it too (self_approval); the screen says so instead of offering the button.
  if (balance.createdBy === session.value?.user.id) {
    return (
      <span class="muted" data-testid="opening-own">
        {t('opening.ownDocument')}
      </span>
    );
  }
  async function confirm() {
    const doc = await run(() => confirmOpeningBalance(balance.id));
    if (doc) onConfirmed(doc.number);
  }
  return (
    <>
      <button type="button" class="button primary small" data-testid="opening-confirm" disabled={busy} onClick={() => void confirm()}>
        {t('opening.confirm')}
      </button>
      <ProblemMessage problem={problem} testid="opening-confirm-problem" />
    </>
  );
}
