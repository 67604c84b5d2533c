import { useState } from 'preact/hooks';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useLoad } from '../../components/load.ts';
import { formatDate } from '../../components/format.ts';
import { atOwnDepot, hasRole } from '../auth/session.ts';
import { cadence, listEducation, listTrainings, pendingUsers, type Cadence, type EducationList, type Scope, type TrainingList } from './training-api.ts';
import { EducationForm, TrainingForm } from './TrainingForms.tsx';
import { WaiverPanel } from './WaiverPanel.tsx';
import { t } from './i18n.ts';

type View = 'trainings' | 'education' | 'cadence' | 'staff';
const VIEWS: View[] = ['trainings', 'education', 'cadence', 'staff'];

/** Who records at their own depot (server/services/training.ts TRAINING_ROLES, EDUCATION_ROLES). */
const recordsTraining = (depotId: number) => atOwnDepot(depotId) && (['leader', 'planner', 'admin'] as const).some((r) => hasRole(r));
const recordsEducation = (depotId: number) => atOwnDepot(depotId) && (['leader', 'planner', 'dispenser'] as const).some((r) => hasRole(r));

/**
 * A depot's trainings (培训, S0:462-468), public education sessions (宣传, S0:469-472), the cadence
 * with what is overdue here and below, and the new staff whose roles wait for training (S0:466).
 */
export function TrainingScreen({ depotId, query }: { depotId: number; query: URLSearchParams }) {
  const view: View = VIEWS.includes(query.get('view') as View) ? (query.get('view') as View) : 'trainings';
  const scope: Scope = query.get('scope') === 'subtree' ? 'subtree' : 'own';
  const adding = query.get('new') === '1';
  const go = (q: Record<string, string | undefined>) => navigate(paths.training(depotId, { view, scope, ...q }));
  const [version, setVersion] = useState(0);
  const canAdd = view === 'trainings' ? recordsTraining(depotId) : view === 'education' ? recordsEducation(depotId) : false;
  const done = () => {
    setVersion((v) => v + 1);
    go({ new: undefined });
  };
  return (
    <section class="screen training-screen" data-testid="training-screen">
      <h2>{t('training.title')}</h2>
      <p class="hint">{t('training.hint')}</p>
      <div class="toolbar no-print">
        <span class="segmented" role="group" aria-label={t('training.title')}>
          {VIEWS.map((v) => (
            <a key={v} class={`button${v === view ? ' primary' : ''}`} aria-current={v === view ? 'page' : undefined} href={paths.training(depotId, { view: v, scope })} data-testid={`training-view-${v}`}>
              {t(`training.view.${v}`)}
            </a>
          ))}
        </span>
        {view !== 'staff' && (
          <label class="inline-check">
            <input type="checkbox" data-testid="training-subtree" checked={scope === 'subtree'} onChange={(e) => go({ scope: e.currentTarget.checked ? 'subtree' : 'own' })} /> {t('training.subtree')}
          </label>
        )}
        {canAdd && !adding && (
          <button type="button" class="button primary" data-testid="training-new" onClick={() => go({ new: '1' })}>
            {t(view === 'trainings' ? 'training.new' : 'training.newEducation')}
          </button>
        )}
      </div>
      {adding && canAdd && view === 'trainings' && <TrainingForm depotId={depotId} onDone={done} onCancel={() => go({ new: undefined })} />}
      {adding && canAdd && view === 'education' && <EducationForm onDone={done} onCancel={() => go({ new: undefined })} />}
      {view === 'trainings' && <Trainings key={`${scope}${version}`} depotId={depotId} scope={scope} />}
      {view === 'education' && <Education key={`${scope}${version}`} depotId={depotId} scope={scope} />}
      {view === 'cadence' && <CadenceList depotId={depotId} scope={scope} />}
      {view === 'staff' && <Staff depotId={depotId} />}
    </section>
  );
}

