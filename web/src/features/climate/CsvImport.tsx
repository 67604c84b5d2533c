import { useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type CsvImport as CsvImportInput, type CsvImportResult, type CsvPreview } from '../../api.ts';
import { has, t as translate } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { t } from './i18n.ts';
import { formatC, formatInstant, formatRh } from './climate-format.ts';
import { ExcursionKindTag } from './labels.tsx';

/** Zones a data logger may have been set to; Asia/Shanghai is China's (the server's default). */
const TIME_ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'UTC', 'Asia/Tokyo', 'Europe/London', 'America/New_York'] as const;
const DATE_ORDERS = ['auto', 'dmy', 'mdy'] as const;
const SHOWN_ERRORS = 50;

function layoutOf(preview: CsvPreview) {
  return { ...preview.layout, humidity: preview.layout.humidity ?? '' };
}

/** Chinese data loggers and spreadsheets often save GBK rather than UTF-8. */
function decode(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** A bad row's reason in words: its code's message (climate.csvError.* or error.*), else the server's text. */
function rowErrorText(e: { code: string; message: string }) {
  const key = [`climate.csvError.${e.code}`, `error.${e.code}`].find(has);
  return key ? translate(key) : e.message;
}

/**
 * A data logger's export: choose or paste the CSV, preview what the server reads (columns,
 * good rows, duplicates, bad rows by line number), then import the good rows.
 */
export function CsvImport({ areaId, onImported }: { areaId: number; onImported: () => void }) {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState('');
  const [timeZone, setTimeZone] = useState<string>('Asia/Shanghai');
  const [dateOrder, setDateOrder] = useState<(typeof DATE_ORDERS)[number]>('auto');
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [result, setResult] = useState<CsvImportResult | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const input = (): CsvImportInput => ({ csv, timeZone, dateOrder });
  const reset = () => {
    setPreview(null);
    setResult(null);
    setProblem(null);
  };

  async function run<T>(call: () => Promise<T>, done: (value: T) => void) {
    setBusy(true);
    setProblem(null);
    try {
      done(await call());
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  }

  async function choose(file: File | undefined) {
    reset();
    setFileName(file?.name ?? '');
    setCsv(file ? decode(await file.arrayBuffer()) : '');
  }

  return (
    <section class="panel csv-import no-print" data-testid="csv-import">
      <h2>{t('climate.csvImport')}</h2>
      <p class="hint">{t('climate.csvHint')}</p>
      <div class="inline-form">
        <label>
          {t('climate.csvFile')}
          <input type="file" accept=".csv,.txt,text/csv,text/plain" data-testid="csv-file" onChange={(e) => void choose(e.currentTarget.files?.[0])} />
        </label>
        <label>
          {t('climate.timeZone')}
          <select
            data-testid="csv-time-zone"
            value={timeZone}
            onChange={(e) => {
              setTimeZone(e.currentTarget.value);
              reset();
            }}
          >
            {TIME_ZONES.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('climate.dateOrder')}
          <select
            data-testid="csv-date-order"
            value={dateOrder}
            onChange={(e) => {
              setDateOrder(e.currentTarget.value as (typeof DATE_ORDERS)[number]);
              reset();
            }}
          >
            {DATE_ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(`climate.dateOrder.${o}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <details class="csv-paste" open={csv !== '' && fileName === ''}>
        <summary>{t('climate.csvPaste')}</summary>
        <textarea
          data-testid="csv-text"
          rows={6}
          spellcheck={false}
          placeholder={t('climate.csvPlaceholder')}
          value={csv}
          onInput={(e) => {
            reset();
            setFileName('');
            setCsv(e.currentTarget.value);
          }}
        />
      </details>
      <div class="actions">
        <button
          type="button"
          class="button"
          data-testid="csv-preview"
          disabled={busy || csv.trim() === ''}
          onClick={() =>
            void run(
              () => api.previewCsv(areaId, input()),
              (p) => {
                setPreview(p);
                setResult(null);
              },
            )
          }
        >
          {t('climate.preview')}
        </button>
        <button
          type="button"
          class="button primary"
          data-testid="csv-import-confirm"
          disabled={busy || !preview || preview.importable === 0}
          onClick={() =>
            void run(
              () => api.importCsv(areaId, input()),
              (r) => {
                setResult(r);
                setPreview(null);
                onImported();
              },
            )
          }
        >
          {t('climate.confirmImport')}
        </button>
      </div>
      <ProblemMessage problem={problem} testid="csv-problem" />
      {preview && <PreviewView preview={preview} />}
      {result && (
        <div class="notice" role="status" data-testid="csv-result" data-imported={result.imported}>
          {t('climate.importResult', { imported: result.imported, duplicates: result.duplicates, errors: result.errors.length })}
          {result.excursions.length > 0 && (
            <span class="csv-result-excursions">
              {' '}
              {t('climate.importExcursions')}{' '}
              {result.excursions.map((x) => (
                <ExcursionKindTag key={x.id} kind={x.kind} />
              ))}
            </span>
          )}
        </div>
      )}
    </section>
  );
}

function PreviewView({ preview }: { preview: CsvPreview }) {
  const layout = layoutOf(preview);
  return (
    <div class="csv-preview" data-testid="csv-preview-result" data-importable={preview.importable} data-errors={preview.errors.length}>
      <dl class="facts csv-facts">
        <div>
          <dt>{t('climate.csvColumns')}</dt>
          <dd data-testid="csv-columns">
            {t('climate.csvColumnTime')} <span class="colname">{layout.timestamp.join(' + ')}</span> · {t('climate.temperature')} <span class="colname">{layout.temperature}</span>
            {layout.fahrenheit && ` (°F → °C)`} · {t('climate.humidity')} {layout.humidity ? <span class="colname">{layout.humidity}</span> : '—'}
          </dd>
        </div>
        <div>
          <dt>{t('climate.csvHeaderLine')}</dt>
          <dd>
            {layout.headerLine ?? '—'} · {layout.timeZone}
          </dd>
        </div>
        <div>
          <dt>{t('climate.csvCounts')}</dt>
          <dd data-testid="csv-counts">{t('climate.csvCountsText', { importable: preview.importable, duplicates: preview.duplicates, errors: preview.errors.length })}</dd>
        </div>
        {preview.from !== null && preview.to !== null && (
          <div>
            <dt>{t('climate.csvSpan')}</dt>
            <dd>
              {formatInstant(preview.from)} – {formatInstant(preview.to)}
            </dd>
          </div>
        )}
      </dl>
      {preview.sample.length > 0 && (
        <table class="data csv-sample" data-testid="csv-sample">
          <caption>{t('climate.csvSample')}</caption>
          <thead>
            <tr>
              <th class="num">{t('climate.line')}</th>
              <th>{t('climate.readingTime')}</th>
              <th class="num">°C</th>
              <th class="num">%</th>
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((r) => (
              <tr key={r.line}>
                <td class="num">{r.line}</td>
                <td class="nowrap">{formatInstant(r.takenAt)}</td>
                <td class="num">{formatC(r.temperatureC)}</td>
                <td class="num">{formatRh(r.humidityPct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {preview.errors.length > 0 && (
        <table class="data csv-errors" data-testid="csv-errors">
          <caption>{t('climate.csvBadRows', { count: preview.errors.length })}</caption>
          <thead>
            <tr>
              <th class="num">{t('climate.line')}</th>
              <th>{t('climate.problem')}</th>
              <th>{t('climate.rawLine')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.errors.slice(0, SHOWN_ERRORS).map((e) => (
              <tr key={`${e.line}-${e.code}`} data-testid="csv-error-row" data-line={e.line} data-code={e.code}>
                <td class="num">{e.line}</td>
                <td>{rowErrorText(e)}</td>
                <td>
                  <code class="raw">{e.raw}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
