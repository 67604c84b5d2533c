import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { DoneNotice, type Done } from '../../components/DoneNotice.tsx';
import { formatDateTime, formatQuantity, today } from '../../components/format.ts';
import type { ProductClass } from '../../../../server/schemas/constants.ts';
import { changeStatus, closePerson, followUpFormHref, person, type Person, type StatusChange } from './people-api.ts';
import { closesRecord, writesRegister } from './access.ts';
import { METHODS, STATUS_CLASS, isActiveStatus, methodName, outcomeName, statusName } from './people-format.ts';
import { FollowUpEntry } from './FollowUpEntry.tsx';
import { t } from './i18n.ts';

/**
 * One person's record (form 8.1 on screen): their details, the history of methods and statuses,
 * follow-ups and what was dispensed to them. Only the registering depot and the township above a
 * village read it (the server answers 403 personal_data_restricted elsewhere, and logs each read).
 * The dispenser records a follow-up, a change of status, and closes the record of someone who
 * stopped or moved away.
 */
export function PersonScreen({ personId }: { personId: number }) {
  const [p, setPerson] = useState<Person | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<Done>(null);
  const load = () =>
    person(personId).then(
      (r) => (setPerson(r), setProblem(null)),
      (e) => setProblem(toProblem(e)),
    );
  useEffect(() => {
    setPerson(null);
    setDone(null);
    void load();
  }, [personId]);

  if (!p) return problem ? <ProblemMessage problem={problem} testid="person-load-problem" onRetry={() => void load()} /> : <p class="note">{t('label.loading')}</p>;
  const writer = writesRegister(p.depotId) && p.closedAt === null;
  const active = isActiveStatus(p.status);
  const after = (text: () => string) => {
    setDone({ text });
    void load();
  };
  return (
    <section class="person-screen" data-testid="person-screen" data-case={p.caseNumber} data-status={p.status}>
      <p class="breadcrumb no-print">
        <a href={paths.people(p.depotId)}>
          {t('label.people')} · {p.depotName}
        </a>
      </p>
      <div class="panel-head">
        <h1 class="depot-title" data-testid="person-title">
          {p.name ?? t('people.erased')} <span class="muted">{p.caseNumber}</span> <span class={`status-badge ${STATUS_CLASS[p.status]}`}>{statusName(p.status)}</span>
          {p.closedAt && <span class="tag">{t('people.closedTag')}</span>}
        </h1>
        <span class="people-links no-print">
          <a class="button" href={followUpFormHref(p.id, 'html', lang.value)} target="_blank" rel="noopener" data-testid="person-form-print">
            {t('people.form81')}
          </a>
          <a class="button" href={followUpFormHref(p.id, 'xlsx', lang.value)} download data-testid="person-form-xlsx">
            {t('button.downloadXlsx')}
          </a>
        </span>
      </div>
      <DoneNotice done={done} testid="person-done" />
      <dl class="facts person-facts" data-testid="person-facts">
        <Fact label={t('people.birthYearMonth')} value={p.birthYearMonth} />
        <Fact label={t('people.community')} value={p.community} />
        <Fact label={t('people.contact')} value={p.contact} />
        <Fact label={t('people.method')} value={methodName(p.method)} testid="person-method" />
        <Fact label={t('people.since')} value={p.methodSince} />
        <Fact label={t('label.status')} value={`${statusName(p.status)} · ${p.statusOn}${p.statusReason ? ` · ${p.statusReason}` : ''}`} testid="person-status" />
        <Fact label={t('people.consentOn')} value={p.consentOn} />
        <Fact label={t('people.dispenser')} value={p.dispenserName} />
        <Fact label={t('people.lastFollowUp')} value={p.lastFollowUpOn} />
        <Fact label={t('people.nextFollowUp')} value={p.nextFollowUpOn} testid="person-next" />
        {p.closedAt && <Fact label={t('people.closedOn')} value={`${formatDateTime(p.closedAt)}${p.closeReason ? ` · ${p.closeReason}` : ''}`} />}
      </dl>
      {writer && active && (
        <div class="panel" data-testid="person-follow-up">
          <h2>{t('followUp.record')}</h2>
          <FollowUpEntry personId={p.id} method={p.method} onDone={(r) => after(() => t('followUp.saved', { outcome: outcomeName(r.outcome), next: r.nextFollowUpOn ?? '—' }))} />
        </div>
      )}
      {writer && <StatusForm person={p} onDone={() => after(() => t('people.statusSaved'))} />}
      {closesRecord(p.depotId) && p.closedAt === null && !active && <CloseForm personId={p.id} onDone={() => after(() => t('people.closedDone'))} />}
      <History person={p} />
      <FollowUps person={p} />
      <Dispensings person={p} />
    </section>
  );
}

