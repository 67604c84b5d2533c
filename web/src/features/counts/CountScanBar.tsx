import { useState } from 'preact/hooks';
import type { StockCount, StockCountLine, CountLineInput } from '../../api.ts';
import type { StorageZone } from '../../../../server/schemas/constants.ts';
import { problemText } from '../../components/ProblemMessage.tsx';
import { ZoneBadge } from '../../components/ZoneBadge.tsx';
import { formatQuantity } from '../../components/format.ts';
import { focusScanField, ScanField, useScanStatus } from '../receiving/ScanField.tsx';
import { LastScan, type LastScanInfo } from '../receiving/LastScan.tsx';
import { PendingActions } from '../receiving/PendingActions.tsx';
import { asApiProblem, useLateOutcomes } from '../receiving/scan-actions.ts';
import { invalidProps, problemField, type ScanFieldName } from '../receiving/problem-field.ts';
import type { ProblemLike } from '../receiving/pending-actions.ts';
import { t } from './i18n.ts';
import { lineName, lineUnit } from './count-format.ts';

type Line = StockCountLine;

export type Recorded = { status: 'applied'; before: Line | null; line: Line } | { status: 'pending' | 'refused'; problem: ProblemLike };

const MESSAGE_ID = 'count-scan-message';

/**
 * Counting by scan: a scan adds the label's count (else 1), or the quantity typed before it, to
 * the batch's line in the chosen zone; a batch not on the sheet there is stock found. A lot
 * whose label cannot be read is chosen from the sheet by hand.
 */
export function ScanBar({ count, record }: { count: StockCount; record: (input: CountLineInput, label: string) => Promise<Recorded> }) {
  const [zone, setZone] = useState<StorageZone>(count.zones.includes('qualified') ? 'qualified' : count.zones[0]!);
  const [quantity, setQuantity] = useState('');
  const [status, say] = useScanStatus();
  const [last, setLast] = useState<LastScanInfo | null>(null);
  const [tally, setTally] = useState({ scanned: 0, typed: 0 });
  const [refused, setRefused] = useState<{ field: ScanFieldName; source: 'scan' | 'scanQuantity' | 'manual' } | null>(null);

  async function send(input: CountLineInput, label: string, source: 'scan' | 'scanQuantity' | 'manual'): Promise<boolean> {
    const r = await record(input, label);
    if (r.status === 'applied') {
      const { before, line } = r;
      const added = line.counted! - (before?.counted ?? 0);
      setRefused(null);
      setTally((n) => (source === 'manual' ? { ...n, typed: n.typed + 1 } : { ...n, scanned: n.scanned + 1 }));
      setLast({ kind: before ? 'ok' : 'warn', product: lineName(line), lot: line.lot, expiresOn: line.expiresOn, done: line.counted!, expected: count.expectedHidden ? null : line.expected, unit: lineUnit(line), typed: source === 'manual' });
      say(before ? 'ok' : 'warn', `${t('count.scanned', { lot: line.lot, product: lineName(line), added: formatQuantity(added), counted: formatQuantity(line.counted!) })}${before ? '' : ` · ${t('count.found')}`}`);
    } else if (r.status === 'pending') {
      setRefused(null);
      say('warn', t('pending.saved', { label }));
    } else {
      setRefused({ field: problemField(r.problem) ?? 'raw', source });
      say('error', problemText(asApiProblem(r.problem)));
      if (source === 'manual') return false;
    }
    focusScanField();
    return r.status !== 'refused';
  }

  // A count that was pending went through, or was refused, when sent again.
  useLateOutcomes(`count:${count.id}`, ({ action, outcome }) => {
    if (outcome.status === 'pending') return;
    if (outcome.status === 'applied') say('ok', t('pending.applied', { label: action.label }));
    else say('error', `${t('pending.refusedLate', { label: action.label })}: ${problemText(asApiProblem(outcome.problem))}`);
  });

  function onScan(raw: string) {
    const typed = quantity;
    setQuantity('');
    void send({ raw, zone, ...(typed ? { quantity: Number(typed) } : {}), mode: 'add' }, raw, typed ? 'scanQuantity' : 'scan');
  }

  const quantityInvalid = refused?.source === 'scanQuantity' && refused.field === 'quantity';
  return (
    <>
      <div class="scan-bar no-print" data-testid="count-scan-bar">
        <ScanField
          onScan={onScan}
          status={status}
          messageId={MESSAGE_ID}
          hint={t('count.scanHint')}
          invalid={refused !== null && refused.source !== 'manual' && !quantityInvalid}
          manual={(close) => (
            <ManualCount
              count={count}
              zone={zone}
              invalid={refused?.source === 'manual' ? refused.field : null}
              onSubmit={(line, n) => send({ batchId: line.batchId, zone: line.zone, quantity: n, mode: 'add' }, t('scan.countLabel', { lot: line.lot, quantity: n }), 'manual').then((ok) => ok && close())}
            />
          )}
        />
        <label>
          {t('label.zone')}
          {count.zones.length > 1 ? (
            <select data-testid="count-zone" value={zone} onChange={(e) => setZone(e.currentTarget.value as StorageZone)}>
              {count.zones.map((z) => (
                <option key={z} value={z}>
                  {t(`zone.${z}`)}
                </option>
              ))}
            </select>
          ) : (
            <ZoneBadge zone={zone} />
          )}
        </label>
        <label>
          {t('label.quantity')}
          <input type="number" min="1" class="count-scan-quantity" data-testid="scan-quantity" value={quantity} placeholder={t('count.perLabel')} onInput={(e) => setQuantity(e.currentTarget.value)} {...invalidProps(quantityInvalid, MESSAGE_ID)} />
        </label>
      </div>
      <LastScan last={last} cartons={tally.scanned} typed={tally.typed} />
      <PendingActions scope={`count:${count.id}`} />
    </>
  );
}

/** A lot counted without its label: one of the sheet's lines of the zone, and how many to add. */
function ManualCount({ count, zone, invalid, onSubmit }: { count: StockCount; zone: StorageZone; invalid: ScanFieldName | null; onSubmit: (line: Line, quantity: number) => Promise<unknown> }) {
  const lines = count.lines.filter((l) => l.zone === zone);
  const [lineId, setLineId] = useState(lines[0]?.id ?? 0);
  const [quantity, setQuantity] = useState('');
  const line = lines.find((l) => l.id === lineId);
  return (
    <form
      class="inline-form"
      data-testid="manual-count"
      onSubmit={(e) => {
        e.preventDefault();
        if (line) void onSubmit(line, Number(quantity));
      }}
    >
      <label>
        {t('scan.chooseBatch')}
        <select data-testid="manual-batch" value={lineId} onChange={(e) => setLineId(Number(e.currentTarget.value))} {...invalidProps(invalid === 'batchId' || invalid === 'raw', MESSAGE_ID)}>
          {lines.map((l) => (
            <option key={l.id} value={l.id} data-lot={l.lot}>
              {l.lot} · {lineName(l)} · {t('label.expiresOn')} {l.expiresOn}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('label.quantity')}
        <input type="number" min="1" required data-testid="manual-quantity" value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} {...invalidProps(invalid === 'quantity', MESSAGE_ID)} />
      </label>
      <button class="button primary" data-testid="manual-submit" disabled={!line}>
        {t('scan.addTyped')}
      </button>
    </form>
  );
}
