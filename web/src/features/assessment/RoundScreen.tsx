import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { session } from '../auth/session.ts';
import { TIERS, computeRound, finaliseRound, getRanking, getRound, type AssessedTier, type Ranking, type Round } from './assessment-api.ts';
import { RoundStatus } from './AssessmentScreen.tsx';
import { SheetPanel } from './SheetPanel.tsx';
import { t } from './i18n.ts';

const isTier = (x: string | null): x is AssessedTier => TIERS.includes(x as AssessedTier);

/**
 * A round: its state, the organiser leader's compute and finalise, the ranking of one level
 * (results, own scores, the mean of the sampled units below, grades) and, with `?depot=`, a
 * depot's sheet.
 */
export function RoundScreen({ roundId, tier, depotId }: { roundId: number; tier: string | null; depotId: number | null }) {
  const [round, setRound] = useState<Round | null>(null);
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  // Compute may be run again and again: the buttons come back after each call.
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<ApiProblem | null>(null);
  // Each computation reloads the sheet shown.
  const [computes, setComputes] = useState(0);
  const level: AssessedTier | null = isTier(tier) ? tier : round ? (TIERS.find((x) => round.depots[x]! > 0) ?? 'village') : null;
  const load = () => {
    setProblem(null);
    getRound(roundId).then(setRound, (e) => setProblem(toProblem(e)));
  };
  useEffect(load, [roundId]);
  useEffect(() => {
    if (level && !depotId) getRanking(roundId, level).then(setRanking, (e) => setProblem(toProblem(e)));
  }, [roundId, level, depotId, round?.computedAt]);

  const runs = round !== null && round.status === 'open' && session.value?.depot.id === round.depot.id && (session.value?.user.roles.includes('leader') ?? false);
  async function run(what: 'compute' | 'finalise') {
    if (what === 'finalise' && !confirm(t('assessment.finaliseConfirm'))) return;
    setBusy(true);
    setRefused(null);
    try {
      setRound(await (what === 'compute' ? computeRound(roundId) : finaliseRound(roundId)));
      setComputes((n) => n + 1);
    } catch (e) {
      setRefused(toProblem(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="screen assessment-round" data-testid="round-screen" data-state={round ? 'ready' : problem ? 'error' : 'loading'}>
      {round && (
        <>
          <p class="breadcrumb no-print">
            <a href={paths.assessment(session.value?.depot.id ?? round.depot.id)}>{t('assessment.title')}</a>
          </p>
          <h2>
            {t('assessment.roundTitle', { year: round.year, scope: round.scope.name })} <RoundStatus round={round} />
          </h2>
          <p class="hint">
            {t('assessment.roundMeta', { organiser: round.depot.name, version: round.rubric.version, rubric: round.rubric.title, scored: round.assessorItems.scored, total: round.assessorItems.total })}
            {round.computedAt && ` · ${t('assessment.computedAt', { at: round.computedAt.slice(0, 16).replace('T', ' ') })}`}
          </p>
          {round.status === 'open' && round.stale && round.computedAt && <p class="warning" data-testid="round-stale">{t('assessment.staleNote')}</p>}
          {runs && (
            <div class="toolbar no-print">
              <button type="button" class="button primary" data-testid="round-compute" disabled={busy} onClick={() => void run('compute')}>
                {t('assessment.compute')}
              </button>
              <button type="button" class="button" data-testid="round-finalise" disabled={busy || round.computedAt === null} onClick={() => void run('finalise')}>
                {t('assessment.finalise')}
              </button>
            </div>
          )}
          <ProblemMessage problem={refused} testid="round-problem" />
        </>
      )}
      <ProblemMessage problem={problem} onRetry={load} />
      {round && depotId !== null && <SheetPanel key={computes} roundId={round.id} depotId={depotId} onScored={load} backHref={paths.assessmentRound(round.id, { tier: level })} />}
      {round && depotId === null && level && (
        <>
          <nav class="tabs assessment-tiers no-print" aria-label={t('assessment.level')}>
            {TIERS.filter((x) => round.depots[x]! > 0).map((x) => (
              <a key={x} href={paths.assessmentRound(round.id, { tier: x })} class={x === level ? 'tab active' : 'tab'} data-testid={`tier-${x}`} aria-current={x === level ? 'page' : undefined} onClick={() => setRanking(null)}>
                {t(`assessment.tier.${x}`)} ({round.depots[x]})
              </a>
            ))}
          </nav>
          <RankingTable round={round} ranking={ranking?.tier === level ? ranking : null} />
        </>
      )}
    </section>
  );
}

function RankingTable({ round, ranking }: { round: Round; ranking: Ranking | null }) {
  if (!ranking) return <p class="muted">{t('assessment.loading')}</p>;
  if (ranking.rows.length === 0) return <p class="empty" data-testid="ranking-empty">{t('assessment.notComputed')}</p>;
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-label={t('assessment.ranking')} data-testid="ranking">
      <table class="data">
        <thead>
          <tr>
            <th>{t('assessment.rank')}</th>
            <th>{t('assessment.depot')}</th>
            <th>{t('assessment.parent')}</th>
            <th>{t('assessment.own')}</th>
            <th>{t('assessment.childMean')}</th>
            <th>{t('assessment.total')}</th>
            <th>{t('assessment.grade')}</th>
            <th>{t('assessment.sample')}</th>
          </tr>
        </thead>
        <tbody>
          {ranking.rows.map((r) => (
            <tr key={r.depot.id} data-testid="ranking-row" data-depot={r.depot.code}>
              <td class="int">{r.rank}</td>
              <td>
                <a href={paths.assessmentRound(round.id, { tier: ranking.tier, depot: r.depot.id })} data-testid="ranking-sheet">
                  {r.depot.name}
                </a>
                {!r.complete && <span class="muted small"> · {t('assessment.incomplete')}</span>}
              </td>
              <td>{r.parent?.name ?? ''}</td>
              <td class="decimal">{r.own.toFixed(2)}</td>
              <td class="decimal">{r.childMean === null ? '—' : r.childMean.toFixed(2)}</td>
              <td class="decimal strong">{r.total.toFixed(2)}</td>
              <td>
                <span class={`grade grade-${r.grade}`}>{t(`assessment.grade.${r.grade}`)}</span>
              </td>
              <td class="small">{r.sample.map((s) => s.name).join('、')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