function Fact({ label, value, testid }: { label: string; value: string | null; testid?: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testid}>{value ?? '—'}</dd>
    </div>
  );
}

type Change = StatusChange['status'];

/** A change of method or status on a given day: switched (to what), stopped (why), moved away, or using a method again. */
function StatusForm({ person: p, onDone }: { person: Person; onDone: () => void }) {
  const active = isActiveStatus(p.status);
  const choices: Change[] = active ? ['switched', 'stopped', 'moved_away'] : ['using'];
  const [status, setStatus] = useState<Change>(choices[0]!);
  const [method, setMethod] = useState<ProductClass>(METHODS.find((m) => m !== p.method) ?? 'condom');
  const [reason, setReason] = useState('');
  const [on, setOn] = useState(today());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const needsMethod = status === 'switched' || status === 'using';
  const needsReason = status === 'stopped';
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await changeStatus(p.id, { status, on, ...(needsMethod ? { method } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) });
      setReason('');
      onDone();
    } catch (err) {
      setProblem(toProblem(err));
    }
    setBusy(false);
  }
  return (
    <details class="panel person-status-form" data-testid="person-status-form">
      <summary>{t(active ? 'people.changeStatus' : 'people.usingAgain')}</summary>
      <form class="inline-form" onSubmit={(e) => void submit(e)}>
        {choices.length > 1 && (
          <label>
            {t('label.status')}
            <select data-testid="status-choice" value={status} onChange={(e) => setStatus(e.currentTarget.value as Change)}>
              {choices.map((c) => (
                <option key={c} value={c}>
                  {statusName(c)}
                </option>
              ))}
            </select>
          </label>
        )}
        {needsMethod && (
          <label>
            {t('people.method')}
            <select data-testid="status-method" value={method} onChange={(e) => setMethod(e.currentTarget.value as ProductClass)}>
              {METHODS.filter((m) => status === 'using' || m !== p.method).map((m) => (
                <option key={m} value={m}>
                  {methodName(m)}
                </option>
              ))}
            </select>
          </label>
        )}
        {!needsMethod && (
          <label class="grow">
            {t(needsReason ? 'followUp.stopReason' : 'people.reasonOptional')}
            <input data-testid="status-reason" required={needsReason} maxLength={200} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
        )}
        <label>
          {t('people.effectiveOn')}
          <input type="date" data-testid="status-on" required max={today()} value={on} onInput={(e) => setOn(e.currentTarget.value)} />
        </label>
        <button class="button primary" data-testid="status-save" disabled={busy || (needsReason && reason.trim() === '')}>
          {t('button.save')}
        </button>
      </form>
      <ProblemMessage problem={problem} testid="status-problem" />
    </details>
  );
}

