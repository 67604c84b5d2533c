import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { type ApiProblem, type StockRow } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { parseScan } from '../../../../labels/gs1.ts';
import type { StorageZone } from '../../../../server/schemas/constants.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ZoneBadge } from '../../components/ZoneBadge.tsx';
import { usePanelFocus } from '../../components/focus.ts';
import { formatQuantity, productName } from '../../components/format.ts';
import { focusScanField, ScanField, useScanStatus } from '../receiving/ScanField.tsx';
import { PendingActions } from '../receiving/PendingActions.tsx';
import { asApiProblem, submitAction, useLateOutcomes } from '../receiving/scan-actions.ts';
import { awaitingWhy } from './AwaitingTag.tsx';

interface Item {
  batchId: number;
  lot: string;
  name: string;
  fromZone: StorageZone;
  available: number;
  quantity: number;
  /** Chosen by hand: its label could not be read. */
  typed: boolean;
}

/**
 * Moving stock by scanning (S0:323-325): batch labels first, then the zone label where they go.
 * The server allows qualified → pending and qualified/pending → non-conforming; a refusal shows.
 */
export function ZoneMovePanel({ depotId, depotCode, onMoved }: { depotId: number; depotCode: string; onMoved: () => void }) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Item[]>([]);
  const [status, say] = useScanStatus();
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const scope = `zone-move:${depotId}`;

  const tell = (ok: boolean | 'warn', text: string, p: ApiProblem | null = null) => {
    setProblem(p);
    say(ok === 'warn' ? 'warn' : ok ? 'ok' : 'error', text);
    focusScanField();
  };

  // A move that was pending went through (or was refused) on a retry: the stock shows it.
  useLateOutcomes(scope, ({ action, outcome }) => {
    if (outcome.status === 'pending') return;
    tell(outcome.status === 'applied', t(outcome.status === 'applied' ? 'pending.applied' : 'pending.refusedLate', { label: action.label }), outcome.status === 'refused' ? asApiProblem(outcome.problem) : null);
    onMoved();
  });

  async function findRow(raw: string): Promise<StockRow | undefined> {
    const scan = parseScan(raw);
    const rows = (await api.stock({ depotId, pageSize: 500 })).items.filter((r) => r.location !== 'in_transit' && r.location !== 'nonconforming');
    const mine = rows.filter((r) => (scan.kind === 'batch' ? r.batchId === scan.batchId : scan.kind === 'gs1' && r.lot === scan.lot && (!scan.gtin || r.product.gtin === scan.gtin)));
    return mine.find((r) => r.location === 'qualified') ?? mine[0];
  }

  /** Each move goes through the queue of the scan screens: a move lost on the network is sent again, once. */
  async function moveAll(zone: StorageZone) {
    const done: number[] = [];
    let waiting = 0;
    for (const item of items) {
      const label = t('label.moveLabel', { lot: item.lot, quantity: item.quantity, zone: t(`zone.${zone}`) });
      const outcome = await submitAction('zone.move', scope, { depotId, batchId: item.batchId, fromZone: item.fromZone, toZone: zone, quantity: item.quantity }, label);
      if (outcome.status === 'refused') {
        setItems(items.filter((i) => !done.includes(i.batchId)));
        onMoved();
        return tell(false, '', asApiProblem(outcome.problem));
      }
      if (outcome.status === 'pending') waiting++;
      done.push(item.batchId);
    }
    setItems([]);
    onMoved();
    if (waiting > 0) tell('warn', t('pending.saved', { label: t('label.movedTo', { count: done.length, zone: t(`zone.${zone}`) }) }));
    else tell(true, t('label.movedTo', { count: done.length, zone: t(`zone.${zone}`) }));
  }

  function list(row: StockRow, typed: boolean) {
    if (items.some((i) => i.batchId === row.batchId)) return tell(true, t('label.alreadyListed', { lot: row.lot }));
    if (row.awaiting) return tell(false, awaitingWhy(row.awaiting));
    setItems([...items, { batchId: row.batchId, lot: row.lot, name: productName(row.product), fromZone: row.location as StorageZone, available: row.quantity, quantity: row.quantity, typed }]);
    tell(true, t('label.listedForMove', { lot: row.lot }));
  }

  async function onScan(raw: string) {
    let scan;
    try {
      scan = parseScan(raw);
    } catch {
      return tell(false, t('error.invalid_barcode'));
    }
    if (scan.kind === 'zone') {
      if (scan.depotCode !== depotCode) return tell(false, t('label.zoneOfOtherDepot'));
      if (items.length === 0) return tell(false, t('label.scanBatchFirst'));
      return moveAll(scan.zone);
    }
    if (scan.kind !== 'batch' && !(scan.kind === 'gs1' && scan.lot)) return tell(false, t('label.scanBatchOrZone'));
    const row = await findRow(raw);
    if (!row) return tell(false, t('label.batchNotHere'));
    list(row, false);
  }

  if (!open) {
    return (
      <div class="toolbar no-print">
        <button type="button" class="button" data-testid="zone-move-open" onClick={() => setOpen(true)}>
          {t('label.moveByScanning')}
        </button>
      </div>
    );
  }
  return (
    <FocusedPanel>
      <h2>
        {t('label.moveByScanning')}{' '}
        <button type="button" class="button small" data-testid="zone-move-close" onClick={() => setOpen(false)}>
          {t('button.close')}
        </button>
      </h2>
      <p class="muted">{t('label.moveHint')}</p>
      <ScanField onScan={(raw) => void onScan(raw)} status={status} messageTestId="zone-move-message" manual={(close) => <ManualMove depotId={depotId} onChoose={(row) => (list(row, true), close())} />} />
      <ProblemMessage problem={problem} />
      {items.length > 0 && (
        <table class="data" data-testid="zone-move-items">
          <thead>
            <tr>
              <th>{t('label.product')}</th>
              <th>{t('label.lot')}</th>
              <th>{t('label.zone')}</th>
              <th class="num">{t('label.quantity')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.batchId} data-testid="zone-move-item" data-lot={item.lot}>
                <td>{item.name}</td>
                <td class="code">
                  {item.lot}{' '}
                  {item.typed && (
                    <span class="tag typed" data-testid="typed-mark">
                      {t('scan.typedTag')}
                    </span>
                  )}
                </td>
                <td>
                  <ZoneBadge zone={item.fromZone} />
                </td>
                <td class="num">
                  <input
                    type="number"
                    min="1"
                    max={item.available}
                    class="qty-input"
                    value={item.quantity}
                    aria-label={t('label.quantity')}
                    onInput={(e) => setItems(items.map((i) => (i.batchId === item.batchId ? { ...i, quantity: Math.max(1, Math.min(i.available, Number(e.currentTarget.value) || 1)) } : i)))}
                  />{' '}
                  <span class="muted">/ {formatQuantity(item.available)}</span>
                </td>
                <td>
                  <button type="button" class="button small" onClick={() => setItems(items.filter((i) => i.batchId !== item.batchId))}>
                    {t('button.removePick')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PendingActions scope={scope} />
    </FocusedPanel>
  );
}

/** The open panel takes the focus (its scan field) and gives it back to its button when closed (WCAG 2.4.3). */
function FocusedPanel({ children }: { children: ComponentChildren }) {
  const panel = usePanelFocus<HTMLElement>();
  return (
    <section ref={panel} class="panel zone-move no-print" data-testid="zone-move">
      {children}
    </section>
  );
}

/** A lot to move whose label cannot be read: chosen from the depot's stock that may move. */
function ManualMove({ depotId, onChoose }: { depotId: number; onChoose: (row: StockRow) => void }) {
  const [rows, setRows] = useState<StockRow[]>([]);
  const [key, setKey] = useState('');
  useEffect(() => {
    api.stock({ depotId, pageSize: 500 }).then(
      (page) => {
        const movable = page.items.filter((r) => (r.location === 'qualified' || r.location === 'pending') && r.awaiting === null);
        setRows(movable);
        setKey(movable[0] ? `${movable[0].batchId}:${movable[0].location}` : '');
      },
      () => setRows([]),
    );
  }, [depotId]);
  const chosen = rows.find((r) => `${r.batchId}:${r.location}` === key);
  return (
    <form
      class="inline-form"
      data-testid="manual-move"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) onChoose(chosen);
      }}
    >
      <label>
        {t('scan.chooseBatch')}
        <select data-testid="manual-batch" value={key} onChange={(e) => setKey(e.currentTarget.value)}>
          {rows.map((r) => (
            <option key={`${r.batchId}:${r.location}`} value={`${r.batchId}:${r.location}`} data-lot={r.lot}>
              {r.lot} · {productName(r.product)} · {t(`zone.${r.location}`)} · {formatQuantity(r.quantity)}
            </option>
          ))}
        </select>
      </label>
      <button class="button primary" data-testid="manual-submit" disabled={!chosen}>
        {t('scan.chooseThis')}
      </button>
    </form>
  );
}
