import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useAction } from '../../components/action.ts';
import { DoneNotice, type Done } from '../../components/DoneNotice.tsx';
import { session } from '../auth/session.ts';
import { addFinding, cancelVisit, closeVisit, decideItem, getVisit, recordUrl, signFindings, startVisit, type ChecklistItem, type Finding, type Verdict, type Visit } from './supervision-api.ts';
import { ActionRow } from './ActionRow.tsx';
import { supervisesFrom, useOwners, VisitStatus } from './SupervisionScreen.tsx';
import { t } from './i18n.ts';
import { EnumSelect } from '../../components/EnumSelect.tsx';

const say = (text: { zh: string; en: string }) => (lang.value === 'en' ? text.en : text.zh);
const SEVERITIES = ['minor', 'major', 'serious'] as const;

/**
 * One supervision visit: start it (the checklist is drawn from the system), decide each item,
 * record findings with corrective actions, the leader signs; then the actions are closed below
 * and verified here until the visit closes. The record prints.
 */
export function VisitScreen({ visitId }: { visitId: number }) {
  const [visit, setVisit] = useState<Visit | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [done, setDone] = useState<Done>(null);
  const load = () => getVisit(visitId).then(setVisit, (e) => setProblem(toProblem(e)));
  useEffect(() => {
    setVisit(null);
    void load();
  }, [visitId]);
  if (!visit) return <section class="screen" data-testid="visit-screen" data-state={problem ? 'error' : 'loading'}><ProblemMessage problem={problem} onRetry={() => void load()} /></section>;

  const performs = supervisesFrom(visit.visitingDepot.id);
  const isLeader = session.value?.user.id === visit.leaderId;
  const undecided = (visit.checklist ?? []).filter((c) => c.result === null).length;
  const stepped = (text: () => string) => (next: Visit) => {
    setVisit(next);
    setDone({ text });
  };
  const changed = () => void load();

  return (
    <section class="screen visit-screen" data-testid="visit-screen" data-state="ready" data-status={visit.status}>
      <div class="toolbar no-print">
        <a class="button" href={paths.supervision(session.value?.depot.id ?? visit.visitingDepot.id)}>
          ‹ {t('supervision.back')}
        </a>
        <a class="button" href={recordUrl(visit.id, 'html', lang.value)} target="_blank" rel="noopener" data-testid="visit-print">
          {t('supervision.print')}
        </a>
        <a class="button" href={recordUrl(visit.id, 'xlsx', lang.value)} data-testid="visit-xlsx">
          {t('supervision.xlsx')}
        </a>
      </div>
      <h2>
        {t('supervision.title')} · {visit.visitedDepot.name} <VisitStatus status={visit.status} />
      </h2>
      <p class="visit-meta" data-testid="visit-meta">
        {t('supervision.visitingDepot')}：{visit.visitingDepot.name} · {t('supervision.plannedOn')}：{visit.plannedOn} · {t('supervision.leaderLine', { name: visit.leaderName ?? '' })} · {t('supervision.visitors')}：
        {visit.visitors.join(lang.value === 'en' ? ', ' : '、')}
        {visit.methods.length > 0 && ` · ${t('supervision.methods')}：${visit.methods.map((m) => t(`supervision.method.${m as 'questioning'}`)).join(lang.value === 'en' ? ', ' : '、')}`}
        {visit.signedAt && ` · ${t('supervision.signedOn', { date: visit.signedAt.slice(0, 10) })}`}
      </p>
      <DoneNotice done={done} testid="visit-done" />
      {performs && (
        <div class="toolbar no-print">
          {visit.status === 'planned' && <StepButton key="start" testid="visit-start" label={t('supervision.start')} call={() => startVisit(visit.id)} onDone={stepped(() => t('supervision.started'))} />}
          {visit.status === 'in_progress' && isLeader && (
            <StepButton key="sign" testid="visit-sign" label={t('supervision.sign')} disabled={undecided > 0} call={() => signFindings(visit.id)} onDone={stepped(() => t('supervision.signed'))} />
          )}
          {visit.status === 'findings_recorded' && (
            <StepButton key="close" testid="visit-close" label={t('supervision.close')} disabled={visit.openActions > 0} call={() => closeVisit(visit.id)} onDone={stepped(() => t('supervision.closed'))} />
          )}
          {(visit.status === 'planned' || visit.status === 'in_progress') && <CancelVisit visitId={visit.id} onDone={stepped(() => t('supervision.cancelled'))} />}
        </div>
      )}
      {visit.status === 'cancelled' && (
        <p class="note" data-testid="visit-cancelled">
          {t('supervision.cancelledBecause', { name: visit.closedByName ?? '', date: (visit.closedAt ?? '').slice(0, 10), reason: visit.closeNote ?? '' })}
        </p>
      )}

      <section class="panel" data-testid="checklist">
        <h3>{t('supervision.checklist')}</h3>
        {visit.checklist === null ? (
          <p class="hint">{t('supervision.checklistPlanned')}</p>
        ) : (
          <>
            <p class="hint">{t('supervision.checklistHint')}</p>
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('supervision.checklist')}>
              <table class="data checklist-table">
                <thead>
                  <tr>
                    <th>{t('supervision.item')}</th>
                    <th>{t('supervision.evidence')}</th>
                    <th>{t('supervision.suggested')}</th>
                    <th>{t('supervision.result')}</th>
                  </tr>
                </thead>
                <tbody>
                  {visit.checklist.map((item) => (
                    <ChecklistRow key={`${item.key}-${item.result}-${item.note}`} visitId={visit.id} item={item} editable={performs && visit.status === 'in_progress'} onDecided={setVisit} />
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section class="panel" data-testid="findings">
        <h3>{t('supervision.findings')}</h3>
        {visit.findings.length === 0 && visit.status !== 'planned' && <p class="empty">{t('supervision.noFindings')}</p>}
        {visit.findings.map((f, i) => (
          <FindingBlock key={f.id} n={i + 1} finding={f} visit={visit} onChanged={changed} />
        ))}
        {performs && visit.status === 'in_progress' && <FindingForm key={visit.findings.length} visit={visit} onSaved={(v) => (setVisit(v), setDone({ text: () => t('supervision.findingSaved') }))} />}
      </section>
    </section>
  );
}

/** Calling the visit off, with the reason the visited depot is told. */
function CancelVisit({ visitId, onDone }: { visitId: number; onDone: (v: Visit) => void }) {
  const { busy, problem, run } = useAction();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  async function cancel(e: Event) {
    e.preventDefault();
    const next = await run(() => cancelVisit(visitId, reason.trim()));
    if (next) onDone(next);
  }
  if (!open)
    return (
      <button type="button" class="button" data-testid="visit-cancel" onClick={() => setOpen(true)}>
        {t('supervision.cancelVisit')}
      </button>
    );
  return (
    <form class="inline-form" data-testid="visit-cancel-form" onSubmit={(e) => void cancel(e)}>
      <label class="grow">
        {t('supervision.cancelReason')}
        <input data-testid="visit-cancel-reason" required minLength={2} maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <button class="button danger" data-testid="visit-cancel-submit" disabled={busy || reason.trim().length < 2}>
        {t('supervision.cancelVisitDo')}
      </button>
      <button type="button" class="button" onClick={() => setOpen(false)}>
        {t('supervision.cancel')}
      </button>
      <ProblemMessage problem={problem} testid="visit-cancel-problem" />
    </form>
  );
}

/** One step of the visit, with its own call state: a step done leaves the next button fresh. */
function StepButton({ testid, label, disabled = false, call, onDone }: { testid: string; label: string; disabled?: boolean; call: () => Promise<Visit>; onDone: (v: Visit) => void }) {
  const { busy, problem, run } = useAction();
  async function go() {
    const next = await run(call);
    if (next) onDone(next);
  }
  return (
    <>
      <button type="button" class="button primary" data-testid={testid} disabled={busy || disabled} onClick={() => void go()}>
        {label}
      </button>
      <ProblemMessage problem={problem} testid="visit-problem" />
    </>
  );
}

function VerdictBadge({ verdict }: { verdict: Verdict | null }) {
  if (verdict === null) return <span class="muted">{t('supervision.verdict.none')}</span>;
  return <span class={`status-badge ${verdict === 'pass' ? 'status-received' : 'status-declined'}`}>{t(`supervision.verdict.${verdict}`)}</span>;
}

function ChecklistRow({ visitId, item, editable, onDecided }: { visitId: number; item: ChecklistItem; editable: boolean; onDecided: (v: Visit) => void }) {
  const { busy, problem, run } = useAction();
  const [note, setNote] = useState(item.note ?? '');
  async function decide(result: Verdict) {
    const v = await run(() => decideItem(visitId, item.key, result, note.trim() || null));
    if (v) onDecided(v);
  }
  return (
    <tr data-testid="checklist-item" data-item={item.key} data-suggested={item.suggested ?? 'none'} data-result={item.result ?? 'none'}>
      <th scope="row">{say(item.title)}</th>
      <td>
        <ul class="evidence">
          {item.evidence.map((e, i) => (
            <li key={i} class={e.flag ? 'flag' : ''} data-testid="evidence" data-flag={String(e.flag)}>
              {e.flag && '⚠ '}
              {say(e.label)}：<strong>{say(e.value)}</strong>
            </li>
          ))}
        </ul>
      </td>
      <td>
        <VerdictBadge verdict={item.suggested} />
      </td>
      <td>
        {editable ? (
          <div class="decide">
            {(['pass', 'attention'] as const).map((v) => (
              <button key={v} type="button" class={`button small ${item.result === v ? 'primary' : ''}`} aria-pressed={item.result === v} data-testid={`decide-${v}`} disabled={busy} onClick={() => void decide(v)}>
                {t(`supervision.verdict.${v}`)}
              </button>
            ))}
            <input class="note" aria-label={t('supervision.note')} placeholder={t('supervision.note')} value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
            <ProblemMessage problem={problem} />
          </div>
        ) : (
          <>
            {item.result && <VerdictBadge verdict={item.result} />}
            {item.note && <div class="small">{item.note}</div>}
          </>
        )}
      </td>
    </tr>
  );
}

function FindingBlock({ n, finding, visit, onChanged }: { n: number; finding: Finding; visit: Visit; onChanged: () => void }) {
  const item = visit.checklist?.find((c) => c.key === finding.item);
  return (
    <div class="finding" data-testid="finding" data-finding={finding.id}>
      <p>
        <strong>
          {n}. {finding.text}
        </strong>{' '}
        <span class={`status-badge ${finding.severity === 'minor' ? '' : 'status-declined'}`}>{t(`supervision.severity.${finding.severity}`)}</span>
        {item && <span class="small muted"> · {say(item.title)}</span>}
      </p>
      {finding.actions.map((a) => (
        <ActionRow key={`${a.id}-${a.status}`} action={a} visitSigned={visit.status === 'findings_recorded'} visitedDepotId={visit.visitedDepot.id} visitingDepotId={visit.visitingDepot.id} onChanged={onChanged} />
      ))}
    </div>
  );
}

/** A finding with one corrective action (more can be added to it through the API). */
function FindingForm({ visit, onSaved }: { visit: Visit; onSaved: (v: Visit) => void }) {
  const owners = useOwners(visit.visitedDepot.id);
  const [text, setText] = useState('');
  const [severity, setSeverity] = useState<Finding['severity']>('minor');
  const [item, setItem] = useState<ChecklistItem['key'] | ''>('');
  const [action, setAction] = useState('');
  const [ownerId, setOwner] = useState(0);
  const [dueOn, setDueOn] = useState(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  const { busy, problem, run } = useAction();
  const owner = ownerId || owners[0]?.id || 0;
  async function submit(e: Event) {
    e.preventDefault();
    const actions = action.trim() ? [{ text: action.trim(), ownerId: owner, dueOn }] : [];
    const v = await run(() => addFinding(visit.id, { text: text.trim(), severity, item: item || null, actions }));
    if (v) {
      setText('');
      setAction('');
      onSaved(v);
    }
  }
  return (
    <form class="finding-form" data-testid="finding-form" onSubmit={(e) => void submit(e)}>
      <h4>{t('supervision.addFinding')}</h4>
      <div class="form-grid">
        <label class="field wide">
          <span>{t('supervision.findingText')}</span>
          <input data-testid="finding-text" required minLength={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <EnumSelect label={t('supervision.severity')} testid="finding-severity" value={severity} values={SEVERITIES} text={(s) => t(`supervision.severity.${s}`)} onChange={setSeverity} />
        <label class="field">
          <span>{t('supervision.findingItem')}</span>
          <select data-testid="finding-item" value={item} onChange={(e) => setItem(e.currentTarget.value as ChecklistItem['key'] | '')}>
            <option value="">{t('supervision.none')}</option>
            {(visit.checklist ?? []).map((c) => (
              <option key={c.key} value={c.key}>
                {say(c.title)}
              </option>
            ))}
          </select>
        </label>
        <label class="field wide">
          <span>{t('supervision.actionText')}</span>
          <input data-testid="action-text" value={action} onInput={(e) => setAction(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('supervision.owner')}</span>
          <select data-testid="action-owner" value={String(owner)} onChange={(e) => setOwner(Number(e.currentTarget.value))}>
            {owners.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.displayName}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('supervision.dueOn')}</span>
          <input type="date" data-testid="action-due" value={dueOn} onInput={(e) => setDueOn(e.currentTarget.value)} />
        </label>
      </div>
      <ProblemMessage problem={problem} testid="finding-problem" />
      <button class="button primary" data-testid="finding-save" disabled={busy || text.trim().length < 2}>
        {t('supervision.saveFinding')}
      </button>
    </form>
  );
}
