import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { ApiProblem, toProblem, type BatchWithProduct, type DispensingRow, type StockRow } from '../../api.ts';
import { lang, t } from '../../i18n/index.ts';
import { ProblemMessage, problemText } from '../../components/ProblemMessage.tsx';
import { formatDate, formatDateTime, formatQuantity, productName, productUnit } from '../../components/format.ts';
import { scannedLot } from '../../components/scanned-lot.ts';
import { atOwnDepot, dispensesAt, hasRole, session } from '../auth/session.ts';
import { focusScanField, ScanField, useScanStatus } from '../receiving/ScanField.tsx';
import { PendingActions } from '../receiving/PendingActions.tsx';
import { asApiProblem, submitAction, useLateOutcomes } from '../receiving/scan-actions.ts';
import { invalidProps, problemField } from '../receiving/problem-field.ts';
import type { ProblemLike } from '../receiving/pending-actions.ts';
import type { PersonRow } from '../people/people-api.ts';
import { PersonPicker } from './PersonPicker.tsx';

const today = () => formatDate(Date.now());

/**
 * Dispensing to people at a township or village (S0:398): scan, quantity, confirm that the inner
 * pack is intact and the expiry checked, confirm. The checks are ticked again for every
 * dispensing; the register of recent ones is below.
 */
