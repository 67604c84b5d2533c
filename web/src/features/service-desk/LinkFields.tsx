import { useEffect, useRef, useState } from 'preact/hooks';
import { toProblem, transferOrders, type ApiProblem, type TransferOrderSummary } from '../../api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDate } from '../../components/format.ts';
import { scannedLot } from '../../components/scanned-lot.ts';
import { lang } from '../../i18n/index.ts';
import { visibleTabs } from '../../navigation.ts';
import { session } from '../auth/session.ts';
import { adverseReactions } from '../adverse-reactions/adverse-api.ts';
import { PersonPicker } from '../dispensing/PersonPicker.tsx';
import type { PersonRow } from '../people/people-api.ts';
import { t } from './i18n.ts';

/** What a request may link to; the server checks each is at the receiving depot or below (422 link_not_found). */
export interface RequestLinks {
  batchId: number | null;
  transferOrderId: number | null;
  personId: number | null;
  adverseReactionId: number | null;
}

export const NO_LINKS: RequestLinks = { batchId: null, transferOrderId: null, personId: null, adverseReactionId: null };

/** Those who keep or read the users register (its tab) search it here; the server decides whose names they see. */
const searchesRegister = () => {
  const me = session.value;
  return me !== null && visibleTabs(me.user.roles, me.depot).some((tab) => tab.screen === 'people');
};

const idOf = (value: string) => (value === '' ? null : Number(value));

/**
 * The optional links of a new request (issue 22 item 7): a scanned lot, one of the depot's recent
 * transfer orders, a person of the register and an adverse-reaction report of the depot or below.
 */
export function LinkFields({ depotId, links, onChange }: { depotId: number; links: RequestLinks; onChange: (patch: Partial<RequestLinks>) => void }) {
  const [lotScan, setLotScan] = useState('');
  const [lotLabel, setLotLabel] = useState<string | null>(null);
  const [lotProblem, setLotProblem] = useState<ApiProblem | null>(null);
  const [orders, setOrders] = useState<TransferOrderSummary[]>([]);
  const [person, setPerson] = useState<PersonRow | null>(null);
  const [reports, setReports] = useState<{ id: number; number: string; filedOn: string }[] | null>(null);
  const [reportsProblem, setReportsProblem] = useState<ApiProblem | null>(null);
  const reportSelect = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    transferOrders(depotId).then(
      (page) => setOrders(page.items),
      () => setOrders([]),
    );
  }, [depotId]);
  // The button gave way to the list: the keyboard carries on there.
  useEffect(() => {
    if (reports) reportSelect.current?.focus();
  }, [reports !== null]);

  async function findLot() {
    setLotProblem(null);
    if (!lotScan.trim()) return (setLotLabel(null), onChange({ batchId: null }));
    try {
      const b = await scannedLot(lotScan.trim());
      setLotLabel(t('sd.lotFound', { product: lang.value === 'en' ? b.product.nameEn : b.product.nameZh, lot: b.lot }));
      onChange({ batchId: b.id });
    } catch (e) {
      setLotLabel(null);
      onChange({ batchId: null });
      setLotProblem(toProblem(e));
    }
  }
  // Read only when asked for: the list carries the people's details to those who see them, and that read is audited.
  function loadReports() {
    setReportsProblem(null);
    adverseReactions({ depotId }).then(
      (page) => setReports(page.items.map((r) => ({ id: r.id, number: r.number, filedOn: r.filedOn }))),
      (e) => setReportsProblem(toProblem(e)),
    );
  }
  const otherDepot = (o: TransferOrderSummary) => (o.fromDepotId === depotId ? t('sd.orderTo', { depot: o.toDepotName }) : t('sd.orderFrom', { depot: o.fromDepotName }));

  return (
    <fieldset class="sd-link-fields" data-testid="sd-link-fields">
      <legend>{t('sd.linksLegend')}</legend>
      <div class="form-grid">
        <label class="field">
          <span>{t('sd.lotLabel')}</span>
          <input
            data-testid="sd-lot"
            value={lotScan}
            autoComplete="off"
            placeholder="FP1:B:…"
            onInput={(e) => setLotScan(e.currentTarget.value)}
            onBlur={() => void findLot()}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void findLot();
              }
            }}
          />
          {lotLabel && links.batchId !== null && (
            <span class="hint" data-testid="sd-lot-found">
              {lotLabel}
            </span>
          )}
        </label>
        <label class="field">
          <span>{t('sd.link.transferOrder')}</span>
          <select data-testid="sd-order" value={String(links.transferOrderId ?? '')} onChange={(e) => onChange({ transferOrderId: idOf(e.currentTarget.value) })}>
            <option value="">{t('sd.linkNone')}</option>
            {orders.map((o) => (
              <option key={o.id} value={String(o.id)}>
                {`${o.number} · ${otherDepot(o)} · ${formatDate(o.createdAt)}`}
              </option>
            ))}
          </select>
        </label>
        {reports ? (
          <label class="field">
            <span>{t('sd.link.adverseReaction')}</span>
            <select ref={reportSelect} data-testid="sd-adverse-reaction" value={String(links.adverseReactionId ?? '')} onChange={(e) => onChange({ adverseReactionId: idOf(e.currentTarget.value) })}>
              <option value="">{reports.length === 0 ? t('sd.noReports') : t('sd.linkNone')}</option>
              {reports.map((r) => (
                <option key={r.id} value={String(r.id)}>
                  {`${r.number} · ${r.filedOn}`}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <div class="field">
            <span id="sd-adverse-reaction-label">{t('sd.link.adverseReaction')}</span>
            <button type="button" class="button" data-testid="sd-adverse-reaction-load" aria-describedby="sd-adverse-reaction-label" onClick={loadReports}>
              {t('sd.chooseReport')}
            </button>
          </div>
        )}
      </div>
      <ProblemMessage problem={lotProblem} testid="sd-lot-problem" />
      <ProblemMessage problem={reportsProblem} testid="sd-adverse-reaction-problem" />
      {searchesRegister() && (
        <PersonPicker
          depotId={depotId}
          chosen={person}
          onChoose={(p) => (setPerson(p), onChange({ personId: p?.id ?? null }))}
          invalid={false}
          anyStatus
          testid="sd-person"
          wording={{ label: t('sd.personLabel'), hint: null, chosen: t('sd.personChosen', { person: '{person}' }) }}
        />
      )}
    </fieldset>
  );
}