/** Closing the record of someone who stopped or moved away; its personal fields are erased after the retention period. */
function CloseForm({ personId, onDone }: { personId: number; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  return (
    <details class="panel person-close-form" data-testid="person-close-form">
      <summary>{t('people.close')}</summary>
      <p class="hint">{t('people.closeHint')}</p>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setProblem(null);
          closePerson(personId, reason.trim()).then(onDone, (err) => (setProblem(toProblem(err)), setBusy(false)));
        }}
      >
        <label class="grow">
          {t('people.closeReason')}
          <input data-testid="close-reason" required maxLength={200} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <button class="button danger-outline" data-testid="close-save" disabled={busy || reason.trim() === ''}>
          {t('people.close')}
        </button>
      </form>
      <ProblemMessage problem={problem} testid="close-problem" />
    </details>
  );
}

function History({ person: p }: { person: Person }) {
  return (
    <div class="table-wrap">
      <table class="data" data-testid="person-history">
        <caption>{t('people.history')}</caption>
        <thead>
          <tr>
            <th>{t('people.effectiveOn')}</th>
            <th>{t('label.status')}</th>
            <th>{t('people.method')}</th>
            <th>{t('people.reason')}</th>
            <th>{t('people.recordedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {p.history.map((h, i) => (
            <tr key={i} data-testid="history-row" data-status={h.status}>
              <td class="nowrap">{h.on}</td>
              <td>{statusName(h.status)}</td>
              <td>{methodName(h.method)}</td>
              <td>{h.reason ?? ''}</td>
              <td>
                {h.recordedBy} <span class="muted nowrap">{formatDateTime(h.recordedAt)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FollowUps({ person: p }: { person: Person }) {
  return (
    <div class="table-wrap">
      <table class="data" data-testid="person-follow-ups">
        <caption>{t('people.followUpRecords')}</caption>
        <thead>
          <tr>
            <th>{t('followUp.on')}</th>
            <th>{t('followUp.dueOn')}</th>
            <th>{t('people.method')}</th>
            <th>{t('followUp.outcome')}</th>
            <th>{t('followUp.details')}</th>
            <th>{t('people.recordedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {p.followUps.map((f) => (
            <tr key={f.id} data-testid="follow-up-row" data-outcome={f.outcome}>
              <td class="nowrap">{f.on}</td>
              <td class="nowrap">{f.dueOn ?? '—'}</td>
              <td>{methodName(f.method)}</td>
              <td>{outcomeName(f.outcome)}</td>
              <td data-testid="follow-up-details">{[f.sideEffects, f.switchedTo ? methodName(f.switchedTo) : null, f.stopReason, f.note].filter(Boolean).join(' · ')}</td>
              <td>{f.recordedBy}</td>
            </tr>
          ))}
          {p.followUps.length === 0 && (
            <tr>
              <td colSpan={6} class="empty">
                {t('people.noFollowUps')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function Dispensings({ person: p }: { person: Person }) {
  const en = lang.value === 'en';
  return (
    <div class="table-wrap">
      <table class="data" data-testid="person-dispensings">
        <caption>{t('people.dispensings')}</caption>
        <thead>
          <tr>
            <th>{t('label.dateTime')}</th>
            <th>{t('label.product')}</th>
            <th>{t('label.lot')}</th>
            <th>{t('label.expiresOn')}</th>
            <th class="num">{t('label.quantity')}</th>
            <th>{t('label.actor')}</th>
          </tr>
        </thead>
        <tbody>
          {p.dispensings.map((d) => (
            <tr key={d.id} data-testid="person-dispensing" data-lot={d.lot}>
              <td class="nowrap">{formatDateTime(d.dispensedAt)}</td>
              <td>{en ? d.productNameEn : d.productNameZh}</td>
              <td>{d.lot}</td>
              <td>{d.expiresOn}</td>
              <td class="num">
                {formatQuantity(d.quantity)} {en ? d.unitEn : d.unitZh}
              </td>
              <td>{d.dispensedBy}</td>
            </tr>
          ))}
          {p.dispensings.length === 0 && (
            <tr>
              <td colSpan={6} class="empty">
                {t('people.noDispensings')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