export function DispensingScreen({ depotId }: { depotId: number }) {
  const [register, setRegister] = useState<DispensingRow[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const reload = () => api.dispensings(depotId).then((p) => setRegister(p.items), (e) => setProblem(toProblem(e)));
  useEffect(() => {
    setRegister(null);
    setProblem(null);
    void reload();
  }, [depotId]);

  const own = atOwnDepot(depotId);
  const here = own && session.value !== null && dispensesAt(session.value.depot.tier);
  const mayDispense = here && (hasRole('dispenser') || hasRole('storekeeper'));
  return (
    <section data-testid="dispensing-screen">
      {own && !here && <p class="note">{t('error.dispensing_not_here')}</p>}
      {mayDispense && <DispenseForm depotId={depotId} onDispensed={() => void reload()} />}
      <ProblemMessage problem={problem} />
      <div class="table-wrap">
        <table class="data" data-testid="dispensing-register">
          <caption>{t('label.dispensingRegister')}</caption>
          <thead>
            <tr>
              <th>{t('label.dateTime')}</th>
              <th>{t('label.product')}</th>
              <th>{t('label.lot')}</th>
              <th>{t('label.expiresOn')}</th>
              <th class="num">{t('label.quantity')}</th>
              <th>{t('label.recipient')}</th>
              <th>{t('label.actor')}</th>
            </tr>
          </thead>
          <tbody>
            {(register ?? []).map((r) => (
              <tr key={r.id} data-testid="dispensing-row" data-lot={r.lot}>
                <td class="nowrap">{formatDateTime(r.dispensedAt)}</td>
                <td>{lang.value === 'en' ? r.productNameEn : r.productNameZh}</td>
                <td>{r.lot}</td>
                <td>{r.expiresOn}</td>
                <td class="num">{formatQuantity(r.quantity)}</td>
                <td data-testid="dispensing-recipient">{r.caseNumber ?? r.recipient ?? ''}</td>
                <td>{r.dispensedBy}</td>
              </tr>
            ))}
            {register && register.length === 0 && (
              <tr>
                <td colSpan={7} class="empty">
                  {t('label.empty')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const MESSAGE_ID = 'dispense-scan-message';

/** Which control a refusal of a dispensing is about. */
function refusedField(p: ProblemLike): 'expiryChecked' | 'packIntact' | 'quantity' | 'raw' | 'recipient' | 'person' {
  if (p.code === 'pack_check_required') return 'expiryChecked';
  if (p.code === 'person_required' || p.code === 'person_not_here' || p.code === 'person_closed' || p.code === 'person_not_found') return 'person';
  if (p.code === 'pack_broken') return 'packIntact';
  const field = problemField(p);
  return field === 'quantity' || field === 'recipient' ? field : 'raw';
}

function DispenseForm({ depotId, onDispensed }: { depotId: number; onDispensed: () => void }) {
  const [scanned, setScanned] = useState<{ raw: string | null; batch: BatchWithProduct } | null>(null);
  const [status, say] = useScanStatus();
  const [quantity, setQuantity] = useState('1');
  const [packIntact, setPackIntact] = useState(false);
  const [expiryChecked, setExpiryChecked] = useState(false);
  const [recipient, setRecipient] = useState('');
  const [person, setPerson] = useState<PersonRow | null>(null);
  const [refusal, setRefusal] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const scope = `dispense:${depotId}`;

  // A dispensing that was pending went through on a retry: the register shows it.
  useLateOutcomes(scope, ({ action, outcome }) => {
    if (outcome.status === 'pending') return;
    if (outcome.status === 'refused') setRefusal(asApiProblem(outcome.problem));
    say(outcome.status === 'applied' ? 'ok' : 'error', t(outcome.status === 'applied' ? 'pending.applied' : 'pending.refusedLate', { label: action.label }));
    onDispensed();
  });

  function take(raw: string | null, batch: BatchWithProduct) {
    setRefusal(null);
    setScanned({ raw, batch });
    say('ok', `${productName(batch.product)} · ${t('label.lot')} ${batch.lot}`);
  }

  async function onScan(raw: string) {
    setRefusal(null);
    try {
      take(raw, await scannedLot(raw));
    } catch (e) {
      setScanned(null);
      say('error', problemText(toProblem(e)));
    }
    focusScanField();
  }

  async function confirm() {
    if (!scanned) return;
    setBusy(true);
    setRefusal(null);
    const n = Math.max(1, Number(quantity) || 1);
    const label = t('label.dispenseLabel', { lot: scanned.batch.lot, quantity: n });
    const outcome = await submitAction(
      'dispense',
      scope,
      {
        depotId,
        ...(scanned.raw ? { raw: scanned.raw } : { batchId: scanned.batch.id }),
        quantity: n,
        packIntact,
        expiryChecked,
        ...(recipient.trim() ? { recipient: recipient.trim() } : {}),
        ...(person ? { personId: person.id } : {}),
      },
      label,
    );
    setBusy(false);
    if (outcome.status === 'refused') {
      // The message stands beside the form, and the control it is about points at it.
      setRefusal(asApiProblem(outcome.problem));
      say('error', '');
      return;
    }
    if (outcome.status === 'applied') {
      const done = outcome.result;
      say('ok', t('label.dispensed', { product: lang.value === 'en' ? done.productNameEn : done.productNameZh, lot: done.lot, quantity: done.quantity }));
      onDispensed();
    } else say('warn', t('pending.saved', { label }));
    setScanned(null);
    setQuantity('1');
    setPackIntact(false);
    setExpiryChecked(false);
    setRecipient('');
    setPerson(null);
    focusScanField();
  }

  const batch = scanned?.batch;
  // On its expiry date a batch is no longer issued (config expiredFrom); the server decides.
  const expired = batch !== undefined && batch.expiresOn <= today();
  const about = refusal ? refusedField(refusal) : null;
  const marked = (field: ReturnType<typeof refusedField>) => invalidProps(about === field, 'dispense-problem-text');
  return (
    <div class="panel dispense-form" data-testid="dispense-form">
      <div class="scan-bar">
        <ScanField
          onScan={(raw) => void onScan(raw)}
          status={status}
          messageId={MESSAGE_ID}
          invalid={status.kind === 'error' && (about === null || about === 'raw')}
          manual={(close) => <ManualBatch depotId={depotId} onChoose={(b) => (take(null, b), close())} />}
        />
      </div>
      {batch && (
        <dl class="facts" data-testid="dispense-item" data-lot={batch.lot} data-entry={scanned?.raw ? 'scanned' : 'typed'}>
          <div>
            <dt>{t('label.product')}</dt>
            <dd data-testid="dispense-product">
              {productName(batch.product)}{' '}
              {!scanned?.raw && (
                <span class="tag typed" data-testid="typed-mark">
                  {t('scan.typedTag')}
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('label.lot')}</dt>
            <dd data-testid="dispense-lot">{batch.lot}</dd>
          </div>
          <div>
            <dt>{t('label.expiresOn')}</dt>
            <dd data-testid="dispense-expires">
              <span class="expiry">
                {batch.expiresOn}
                {expired && <span class="tag tag-expired">{t('expiry.expired')}</span>}
              </span>
            </dd>
          </div>
        </dl>
      )}
      <PersonPicker depotId={depotId} chosen={person} onChoose={(p) => (setPerson(p), p && setRefusal(null))} invalid={about === 'person'} describedBy="dispense-problem-text" />
      <div class="inline-form">
        <label>
          <span>
            {t('label.quantity')} {batch && <span class="muted">({productUnit(batch.product)})</span>}
          </span>
          <input type="number" min="1" data-testid="dispense-quantity" value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} {...marked('quantity')} />
        </label>
        <label class="check">
          <input type="checkbox" data-testid="dispense-pack" checked={packIntact} onChange={(e) => setPackIntact(e.currentTarget.checked)} {...marked('packIntact')} />
          {t('label.innerPackIntact')}
        </label>
        <label class="check">
          <input type="checkbox" data-testid="dispense-expiry" checked={expiryChecked} onChange={(e) => setExpiryChecked(e.currentTarget.checked)} {...marked('expiryChecked')} />
          {t('label.expiryChecked')}
        </label>
        {!person && (
        <label>
          {t('label.recipientOptional')}
          <input data-testid="dispense-recipient" maxLength={60} placeholder={t('hint.recipient')} value={recipient} onInput={(e) => setRecipient(e.currentTarget.value)} {...marked('recipient')} />
        </label>
        )}
        <button type="button" class="button primary" data-testid="dispense-confirm" disabled={!scanned || busy} onClick={() => void confirm()}>
          {t('button.dispense')}
        </button>
      </div>
      <ProblemMessage problem={refusal} testid="dispense-problem" id="dispense-problem-text" />
      <PendingActions scope={scope} />
    </div>
  );
}

/** A lot dispensed without a readable label: chosen from the depot's usable qualified stock (none a document not yet effective holds back), earliest expiry first. */
function ManualBatch({ depotId, onChoose }: { depotId: number; onChoose: (batch: BatchWithProduct) => void }) {
  const [rows, setRows] = useState<StockRow[]>([]);
  const [batchId, setBatchId] = useState(0);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  useEffect(() => {
    api.stock({ depotId, pageSize: 500 }).then(
      (page) => {
        const mine = page.items.filter((r) => r.location === 'qualified' && r.awaiting === null).sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
        setRows(mine);
        setBatchId(mine[0]?.batchId ?? 0);
      },
      (e) => setProblem(toProblem(e)),
    );
  }, [depotId]);
  return (
    <form
      class="inline-form"
      data-testid="manual-dispense"
      onSubmit={(e) => {
        e.preventDefault();
        api.batch(batchId).then(onChoose, (err) => setProblem(toProblem(err)));
      }}
    >
      <label>
        {t('scan.chooseBatch')}
        <select data-testid="manual-batch" value={batchId} onChange={(e) => setBatchId(Number(e.currentTarget.value))}>
          {rows.map((r) => (
            <option key={r.batchId} value={r.batchId} data-lot={r.lot}>
              {r.lot} · {productName(r.product)} · {t('label.expiresOn')} {r.expiresOn} · {formatQuantity(r.quantity)}
            </option>
          ))}
        </select>
      </label>
      <button class="button primary" data-testid="manual-submit" disabled={batchId === 0}>
        {t('scan.chooseThis')}
      </button>
      <ProblemMessage problem={problem} />
    </form>
  );
}
