import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formUrl, getSheet, scoreItem, type Sheet, type SheetItem } from './assessment-api.ts';
import { t } from './i18n.ts';

/** The figures behind the computed indicators (server/services/assessment-indicators.ts), by name. */
const INPUTS = {
  due: 'assessment.input.due',
  onTime: 'assessment.input.onTime',
  late: 'assessment.input.late',
  missing: 'assessment.input.missing',
  areas: 'assessment.input.areas',
  monitoredHours: 'assessment.input.monitoredHours',
  outOfLimitsOrUnloggedHours: 'assessment.input.outOfLimitsOrUnloggedHours',
  picks: 'assessment.input.picks',
  overrides: 'assessment.input.overrides',
  countsPosted: 'assessment.input.countsPosted',
  lastPostedOn: 'assessment.input.lastPostedOn',
  expiredWrittenOff: 'assessment.input.expiredWrittenOff',
  received: 'assessment.input.received',
  filed: 'assessment.input.filed',
  trainingsHeld: 'assessment.input.trainingsHeld',
  trainingsRequired: 'assessment.input.trainingsRequired',
  trainingsSince: 'assessment.input.trainingsSince',
  educationHeld: 'assessment.input.educationHeld',
  educationRequired: 'assessment.input.educationRequired',
  educationSince: 'assessment.input.educationSince',
  until: 'assessment.input.until',
  requirements: 'assessment.input.requirements',
  met: 'assessment.input.met',
  gaps: 'assessment.input.gaps',
  profile: 'assessment.input.profile',
} as const;

const pct = (v: number | null) => (v === null ? t('assessment.nothingToMeasure') : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);
const text = (x: { zh: string; en: string }) => (lang.value === 'en' ? x.en : x.zh);

/** A depot's sheet in a round: computed items with the figures behind them, assessor items with a scoring form, the result and the sample. */
export function SheetPanel({ roundId, depotId, onScored, backHref }: { roundId: number; depotId: number; onScored: () => void; backHref: string }) {
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const load = () => {
    setProblem(null);
    getSheet(roundId, depotId).then(setSheet, (e) => setProblem(toProblem(e)));
  };
  useEffect(load, [roundId, depotId]);
  if (!sheet) return <ProblemMessage problem={problem} onRetry={load} />;
  const r = sheet.result;
  return (
    <section class="panel assessment-sheet" data-testid="sheet" data-depot={sheet.depot.code}>
      <p class="no-print">
        <a href={backHref}>← {t('assessment.ranking')}</a>
      </p>
      <h3>
        {sheet.depot.name} · {t(`assessment.tier.${sheet.tier}`)}
      </h3>
      <div class="toolbar no-print">
        <a class="button" href={formUrl(roundId, depotId, 'html', lang.value)} target="_blank" rel="noopener" data-testid="sheet-print">
          {t('assessment.print')}
        </a>
        <a class="button" href={formUrl(roundId, depotId, 'xlsx', lang.value)} data-testid="sheet-xlsx">
          XLSX
        </a>
      </div>
      {r ? (
        <dl class="assessment-result" data-testid="sheet-result">
          <div>
            <dt>{t('assessment.own')}</dt>
            <dd>{r.own.toFixed(2)}</dd>
          </div>
          {r.childMean !== null && (
            <div>
              <dt>{t('assessment.childMean')}</dt>
              <dd>{r.childMean.toFixed(2)}</dd>
            </div>
          )}
          <div>
            <dt>{t('assessment.total')}</dt>
            <dd class="strong" data-testid="sheet-total">
              {r.total.toFixed(2)}
            </dd>
          </div>
          <div>
            <dt>{t('assessment.rank')}</dt>
            <dd>{t('assessment.rankOf', { rank: r.rank, of: r.of })}</dd>
          </div>
          <div>
            <dt>{t('assessment.grade')}</dt>
            <dd>
              <span class={`grade grade-${r.grade}`}>{t(`assessment.grade.${r.grade}`)}</span>
              {!r.complete && <span class="muted small"> · {t('assessment.incomplete')}</span>}
            </dd>
          </div>
          {r.sample.length > 0 && (
            <div class="wide" data-testid="sheet-sample">
              <dt>{t('assessment.sample')}</dt>
              <dd>
                {r.sample.map((s) => `${s.name} ${s.total?.toFixed(2) ?? ''}`).join('、')} · {t('assessment.seed', { seed: r.sampleSeed ?? '' })}
              </dd>
            </div>
          )}
        </dl>
      ) : (
        <p class="empty">{t('assessment.notComputed')}</p>
      )}
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('assessment.items')}>
        <table class="data assessment-items">
          <thead>
            <tr>
              <th>{t('assessment.item')}</th>
              <th>{t('assessment.source')}</th>
              <th>{t('assessment.points')}</th>
              <th>{t('assessment.score')}</th>
              <th>{t('assessment.basis')}</th>
            </tr>
          </thead>
          <tbody>
            {sheet.items.map((i) => (
              <tr key={i.key} data-testid="sheet-item" data-item={i.key} data-source={i.source}>
                <td>{text(i.label)}</td>
                <td>{t(i.source === 'computed' ? 'assessment.computed' : 'assessment.assessor')}</td>
                <td class="decimal">{i.points}</td>
                <td class="decimal strong" data-testid="item-score">
                  {i.score === null ? '—' : i.score}
                </td>
                <td>{i.source === 'computed' ? <ComputedBasis item={i} /> : <AssessorCell item={i} sheet={sheet} roundId={roundId} onSaved={(s) => (setSheet(s), onScored())} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ComputedBasis({ item }: { item: SheetItem }) {
  if (item.inputs === null) return <span class="muted">{t('assessment.computedOnCompute')}</span>;
  return (
    <span class="small">
      <strong>{item.rule?.kind === 'done' && item.value !== null ? t(item.value >= 1 ? 'assessment.done' : 'assessment.notDone') : pct(item.value)}</strong> ·{' '}
      {Object.entries(item.inputs)
        .map(([k, v]) => `${k in INPUTS ? t(INPUTS[k as keyof typeof INPUTS]) : k} ${v}`)
        .join(' · ')}
    </span>
  );
}

function AssessorCell({ item, sheet, roundId, onSaved }: { item: SheetItem; sheet: Sheet; roundId: number; onSaved: (s: Sheet) => void }) {
  const [score, setScore] = useState(item.score === null ? '' : String(item.score));
  const [note, setNote] = useState(item.note ?? '');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const guidance = item.guidance ? <p class="muted small">{text(item.guidance)}</p> : null;
  if (!sheet.canScore) {
    return (
      <>
        {item.note && <span>{item.note}</span>}
        {item.scoredByName && <span class="muted small"> · {item.scoredByName}</span>}
        {guidance}
      </>
    );
  }
  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onSaved(await scoreItem(roundId, { depotId: sheet.depot.id, itemKey: item.key, score: Number(score), note: note.trim() || null }));
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="assessment-score-form" data-testid="score-form" onSubmit={(e) => void save(e)}>
      <input type="number" step="0.5" min={0} max={item.points} required aria-label={t('assessment.score')} data-testid="score-input" value={score} onInput={(e) => setScore(e.currentTarget.value)} />
      <input aria-label={t('assessment.note')} placeholder={t('assessment.note')} data-testid="score-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      <button class="button small primary" data-testid="score-save" disabled={busy}>
        {t('assessment.save')}
      </button>
      {item.scoredByName && <span class="muted small">{item.scoredByName}</span>}
      {guidance}
      <ProblemMessage problem={problem} testid="score-problem" />
    </form>
  );
}
