import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type WriteOff } from '../../api.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDateTime, formatQuantity, formatYuan } from '../../components/format.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { UnitQuantities } from '../../components/UnitQuantities.tsx';
import { session } from '../auth/session.ts';
import { useLiveDocument } from '../../live.ts';
import { t } from './i18n.ts';
import { decidesWriteOff, handlesWriteOff, myUserId, requestsWriteOff } from './access.ts';
import { dateOf, kindText, nameOf, WriteOffStatusBadge } from './labels.tsx';
import { WriteOffForm } from './WriteOffForm.tsx';
import { DisposalForm } from './DisposalForm.tsx';
import { ApprovalForm, DisposalRecord } from './WriteOffForms.tsx';
import { consequencesOf, WriteOffConsequences } from './WriteOffConsequences.tsx';

/** A request in these states changes no more. */
const FINAL: readonly string[] = ['disposed', 'withdrawn'];

/** `#/write-off/7`: the request; `?form=approval` / `?form=disposal`: one of its printed forms. */
export function WriteOffRoute({ writeOffId, form }: { writeOffId: number; form: string | null }) {
  const [request, setRequest] = useState<WriteOff | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const load = () => {
    setProblem(null);
    api.writeOff(writeOffId).then(setRequest, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setRequest(null);
    load();
  }, [writeOffId]);

  const shown = request?.id === writeOffId ? request : null;
  // The other depot decides or the request is corrected while this screen is open: it follows.
  useLiveDocument(() => api.writeOff(writeOffId), shown, setRequest, { enabled: shown !== null && form === null && !FINAL.includes(shown.status) });
  if (!shown) return problem ? <ProblemMessage problem={problem} onRetry={load} /> : <p class="note">{t('label.loading')}</p>;
  if (form === 'approval' || form === 'disposal') return <PrintView request={shown} form={form} />;
  return <WriteOffScreen request={shown} onChanged={setRequest} />;
}

/** Where "back" leads: the tab of the user's own depot when it requested or decides this, else the requesting depot's. */
function tabOf(request: WriteOff) {
  const mine = session.value?.depot.id;
  return mine === request.approvalDepotId || mine === request.depotId ? mine : request.depotId;
}

/**
 * One write-off request (报损申请): who asked, the lines with their kinds and values, the inspection
 * it rests on, the decision; the actions each side may take now (decide; correct and resubmit;
 * withdraw; record the disposal) and the printed forms.
 */
function WriteOffScreen({ request: w, onChanged }: { request: WriteOff; onChanged: (w: WriteOff) => void }) {
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [editing, setEditing] = useState(false);
  const act = async (fn: () => Promise<WriteOff>) => {
    setProblem(null);
    try {
      onChanged(await fn());
      setEditing(false);
    } catch (e) {
      setProblem(toProblem(e));
    }
  };
  const pending = w.status === 'submitted' || w.status === 'returned';
  return (
    <section class="write-off-screen" data-testid="write-off-screen" data-status={w.status} data-number={w.number}>
      <header class="page-head">
        <div class="toolbar">
          <a class="button" href={paths.quality(tabOf(w))} data-testid="write-off-back">
            ‹ {t('label.quality')}
          </a>
          <a class="button" href={paths.writeOff(w.id, 'approval')} data-testid="print-approval">
            {t('writeOff.printApproval')}
          </a>
          {w.disposal && (
            <a class="button" href={paths.writeOff(w.id, 'disposal')} data-testid="print-disposal">
              {t('writeOff.printDisposal')}
            </a>
          )}
        </div>
        <h1>
          {t('writeOff.request')} <span data-testid="write-off-number">{w.number}</span> <WriteOffStatusBadge status={w.status} />
        </h1>
        <dl class="facts" data-testid="write-off-facts">
          <div>
            <dt>{t('writeOff.requestingDepot')}</dt>
            <dd>
              {w.depot.name} <span class="muted code">{w.depot.code}</span>
            </dd>
          </div>
          <div>
            <dt>{t('writeOff.approvalDepot')}</dt>
            <dd>{w.approvalDepot.name}</dd>
          </div>
          <div>
            <dt>{t('writeOff.requester')}</dt>
            <dd data-testid="write-off-requester">{w.requestedByName ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('writeOff.requestedAt')}</dt>
            <dd>{formatDateTime(w.requestedAt)}</dd>
          </div>
          <div class="wide">
            <dt>{t('writeOff.inspection')}</dt>
            <dd data-testid="write-off-inspection-ref">
              <InspectionRef request={w} />
            </dd>
          </div>
          {w.note && (
            <div class="wide">
              <dt>{t('writeOff.note')}</dt>
              <dd>{w.note}</dd>
            </div>
          )}
        </dl>
      </header>

      <DecisionLine request={w} />
      <ProblemMessage problem={problem} testid="write-off-action-problem" />

      {editing ? (
        <WriteOffForm
          depotId={w.depotId}
          initial={w}
          exceptRequestId={w.id}
          submitLabel={t('writeOff.resubmit')}
          onSubmit={(input) => api.resubmitWriteOff(w.id, input).then((next) => (onChanged(next), setEditing(false)))}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <LinesTable request={w} />
      )}

      {w.status === 'submitted' && <DecisionPanel request={w} act={act} />}

      {!editing && (pending || w.status === 'approved') && (
        <div class="actions wo-actions">
          {w.status === 'returned' && requestsWriteOff(w.depotId) && (
            <button type="button" class="button primary" data-testid="write-off-edit" onClick={() => setEditing(true)}>
              {t('writeOff.edit')}
            </button>
          )}
          {pending && handlesWriteOff(w.depotId) && <WithdrawButton onConfirm={() => void act(() => api.withdrawWriteOff(w.id))} />}
        </div>
      )}

      {w.status === 'approved' && handlesWriteOff(w.depotId) && <DisposalForm request={w} onDone={onChanged} />}
      {w.disposal && <DisposalSummary request={w} />}
    </section>
  );
}

