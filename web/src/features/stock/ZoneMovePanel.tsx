import { useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type StockRow } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { parseScan } from '../../../../labels/gs1.ts';
import type { StorageZone } from '../../../../server/schemas/constants.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ZoneBadge } from '../../components/ZoneBadge.tsx';
import { formatQuantity, productName } from '../../components/format.ts';
import { ScanField } from '../receiving/ScanField.tsx';
import { feedback } from '../receiving/scan-feedback.ts';

interface Item {
  batchId: number;
  lot: string;
  name: string;
  fromZone: StorageZone;
  available: number;
  quantity: number;
}

/**
 * Moving stock by scanning (S0:323-325): batch labels first, then the zone label where they go.
 * The server allows qualified → pending and qualified/pending → non-conforming; a refusal shows.
 */
export function ZoneMovePanel({ depotId, depotCode, onMoved }: { depotId: number; depotCode: string; onMoved: () => void }) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Item[]>([]);
  const [state, setState] = useState<'idle' | 'ok' | 'error'>('idle');
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const say = (ok: boolean, text: string | null, p: ApiProblem | null = null) => {
    setState(ok ? 'ok' : 'error');
    setMessage(text);
    setProblem(p);
    feedback(ok);
  };

  async function findRow(raw: string): Promise<StockRow | undefined> {
    const scan = parseScan(raw);
    const rows = (await api.stock({ depotId, pageSize: 500 })).items.filter((r) => r.location !== 'in_transit' && r.location !== 'nonconforming');
    const mine = rows.filter((r) => (scan.kind === 'batch' ? r.batchId === scan.batchId : scan.kind === 'gs1' && r.lot === scan.lot && (!scan.gtin || r.product.gtin === scan.gtin)));
    return mine.find((r) => r.location === 'qualified') ?? mine[0];
  }

  async function moveAll(zone: StorageZone) {
    const moved: string[] = [];
    for (const item of items) {
      try {
        await api.moveZone({ depotId, batchId: item.batchId, fromZone: item.fromZone, toZone: zone, quantity: item.quantity });
        moved.push(item.lot);
      } catch (e) {
        setItems(items.filter((i) => !moved.includes(i.lot)));
        onMoved();
        say(false, null, toProblem(e));
        return;
      }
    }
    setItems([]);
    onMoved();
    say(true, t('label.movedTo', { count: moved.length, zone: t(`zone.${zone}`) }));
  }

  async function onScan(raw: string) {
    let scan;
    try {
      scan = parseScan(raw);
    } catch {
      return say(false, t('error.invalid_barcode'));
    }
    if (scan.kind === 'zone') {
      if (scan.depotCode !== depotCode) return say(false, t('label.zoneOfOtherDepot'));
      if (items.length === 0) return say(false, t('label.scanBatchFirst'));
      return moveAll(scan.zone);
    }
    if (scan.kind !== 'batch' && !(scan.kind === 'gs1' && scan.lot)) return say(false, t('label.scanBatchOrZone'));
    const row = await findRow(raw);
    if (!row) return say(false, t('label.batchNotHere'));
    if (items.some((i) => i.batchId === row.batchId)) return say(true, t('label.alreadyListed', { lot: row.lot }));
    setItems([...items, { batchId: row.batchId, lot: row.lot, name: productName(row.product), fromZone: row.location as StorageZone, available: row.quantity, quantity: row.quantity }]);
    say(true, t('label.listedForMove', { lot: row.lot }));
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
    <section class="panel zone-move no-print" data-testid="zone-move">
      <h2>
        {t('label.moveByScanning')}{' '}
        <button type="button" class="button small" data-testid="zone-move-close" onClick={() => setOpen(false)}>
          {t('button.close')}
        </button>
      </h2>
      <p class="muted">{t('label.moveHint')}</p>
      <ScanField onScan={(raw) => void onScan(raw)} state={state} />
      {message && (
        <p class={state === 'error' ? 'scan-message error' : 'scan-message ok'} data-testid="zone-move-message">
          {message}
        </p>
      )}
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
                <td class="code">{item.lot}</td>
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
    </section>
  );
}
