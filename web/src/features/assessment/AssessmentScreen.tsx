import { useEffect, useState } from 'preact/hooks';
import { children } from '../../api.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useLoad } from '../../components/load.ts';
import { useAction } from '../../components/action.ts';
import { atOwnDepot, hasRole, session } from '../auth/session.ts';
import { listRounds, listRubrics, openRound, type Round, type Rubric } from './assessment-api.ts';
import { t } from './i18n.ts';

export function RoundStatus({ round }: { round: Pick<Round, 'status' | 'stale' | 'computedAt'> }) {
  const state = round.status === 'finalised' ? 'finalised' : round.computedAt === null ? 'open' : round.stale ? 'stale' : 'computed';
  const badge = { finalised: 'status-received', open: 'status-awaiting_approval', stale: 'status-declined', computed: 'status-approved' }[state];
  return (
    <span class={`status-badge ${badge}`} data-testid="round-status" data-status={state}>
      {t(`assessment.state.${state}`)}
    </span>
  );
}

/**
 * The yearly assessment of a depot (考核评估, S0:484-495): the rounds it organised or is assessed
 * in, and for its leader a form to open one over the depots below.
 */
export function AssessmentScreen({ depotId }: { depotId: number }) {
  const { data, problem, reload: load, state } = useLoad(() => Promise.all([listRounds(), listRubrics()]), [depotId]);
  const rounds = data?.[0].items ?? null;
  const rubrics = data?.[1].items ?? [];
  const opens = atOwnDepot(depotId) && hasRole('leader') && session.value?.depot.tier !== 'village';

  return (
    <section class="screen assessment-screen" data-testid="assessment-screen" data-state={state}>
      <h2>{t('assessment.title')}</h2>
      <p class="hint">{t('assessment.hint')}</p>
      <ProblemMessage problem={problem} onRetry={load} />
      {opens && rubrics.length > 0 && <OpenForm depotId={depotId} rubrics={rubrics} />}
      {rounds && (
        <section class="panel" data-testid="rounds">
          <h3>{t('assessment.rounds')}</h3>
          {rounds.length === 0 ? (
            <p class="empty">{t('assessment.noRounds')}</p>
          ) : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={t('assessment.rounds')}>
              <table class="data">
                <thead>
                  <tr>
                    <th>{t('assessment.year')}</th>
                    <th>{t('assessment.organiser')}</th>
                    <th>{t('assessment.scope')}</th>
                    <th>{t('assessment.rubric')}</th>
                    <th>{t('assessment.scored')}</th>
                    <th>{t('assessment.status')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {rounds.map((r) => (
                    <tr key={r.id} data-testid="round-row" data-round={r.id}>
                      <td class="int">{r.year}</td>
                      <td>{r.depot.name}</td>
                      <td>{r.scope.name}</td>
                      <td>{t('assessment.version', { version: r.rubric.version })}</td>
                      <td class="int">
                        {r.assessorItems.scored} / {r.assessorItems.total}
                      </td>
                      <td>
                        <RoundStatus round={r} />
                      </td>
                      <td>
                        <a class="button small" href={paths.assessmentRound(r.id)} data-testid="round-open">
                          {t('assessment.open')}
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

/**
 * Opens a round of last year over the leader's subtree, or over one depot directly below and its
 * own subtree, on the rubric version chosen (the newest by default).
 */
function OpenForm({ depotId, rubrics }: { depotId: number; rubrics: Rubric[] }) {
  const [year, setYear] = useState(new Date().getFullYear() - 1);
  const [version, setVersion] = useState(rubrics[0]!.version);
  const [below, setBelow] = useState<{ id: number; name: string }[]>([]);
  const [scope, setScope] = useState<number | null>(null);
  useEffect(() => {
    children(depotId).then((r) => setBelow(r.items.map((d) => ({ id: d.id, name: d.name }))), () => setBelow([]));
  }, [depotId]);
  const { busy, problem, run } = useAction();
  const chosen = rubrics.find((r) => r.version === version);
  async function submit(e: Event) {
    e.preventDefault();
    const round = await run(() => openRound({ year, rubricVersion: version, ...(scope === null ? {} : { scopeDepotId: scope }) }));
    if (round) navigate(paths.assessmentRound(round.id));
  }
  return (
    <form class="panel" data-testid="round-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('assessment.new')}</h3>
      <div class="form-grid">
        <label class="field">
          <span>{t('assessment.year')}</span>
          <input type="number" data-testid="round-year" min={2000} max={2100} required value={year} onInput={(e) => setYear(Number(e.currentTarget.value))} />
        </label>
        <label class="field">
          <span>{t('assessment.rubric')}</span>
          <select data-testid="round-rubric" value={String(version)} onChange={(e) => setVersion(Number(e.currentTarget.value))}>
            {rubrics.map((r) => (
              <option key={r.version} value={String(r.version)}>
                {t('assessment.version', { version: r.version })} · {r.title}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('assessment.scope')}</span>
          <select data-testid="round-scope" value={scope === null ? '' : String(scope)} onChange={(e) => setScope(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}>
            <option value="">{t('assessment.scopeAll')}</option>
            {below.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {chosen?.example && <p class="hint" data-testid="rubric-example">{t('assessment.exampleNote')}</p>}
      <ProblemMessage problem={problem} testid="round-form-problem" />
      <div class="toolbar">
        <button class="button primary" data-testid="round-create" disabled={busy}>
          {t('assessment.create')}
        </button>
      </div>
    </form>
  );
}