export function InspectionRef({ request: w }: { request: WriteOff }) {
  if (!w.inspection) return <>{w.inspectionId === null ? t('writeOff.inspectionNone') : `#${w.inspectionId}`}</>;
  const i = w.inspection;
  const kind = ['receipt', 'storage', 'pre_issue'].includes(i.kind) ? t(`inspectionKind.${i.kind as 'receipt'}`) : i.kind;
  return (
    <>
      #{i.id} · {kind} · {dateOf(i.inspectedAt)}
      {i.nonconformities.length > 0 && ` · ${i.nonconformities.map(kindText).join('、')}`}
      {i.note && ` · ${i.note}`}
    </>
  );
}

/** The decision as everyone sees it: approved, or returned with the reason (kept while the corrected request waits again). */
function DecisionLine({ request: w }: { request: WriteOff }) {
  if (!w.decidedAt || w.status === 'withdrawn') {
    if (w.status === 'submitted' && !decidesWriteOff(w.approvalDepotId))
      return (
        <p class="notice attention" data-testid="write-off-waiting">
          {t('writeOff.waiting', { depot: w.approvalDepot.name })}
        </p>
      );
    return null;
  }
  const who = { name: w.decidedByName ?? '—', time: formatDateTime(w.decidedAt), reason: w.decisionReason ?? '' };
  if (w.status === 'approved' || w.status === 'disposed')
    return (
      <p class="notice" data-testid="write-off-decision" data-decision="approved">
        {t('writeOff.approvedBy', who)}
      </p>
    );
  if (w.status === 'returned')
    return (
      <p class="notice decision-declined" data-testid="write-off-decision" data-decision="returned">
        {t('writeOff.returnedBy', who)}
      </p>
    );
  // Submitted again after a return: the earlier reason stays in view for the approver.
  return (
    <>
      {!decidesWriteOff(w.approvalDepotId) && (
        <p class="notice attention" data-testid="write-off-waiting">
          {t('writeOff.waiting', { depot: w.approvalDepot.name })}
        </p>
      )}
      {w.decisionReason && (
        <p class="notice decision-declined" data-testid="write-off-last-return">
          {t('writeOff.lastReturn', who)}
        </p>
      )}
    </>
  );
}

