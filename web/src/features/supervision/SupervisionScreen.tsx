import { useEffect, useState } from 'preact/hooks';
import { searchDepots, users } from '../../api.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useLoad } from '../../components/load.ts';
import { useAction } from '../../components/action.ts';
import { atOwnDepot, hasRole, session } from '../auth/session.ts';
import { listActions, listVisits, planVisit, type ActionList, type Visit } from './supervision-api.ts';
import { ActionRow } from './ActionRow.tsx';
import { t } from './i18n.ts';

const METHODS = ['questioning', 'visiting', 'auditing_accounts', 'tracking_supplies'] as const;
const BADGE: Record<Visit['status'], string> = { planned: '', in_progress: 'status-approved', findings_recorded: 'status-awaiting_approval', closed: 'status-received', cancelled: 'status-declined' };

/** Who plans and performs visits from a depot (server/services/supervision.ts): its leader, inspector or planner. */
export const supervisesFrom = (depotId: number) => atOwnDepot(depotId) && (hasRole('leader') || hasRole('inspector') || hasRole('planner'));

export function VisitStatus({ status }: { status: Visit['status'] }) {
  return (
    <span class={`status-badge ${BADGE[status]}`} data-testid="visit-status" data-status={status}>
      {t(`supervision.status.${status}`)}
    </span>
  );
}

/**
 * A depot's supervision (监督检查, S0:473-483): the visits it made and those to it and below, a
 * form to plan one to a depot below, the corrective actions it owes and those it verifies below.
 */
