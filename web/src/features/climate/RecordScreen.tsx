import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type MonthlyRecord } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { t } from './i18n.ts';
import { currentMonth, formatC, formatLimits, formatRh } from './climate-format.ts';

type Row = MonthlyRecord['rows'][number];
type DayReading = Row['am'];

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Times on the form are the depots' clock times (the server lays the days out in its zone). */
function clockIn(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (ms: number) => format.format(ms);
}

/**
 * 库房温湿度记录表: the month on one A4 landscape sheet as the paper form has it, a row a day with
 * the morning and afternoon readings, the day's extremes, whether it went out of range, the
 * corrective actions and who recorded; signature lines below.
 */
export function RecordScreen({ areaId, month: asked }: { areaId: number; month: string | null }) {
  const month = asked && MONTH.test(asked) ? asked : currentMonth();
  const [record, setRecord] = useState<MonthlyRecord | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const load = () => {
    setProblem(null);
    api.monthlyRecord(areaId, month).then(setRecord, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setRecord(null);
    load();
  }, [areaId, month]);

  // Until the answer for this area and month comes, another month is not shown under its title.
  const shown = record && record.month === month && record.area.id === areaId ? record : null;
  return (
    <section class="climate-record" data-testid="climate-record" data-month={month} data-state={shown ? 'ready' : 'loading'}>
      <div class="toolbar no-print">
        <a class="button" href={paths.climateArea(areaId)} data-testid="record-back">
          ‹ {shown?.area.name ?? t('climate.area')}
        </a>
        <label class="field inline">
          <span>{t('climate.chart.month')}</span>
          <input type="month" data-testid="record-month" value={month} onChange={(e) => MONTH.test(e.currentTarget.value) && navigate(paths.climateRecord(areaId, e.currentTarget.value), { replace: true })} />
        </label>
        <button type="button" class="button primary" data-testid="record-print" disabled={!shown} onClick={() => window.print()}>
          {t('button.print')}
        </button>
      </div>
      <ProblemMessage problem={problem} onRetry={load} />
      {shown && <RecordSheet record={shown} />}
    </section>
  );
}

function RecordSheet({ record }: { record: MonthlyRecord }) {
  const clock = clockIn(record.timeZone);
  const [y, m] = record.month.split('-');
  return (
    <article class="record-sheet">
      <h1 class="record-title">{t('climate.recordTitle')}</h1>
      <p class="record-head" data-testid="record-head">
        <span>
          {t('climate.recordUnit')} {record.depot.name}
        </span>
        <span>
          {t('climate.recordArea')} {record.area.name}
        </span>
        <span>
          {t('climate.recordMonth')} {lang.value === 'en' ? record.month : `${y}年${Number(m)}月`}
        </span>
        <span>
          {t('climate.limits')} {formatLimits(record.limits)}
        </span>
      </p>
      <div class="table-wrap">
        <table class="data record-table" data-testid="record-table">
          <thead>
            <tr>
              <th rowSpan={2}>{t('climate.recordDate')}</th>
              <th colSpan={3}>{t('climate.morning')}</th>
              <th colSpan={3}>{t('climate.afternoon')}</th>
              <th colSpan={2}>{t('climate.recordTemperature')}</th>
              <th rowSpan={2}>{t('climate.recordMaxRh')}</th>
              <th rowSpan={2}>{t('climate.recordOutOfRange')}</th>
              <th rowSpan={2}>{t('climate.recordActions')}</th>
              <th rowSpan={2}>{t('climate.recordRecorder')}</th>
            </tr>
            <tr>
              <th>{t('climate.recordTime')}</th>
              <th>°C</th>
              <th>%</th>
              <th>{t('climate.recordTime')}</th>
              <th>°C</th>
              <th>%</th>
              <th>{t('climate.recordMin')}</th>
              <th>{t('climate.recordMax')}</th>
            </tr>
          </thead>
          <tbody>
            {record.rows.map((r) => (
              <tr key={r.date} class={r.outOfRange || r.missing ? 'row-out' : undefined} data-testid="record-row" data-date={r.date} data-readings={r.readings} data-out={String(r.outOfRange)}>
                <td class="num">{Number(r.date.slice(8))}</td>
                <ReadingCells reading={r.am} clock={clock} testid="record-am" />
                <ReadingCells reading={r.pm} clock={clock} testid="record-pm" />
                <td class="num" data-testid="record-min">{r.minC === null ? '' : formatC(r.minC)}</td>
                <td class="num" data-testid="record-max">{r.maxC === null ? '' : formatC(r.maxC)}</td>
                <td class="num">{r.maxRh === null ? '' : formatRh(r.maxRh)}</td>
                <td class="center" data-testid="record-out">{r.missing ? t('climate.recordMissing') : r.readings === 0 ? '' : t(r.outOfRange ? 'climate.yes' : 'climate.no')}</td>
                <td class="record-actions">{r.actions.join('；')}</td>
                <td>{r.recorders.join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="record-summary" data-testid="record-summary">
        {t('climate.recordSummary', { readings: record.readings, breaches: record.breaches, excursions: record.excursions.length })}
      </p>
      <table class="record-signatures">
        <tbody>
          <tr>
            <td>{t('climate.signKeeper')}: ________________</td>
            <td>{t('climate.signInspector')}: ________________</td>
            <td>{t('climate.signDate')}: ________________</td>
          </tr>
        </tbody>
      </table>
    </article>
  );
}

function ReadingCells({ reading, clock, testid }: { reading: DayReading; clock: (ms: number) => string; testid: string }) {
  if (!reading)
    return (
      <>
        <td data-testid={`${testid}-time`} />
        <td />
        <td />
      </>
    );
  return (
    <>
      <td class="num" data-testid={`${testid}-time`}>
        {clock(reading.takenAt)}
      </td>
      <td class="num" data-testid={`${testid}-c`}>
        {formatC(reading.temperatureC)}
      </td>
      <td class="num">{formatRh(reading.humidityPct)}</td>
    </>
  );
}