function LinesTable({ request: w }: { request: WriteOff }) {
  const notes = w.lines.some((l) => l.note);
  return (
    <div class="table-wrap">
      <table class="data" data-testid="write-off-lines">
        <thead>
          <tr>
            <th>{t('label.product')}</th>
            <th>{t('label.lot')}</th>
            <th>{t('label.expiresOn')}</th>
            <th>{t('writeOff.kind')}</th>
            <th class="num">{t('label.quantity')}</th>
            <th class="num">{t('writeOff.unitPrice')}</th>
            <th class="num">{t('writeOff.value')}</th>
            {notes && <th>{t('writeOff.lineNote')}</th>}
          </tr>
        </thead>
        <tbody>
          {w.lines.map((l) => (
            <tr key={l.id} data-testid="write-off-line" data-lot={l.lot} data-kind={l.kind}>
              <td>
                <span class="cell-title">{nameOf(l)}</span>
                <span class="muted">
                  {l.specZh} · <span class="code">{l.productCode}</span>
                </span>
              </td>
              <td class="code nowrap">
                {l.lot}{' '}
                <a class="trace-link" href={paths.trace(l.batchId, w.depotId)}>
                  {t('label.trace')}
                </a>
              </td>
              <td class="nowrap">{l.expiresOn}</td>
              <td>
                <span class="tag kind-tag">{kindText(l.kind)}</span>
              </td>
              <td class="num">
                {formatQuantity(l.quantity)} <span class="unit">{l.unitZh}</span>
              </td>
              <td class="num">{formatYuan(l.unitPriceFen)}</td>
              <td class="num">{formatYuan(l.valueFen)}</td>
              {notes && <td>{l.note ?? ''}</td>}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th colSpan={4}>{t('label.total')}</th>
            <td class="num">
              <UnitQuantities totals={w.totalsByUnit} testid="write-off-total-quantity" />
            </td>
            <td />
            <td class="num" data-testid="write-off-total-value">
              {formatYuan(w.totalValueFen)}
            </td>
            {notes && <td />}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/**
 * The depot above's leader or planner approves, or returns with a reason; the person who made
 * the request never sees these buttons (the server refuses `self_approval` as well).
 */
function DecisionPanel({ request: w, act }: { request: WriteOff; act: (fn: () => Promise<WriteOff>) => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  if (!decidesWriteOff(w.approvalDepotId)) return null;
  if (w.requestedBy === myUserId())
    return (
      <p class="notice attention" data-testid="write-off-own">
        {t('writeOff.ownRequest')}
      </p>
    );
  return (
    <div class="panel approval" data-testid="write-off-decide">
      <h2>{t('writeOff.decision')}</h2>
      <div class="inline-form">
        <button type="button" class="button primary" data-testid="write-off-approve" onClick={() => setAsking(true)}>
          {t('writeOff.approve')}
        </button>
        <label class="grow">
          {t('writeOff.returnReason')}
          <input data-testid="write-off-return-reason" maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <button type="button" class="button danger-outline" data-testid="write-off-return" disabled={reason.trim().length < 2} onClick={() => void act(() => api.decideWriteOff(w.id, 'returned', reason.trim()))}>
          {t('writeOff.return')}
        </button>
      </div>
      {asking && (
        <ConfirmDialog
          testid="write-off-approve-dialog"
          title={t('woConfirm.approveTitle', { number: w.number })}
          confirmLabel={t('writeOff.approve')}
          onCancel={() => setAsking(false)}
          onConfirm={() => (setAsking(false), void act(() => api.decideWriteOff(w.id, 'approved')))}
        >
          <WriteOffConsequences step="approve" intro={t('woConfirm.approveWhat', { depot: w.depot.name })} lines={consequencesOf(w)} totals={w.totalsByUnit} valueFen={w.totalValueFen} />
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Withdrawing is final (the request cannot be sent again): asked once in a dialog, like the other irreversible steps. */
function WithdrawButton({ onConfirm }: { onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  return (
    <>
      <button type="button" class="button danger-outline" data-testid="write-off-withdraw" onClick={() => setAsking(true)}>
        {t('writeOff.withdraw')}
      </button>
      {asking && (
        <ConfirmDialog
          testid="write-off-withdraw-dialog"
          title={t('writeOff.withdraw')}
          confirmLabel={t('writeOff.withdraw')}
          cancelLabel={t('writeOff.keep')}
          danger
          onCancel={() => setAsking(false)}
          onConfirm={() => (setAsking(false), onConfirm())}
        >
          <p>{t('writeOff.withdrawConfirm')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function DisposalSummary({ request: w }: { request: WriteOff }) {
  const d = w.disposal!;
  return (
    <section class="panel disposal-summary" data-testid="disposal-summary" data-method={d.method}>
      <h2>
        {t('disposal.done')} · {t(`disposal.${d.method}`)}
      </h2>
      <p class="notice">{t('disposal.stockGone')}</p>
      <dl class="facts">
        <div>
          <dt>{t('disposal.disposedAt')}</dt>
          <dd>{formatDateTime(d.disposedAt)}</dd>
        </div>
        {d.place && (
          <div>
            <dt>{t('disposal.place')}</dt>
            <dd>{d.place}</dd>
          </div>
        )}
        {d.detail && (
          <div class="wide">
            <dt>{t('disposal.detail')}</dt>
            <dd>{d.detail}</dd>
          </div>
        )}
      </dl>
      {d.witnesses.length > 0 && (
        <table class="data witnesses-done" data-testid="disposal-witnesses">
          <caption>{t('disposal.witnesses')}</caption>
          <thead>
            <tr>
              <th>{t('form.witnessName')}</th>
              <th>{t('label.username')}</th>
              <th>{t('disposal.confirmedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {d.witnesses.map((x) => (
              <tr key={x.userId} data-testid="disposal-witness" data-username={x.username}>
                <td>{x.name}</td>
                <td class="code">{x.username}</td>
                <td>{formatDateTime(x.confirmedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One printed form on its own, with a toolbar to print it and go back. */
function PrintView({ request, form }: { request: WriteOff; form: 'approval' | 'disposal' }) {
  return (
    <section class="wo-print" data-testid="wo-print" data-form={form}>
      <div class="toolbar no-print">
        <a class="button" href={paths.writeOff(request.id)} data-testid="form-back">
          ‹ {t('form.back')} {request.number}
        </a>
        <button type="button" class="button primary" data-testid="form-print" disabled={form === 'disposal' && !request.disposal} onClick={() => window.print()}>
          {t('button.print')}
        </button>
      </div>
      {form === 'approval' ? <ApprovalForm request={request} /> : request.disposal ? <DisposalRecord request={request} /> : <p class="note">{t('form.notDisposed')}</p>}
    </section>
  );
}