export function SupervisionScreen({ depotId }: { depotId: number }) {
  const { data, problem, reload: load, state } = useLoad(() => Promise.all([listVisits(depotId), listActions(depotId, 'visited'), listActions(depotId, 'visiting')]), [depotId]);
  const [planning, setPlanning] = useState(false);
  const visits = data?.[0].items ?? null;
  const owed = data?.[1] ?? null;
  const below = data?.[2] ?? null;

  return (
    <section class="screen supervision-screen" data-testid="supervision-screen" data-state={state}>
      <h2>{t('supervision.title')}</h2>
      <p class="hint">{t('supervision.hint')}</p>
      <ProblemMessage problem={problem} onRetry={load} />
      {supervisesFrom(depotId) && !planning && (
        <div class="toolbar no-print">
          <button type="button" class="button primary" data-testid="visit-new" onClick={() => setPlanning(true)}>
            {t('supervision.new')}
          </button>
        </div>
      )}
      {planning && <PlanForm depotId={depotId} onCancel={() => setPlanning(false)} />}
      {owed && owed.items.length > 0 && <ActionsPanel depotId={depotId} title={t('supervision.myActions')} list={owed} side="visited" testid="actions-owed" onChanged={load} />}
      {below && below.items.some((a) => a.status !== 'verified') && (
        <ActionsPanel depotId={depotId} title={t('supervision.actionsBelow')} list={{ ...below, items: below.items.filter((a) => a.status !== 'verified') }} side="visiting" testid="actions-below" onChanged={load} />
      )}
      {visits && (
        <section class="panel" data-testid="visits">
          <h3>{t('supervision.visits')}</h3>
          {visits.length === 0 ? (
            <p class="empty">{t('supervision.noVisits')}</p>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('supervision.visits')}>
              <table class="data">
                <thead>
                  <tr>
                    <th>{t('supervision.plannedOn')}</th>
                    <th>{t('supervision.visitingDepot')}</th>
                    <th>{t('supervision.visitedDepot')}</th>
                    <th>{t('supervision.status')}</th>
                    <th>{t('supervision.openActions')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {visits.map((v) => (
                    <tr key={v.id} data-testid="visit-row" data-visit={v.id}>
                      <td class="nowrap">{v.plannedOn}</td>
                      <td>{v.visitingDepot.name}</td>
                      <td>{v.visitedDepot.name}</td>
                      <td>
                        <VisitStatus status={v.status} />
                        {v.overdueActions > 0 && <span class="status-badge status-declined"> {t('supervision.overdue')}</span>}
                      </td>
                      <td class="int">{v.openActions}</td>
                      <td>
                        <a class="button small" href={paths.supervisionVisit(v.id)} data-testid="visit-open">
                          {t('supervision.open')}
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </section>
  );
}

function ActionsPanel({ depotId, title, list, side, testid, onChanged }: { depotId: number; title: string; list: ActionList; side: 'visited' | 'visiting'; testid: string; onChanged: () => void }) {
  return (
    <section class="panel" data-testid={testid}>
      <h3>{title}</h3>
      <ul class="supervision-actions">
        {list.items.map((a) => (
          <li key={`${a.id}-${a.status}`}>
            <p class="small muted">
              {side === 'visited' ? t('supervision.from', { depot: a.otherDepot.name }) : t('supervision.at', { depot: a.otherDepot.name })} · {a.finding.text} ·{' '}
              <a href={paths.supervisionVisit(a.visitId)}>{t('supervision.open')}</a>
            </p>
            <ActionRow action={a} visitSigned={a.visitStatus === 'findings_recorded'} visitedDepotId={side === 'visited' ? depotId : a.otherDepot.id} visitingDepotId={side === 'visited' ? a.otherDepot.id : depotId} onChanged={onChanged} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Plans a visit from the user's depot to one below it; the visit leader is the planner. */
function PlanForm({ depotId, onCancel }: { depotId: number; onCancel: () => void }) {
  const [targets, setTargets] = useState<{ id: number; name: string; code: string }[]>([]);
  const [visitedDepotId, setVisited] = useState(0);
  const [plannedOn, setPlannedOn] = useState(new Date().toISOString().slice(0, 10));
  const [visitors, setVisitors] = useState(session.value?.user.displayName ?? '');
  const [methods, setMethods] = useState<(typeof METHODS)[number][]>(['questioning', 'auditing_accounts', 'tracking_supplies']);
  const { busy, problem, run } = useAction();
  useEffect(() => {
    searchDepots({ under: depotId, pageSize: 100 }).then((r) => {
      const below = r.items.filter((d) => d.id !== depotId);
      setTargets(below);
      if (below[0]) setVisited(below[0].id);
    });
  }, [depotId]);
  async function submit(e: Event) {
    e.preventDefault();
    const names = visitors.split(/[,，、;；]/).map((s) => s.trim()).filter(Boolean);
    const visit = await run(() => planVisit({ visitedDepotId, plannedOn, visitors: names, methods }));
    if (visit) navigate(paths.supervisionVisit(visit.id));
  }
  return (
    <form class="panel" data-testid="visit-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('supervision.newTitle')}</h3>
      <div class="form-grid">
        <label class="field">
          <span>{t('supervision.visitedDepot')}</span>
          <select data-testid="visit-depot" value={String(visitedDepotId)} onChange={(e) => setVisited(Number(e.currentTarget.value))}>
            {targets.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.name}（{d.code}）
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('supervision.plannedOn')}</span>
          <input type="date" data-testid="visit-date" required value={plannedOn} onInput={(e) => setPlannedOn(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('supervision.visitors')}</span>
          <input data-testid="visit-visitors" required value={visitors} onInput={(e) => setVisitors(e.currentTarget.value)} />
          <span class="hint">{t('supervision.visitorsHint')}</span>
        </label>
      </div>
      <fieldset class="roles">
        <legend>{t('supervision.methods')}</legend>
        {METHODS.map((m) => (
          <label key={m}>
            <input type="checkbox" checked={methods.includes(m)} onChange={(e) => setMethods(e.currentTarget.checked ? [...methods, m] : methods.filter((x) => x !== m))} /> {t(`supervision.method.${m}`)}
          </label>
        ))}
      </fieldset>
      <ProblemMessage problem={problem} testid="visit-form-problem" />
      <div class="toolbar">
        <button class="button primary" data-testid="visit-plan" disabled={busy || visitedDepotId === 0}>
          {t('supervision.plan')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('supervision.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The active users of the visited depot, who may own a corrective action. */
export function useOwners(depotId: number) {
  const [owners, setOwners] = useState<{ id: number; displayName: string }[]>([]);
  useEffect(() => {
    users({ depotId, pageSize: 100 }).then(
      (r) => setOwners(r.items.filter((u) => u.depotId === depotId && u.active)),
      () => setOwners([]),
    );
  }, [depotId]);
  return owners;
}