function Trainings({ depotId, scope }: { depotId: number; scope: Scope }) {
  const { data, problem, reload, state } = useLoad<TrainingList>(() => listTrainings(depotId, scope), [depotId, scope]);
  return (
    <section class="panel" data-testid="training-list" data-state={state}>
      <h3>{t('training.view.trainings')}</h3>
      <ProblemMessage problem={problem} onRetry={reload} />
      {data && data.items.length === 0 && <p class="empty">{t('training.none')}</p>}
      {data && data.items.length > 0 && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('training.view.trainings')}>
          <table class="data">
            <thead>
              <tr>
                <th>{t('training.heldOn')}</th>
                {scope === 'subtree' && <th>{t('training.organiser')}</th>}
                <th>{t('training.titleField')}</th>
                <th>{t('training.topics')}</th>
                <th>{t('training.trainer')}</th>
                <th>{t('training.attendees')}</th>
                <th>{t('training.materials')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={r.id} data-testid="training-row" data-training={r.id}>
                  <td class="nowrap">{r.heldOn}</td>
                  {scope === 'subtree' && <td>{r.organiserDepot.name}</td>}
                  <td>
                    {r.title}
                    {r.topicsNote && <div class="small muted">{r.topicsNote}</div>}
                  </td>
                  <td>{r.topics.map((k) => t(`training.topic.${k}`)).join('、')}</td>
                  <td>{r.trainer}</td>
                  <td>
                    <span class="small">{t('training.attendeeCount', { n: r.attendees.length })}</span>
                    <div class="small muted">{r.attendees.map((a) => `${a.name}（${a.depotName}）`).join('、')}</div>
                  </td>
                  <td>
                    {r.materials}
                    <div>
                      <a class="small" href={paths.archiveDocument('training', r.id)}>
                        {t('training.attachments')}
                      </a>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Education({ depotId, scope }: { depotId: number; scope: Scope }) {
  const { data, problem, reload, state } = useLoad<EducationList>(() => listEducation(depotId, scope), [depotId, scope]);
  return (
    <section class="panel" data-testid="education-list" data-state={state}>
      <h3>{t('training.view.education')}</h3>
      <ProblemMessage problem={problem} onRetry={reload} />
      {data && data.items.length === 0 && <p class="empty">{t('training.noEducation')}</p>}
      {data && data.items.length > 0 && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('training.view.education')}>
          <table class="data">
            <thead>
              <tr>
                <th>{t('training.heldOn')}</th>
                {scope === 'subtree' && <th>{t('training.organiser')}</th>}
                <th>{t('training.place')}</th>
                <th>{t('training.topics')}</th>
                <th class="num">{t('training.attendance')}</th>
                <th>{t('training.materials')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={r.id} data-testid="education-row">
                  <td class="nowrap">{r.heldOn}</td>
                  {scope === 'subtree' && <td>{r.depot.name}</td>}
                  <td>{r.place}</td>
                  <td>
                    {r.topics.map((k) => t(`training.eduTopic.${k}`)).join('、')}
                    {r.topicsNote && <div class="small muted">{r.topicsNote}</div>}
                  </td>
                  <td class="num">{r.attendance}</td>
                  <td>
                    {r.materials}
                    <div>
                      <a class="small" href={paths.archiveDocument('education_session', r.id)}>
                        {t('training.attachments')}
                      </a>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const ruleText = (r: Cadence['items'][number]) => t(r.rule.everyMonths === 12 ? 'training.rule.year' : 'training.rule.months', { times: r.rule.times, months: r.rule.everyMonths });

function CadenceList({ depotId, scope }: { depotId: number; scope: Scope }) {
  const [all, setAll] = useState(false);
  const { data, problem, reload, state } = useLoad<Cadence>(() => cadence(depotId, scope, !all), [depotId, scope, all]);
  return (
    <section class="panel" data-testid="cadence-list" data-state={state}>
      <h3>
        {t('training.view.cadence')}
        {data && data.overdue > 0 && <span class="status-badge status-declined"> {t('training.overdueCount', { n: data.overdue })}</span>}
      </h3>
      <p class="hint">{t('training.cadenceHint')}</p>
      <label class="inline-check no-print">
        <input type="checkbox" data-testid="cadence-all" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} /> {t('training.showAll')}
      </label>
      <ProblemMessage problem={problem} onRetry={reload} />
      {data && data.items.length === 0 && <p class="empty" data-testid="cadence-none">{t('training.noneOverdue')}</p>}
      {data && data.items.length > 0 && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={t('training.view.cadence')}>
          <table class="data">
            <thead>
              <tr>
                <th>{t('training.depot')}</th>
                <th>{t('training.kind')}</th>
                <th>{t('training.rule')}</th>
                <th class="num">{t('training.held')}</th>
                <th>{t('training.lastHeldOn')}</th>
                <th>{t('training.dueBy')}</th>
                <th>{t('training.state')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((r) => (
                <tr key={`${r.depot.id}:${r.kind}`} data-testid="cadence-row" data-depot={r.depot.code} data-kind={r.kind} data-overdue={String(r.overdue)}>
                  <td>{r.depot.name}</td>
                  <td>{t(`training.kind.${r.kind}`)}</td>
                  <td>{ruleText(r)}</td>
                  <td class="num">{r.held}</td>
                  <td class="nowrap">{r.lastHeldOn ? r.lastHeldOn : t('training.never')}</td>
                  <td class="nowrap">{r.dueBy ? r.dueBy : '—'}</td>
                  <td>
                    <span class={`status-badge ${r.overdue ? 'status-declined' : 'status-approved'}`}>{t(r.overdue ? 'training.overdue' : 'training.onTime')}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Staff({ depotId }: { depotId: number }) {
  const { data, problem, reload, state } = useLoad(() => pendingUsers(depotId), [depotId]);
  const leader = atOwnDepot(depotId) && hasRole('leader');
  return (
    <section class="panel" data-testid="pending-staff" data-state={state}>
      <h3>{t('training.view.staff')}</h3>
      <p class="hint">{t('training.staffHint')}</p>
      <ProblemMessage problem={problem} onRetry={reload} />
      {data && data.items.length === 0 && <p class="empty">{t('training.noPending')}</p>}
      {data &&
        data.items.map((u) => (
          <div key={u.id} class="panel" data-testid="pending-user" data-user={u.username}>
            <strong>{u.displayName}</strong> <span class="muted">{u.username}</span> <span class="small muted">{t('training.createdAt', { date: formatDate(u.createdAt) })}</span>
            {leader && <WaiverPanel userId={u.id} onDone={reload} />}
          </div>
        ))}
    </section>
  );
}
