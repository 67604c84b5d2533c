import type { WriteOff } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { formatDateTime, formatQuantity, formatYuan } from '../../components/format.ts';
import { UnitQuantities } from '../../components/UnitQuantities.tsx';
import { t } from './i18n.ts';
import { dateOf, kindText, nameOf, yuanInWords } from './labels.tsx';
import { InspectionRef } from './WriteOffScreen.tsx';

const blank = '________________';

/** The lines as both forms print them: product, spec, lot, expiry, kind, unit, quantity, price, value. */
function FormLines({ request: w, priced }: { request: WriteOff; priced: boolean }) {
  return (
    <table class="wo-form-table" data-testid="form-lines">
      <thead>
        <tr>
          <th>{t('form.seq')}</th>
          <th>{t('form.productName')}</th>
          <th>{t('form.spec')}</th>
          <th>{t('label.lot')}</th>
          <th>{t('label.expiresOn')}</th>
          <th>{t('writeOff.kind')}</th>
          <th>{t('form.unitOf')}</th>
          <th>{t('label.quantity')}</th>
          {priced && <th>{t('writeOff.unitPrice')}</th>}
          <th>{t('writeOff.value')}</th>
        </tr>
      </thead>
      <tbody>
        {w.lines.map((l, i) => (
          <tr key={l.id} data-testid="form-line" data-lot={l.lot}>
            <td class="center">{i + 1}</td>
            <td>{nameOf(l)}</td>
            <td class="nowrap">{l.specZh}</td>
            <td class="nowrap">{l.lot}</td>
            <td class="nowrap">{l.expiresOn}</td>
            <td>{kindText(l.kind)}</td>
            <td class="center">{l.unitZh}</td>
            <td class="num">{formatQuantity(l.quantity)}</td>
            {priced && <td class="num">{formatYuan(l.unitPriceFen)}</td>}
            <td class="num">{formatYuan(l.valueFen)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={7}>{t('form.total')}</td>
          <td class="num">
            <UnitQuantities totals={w.totalsByUnit} testid="form-total-quantity" />
          </td>
          {priced && <td />}
          <td class="num" data-testid="form-total-value">
            {formatYuan(w.totalValueFen)}
          </td>
        </tr>
        {lang.value === 'zh-CN' && (
          <tr>
            <td colSpan={priced ? 10 : 9}>
              {t('form.totalInWords')}：<span data-testid="form-total-words">{yuanInWords(w.totalValueFen)}</span>
            </td>
          </tr>
        )}
      </tfoot>
    </table>
  );
}

function PrintedAt() {
  return <p class="wo-form-foot">{t('form.printedAt', { time: formatDateTime(new Date().toISOString()) })}</p>;
}

/**
 * 不合格药具报废审批表 (S0:511, docs/regulation.md WO-R6: the request and its approval on one document):
 * the requesting unit, number and date, the priced lines with their kinds, the inspection report,
 * the requester's block and the depot above's decision with name and date, signature lines.
 */
export function ApprovalForm({ request: w }: { request: WriteOff }) {
  const decided = w.decidedAt !== null && (w.status === 'approved' || w.status === 'disposed' || w.status === 'returned');
  const approved = w.status === 'approved' || w.status === 'disposed';
  return (
    <article class="wo-sheet" data-testid="approval-form">
      <h1 class="wo-form-title">{t('form.approvalTitle')}</h1>
      <p class="wo-form-head">
        <span>
          {t('form.unit')}：{w.depot.name}
        </span>
        <span>
          {t('form.number')}：{w.number}
        </span>
        <span>
          {t('form.date')}：{dateOf(w.requestedAt)}
        </span>
      </p>
      <FormLines request={w} priced />
      <table class="wo-form-blocks">
        <tbody>
          <tr>
            <th>{t('form.reason')}</th>
            <td colSpan={3}>{w.note ?? ''}</td>
          </tr>
          <tr>
            <th>{t('form.inspection')}</th>
            <td colSpan={3}>
              <InspectionRef request={w} />
            </td>
          </tr>
          <tr class="opinion">
            <th>{t('form.requesterOpinion')}</th>
            <td colSpan={3}>
              <p>
                {t('form.applicant')}：{w.requestedByName ?? ''} {dateOf(w.requestedAt)}
              </p>
              <p class="sign-line">
                <span>
                  {t('form.signQuality')}：{blank}
                </span>
                <span>
                  {t('form.signLeader')}：{blank}
                </span>
                <span>{t('form.seal')}</span>
              </p>
            </td>
          </tr>
          <tr class="opinion">
            <th>{t('form.approverOpinion')}</th>
            <td colSpan={3} data-testid="form-decision">
              <p class="decision-text">{!decided ? t('form.pending') : approved ? t('form.agree') : t('form.returned', { reason: w.decisionReason ?? '' })}</p>
              <p>
                {t('writeOff.approvalDepot')}：{w.approvalDepot.name}
                {decided && (
                  <>
                    {' · '}
                    {t('form.approver')}：{w.decidedByName ?? ''} {dateOf(w.decidedAt!)}
                  </>
                )}
              </p>
              <p class="sign-line">
                <span>
                  {t('form.signApprover')}：{blank}
                </span>
                <span>
                  {t('form.dateLine')}：{blank}
                </span>
                <span>{t('form.seal')}</span>
              </p>
            </td>
          </tr>
        </tbody>
      </table>
      <PrintedAt />
    </article>
  );
}

/**
 * 不合格药具处理记录 (S0:511, docs/regulation.md WO-R2): how, where and when the goods were disposed of, the
 * lots and quantities, and the witnesses with the moment each confirmed, with signature lines.
 */
export function DisposalRecord({ request: w }: { request: WriteOff }) {
  const d = w.disposal!;
  return (
    <article class="wo-sheet" data-testid="disposal-record">
      <h1 class="wo-form-title">{t('form.disposalTitle')}</h1>
      <p class="wo-form-head">
        <span>
          {t('form.disposalUnit')}：{w.depot.name}
        </span>
        <span>
          {t('form.requestNumber')}：{w.number}
        </span>
        <span>
          {t('form.disposalDate')}：{dateOf(d.disposedAt)}
        </span>
      </p>
      <table class="wo-form-blocks">
        <tbody>
          <tr>
            <th>{t('disposal.method')}</th>
            <td data-testid="record-method">{t(`disposal.${d.method}`)}</td>
            <th>{t('disposal.place')}</th>
            <td>{d.place ?? ''}</td>
          </tr>
          <tr>
            <th>{t('disposal.detail')}</th>
            <td colSpan={3}>{d.detail ?? ''}</td>
          </tr>
        </tbody>
      </table>
      <FormLines request={w} priced={false} />
      {d.method === 'destroy' && (
        <table class="wo-form-table witnesses-table" data-testid="record-witnesses">
          <thead>
            <tr>
              <th>{t('form.witnessName')}</th>
              <th>{t('form.username')}</th>
              <th>{t('disposal.confirmedAt')}</th>
              <th>{t('form.signature')}</th>
            </tr>
          </thead>
          <tbody>
            {d.witnesses.map((x) => (
              <tr key={x.userId} data-testid="record-witness" data-username={x.username}>
                <td>{x.name}</td>
                <td>{x.username}</td>
                <td class="nowrap">{formatDateTime(x.confirmedAt)}</td>
                <td class="signature-cell" />
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="sign-line wo-form-signatures">
        <span>
          {t('form.signHandler')}：{blank}
        </span>
        <span>
          {t('form.signResponsible')}：{blank}
        </span>
        <span>
          {t('form.dateLine')}：{blank}
        </span>
      </p>
      <PrintedAt />
    </article>
  );
}
