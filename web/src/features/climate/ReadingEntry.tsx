import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type StorageArea } from '../../api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { invalidProps, useFieldIds } from '../../components/FieldError.tsx';
import { lang } from '../../i18n/index.ts';
import { t } from './i18n.ts';
import { formatC, formatRh, formatTime, isoWithOffset, localInputValue, outOfLimits, parseDecimal } from './climate-format.ts';

type Saved = { tone: 'ok' | 'warn'; text: string };

/**
 * The twice-daily round, typed fast: time (now unless changed), temperature, humidity, Enter.
 * After saving, the cursor is back in the temperature field for the next one; a time the user
 * changed stays, for typing in several past readings.
 */
export function ReadingEntry({ area, onSaved }: { area: StorageArea; onSaved: () => void }) {
  const [time, setTime] = useState(() => localInputValue(new Date()));
  const [timeChanged, setTimeChanged] = useState(false);
  const [temperature, setTemperature] = useState('');
  const [humidity, setHumidity] = useState('');
  const [invalid, setInvalid] = useState<'temperature' | 'humidity' | 'time' | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const temperatureInput = useRef<HTMLInputElement>(null);
  const ids = useFieldIds();

  useEffect(() => {
    temperatureInput.current?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    if (timeChanged) return;
    const timer = setInterval(() => setTime(localInputValue(new Date())), 20_000);
    return () => clearInterval(timer);
  }, [timeChanged]);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    const temperatureC = parseDecimal(temperature);
    const humidityPct = humidity.trim() === '' ? null : parseDecimal(humidity);
    const takenAt = isoWithOffset(timeChanged ? time : localInputValue(new Date()));
    const wrong = temperatureC === null ? 'temperature' : humidity.trim() !== '' && humidityPct === null ? 'humidity' : takenAt === null ? 'time' : null;
    setInvalid(wrong);
    setProblem(null);
    if (wrong || temperatureC === null || takenAt === null) {
      temperatureInput.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await api.recordReading(area.id, { takenAt, temperatureC, humidityPct });
      const at = formatTime(Date.parse(takenAt));
      const values = `${formatC(temperatureC)} °C${humidityPct === null ? '' : ` · ${formatRh(humidityPct)} %`}`;
      const kinds = [...new Set(result.excursions.filter((x) => x.kind !== 'gap').map((x) => t(`excursionKind.${x.kind}`)))].join(lang.value === 'en' ? ', ' : '、');
      if (result.added === 0) setSaved({ tone: 'warn', text: t('climate.readingDuplicate', { time: at }) });
      else if (outOfLimits({ temperatureC, humidityPct }, area.limits)) setSaved({ tone: 'warn', text: t('climate.readingSavedExcursion', { time: at, values, kinds: kinds || '—' }) });
      // A reading within limits that still touched an excursion has ended it.
      else if (result.excursions.length > 0) setSaved({ tone: 'ok', text: t('climate.readingSavedBack', { time: at, values }) });
      else setSaved({ tone: 'ok', text: t('climate.readingSaved', { time: at, values }) });
      setTemperature('');
      setHumidity('');
      if (!timeChanged) setTime(localInputValue(new Date()));
      onSaved();
    } catch (err) {
      setSaved(null);
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
      temperatureInput.current?.focus();
    }
  }

  return (
    <form class="panel reading-entry no-print" data-testid="reading-entry" onSubmit={(e) => void submit(e)}>
      <h2>{t('climate.recordReading')}</h2>
      <div class="reading-fields">
        <label class={`field${invalid === 'time' ? ' invalid' : ''}`}>
          <span>{t('climate.readingTime')}</span>
          <input
            type="datetime-local"
            data-testid="reading-time"
            {...invalidProps(ids('message'), invalid === 'time')}
            value={time}
            onInput={(e) => {
              setTime(e.currentTarget.value);
              setTimeChanged(true);
            }}
          />
        </label>
        <label class={`field big${invalid === 'temperature' ? ' invalid' : ''}`}>
          <span>{t('climate.temperature')} (°C)</span>
          <input
            ref={temperatureInput}
            data-testid="reading-temperature"
            inputMode="decimal"
            autoComplete="off"
            required
            {...invalidProps(ids('message'), invalid === 'temperature')}
            value={temperature}
            onInput={(e) => setTemperature(e.currentTarget.value)}
          />
        </label>
        <label class={`field big${invalid === 'humidity' ? ' invalid' : ''}`}>
          <span>{t('climate.humidity')} (%)</span>
          <input
            data-testid="reading-humidity"
            inputMode="decimal"
            autoComplete="off"
            {...invalidProps(ids('message'), invalid === 'humidity')}
            value={humidity}
            onInput={(e) => setHumidity(e.currentTarget.value)}
          />
        </label>
        <button class="button primary big" data-testid="reading-submit" disabled={busy}>
          {t('button.save')}
        </button>
      </div>
      {timeChanged && (
        <button
          type="button"
          class="button small"
          data-testid="reading-time-now"
          onClick={() => {
            setTimeChanged(false);
            setTime(localInputValue(new Date()));
          }}
        >
          {t('climate.timeNow')}
        </button>
      )}
      <p class={`saved-line ${saved?.tone ?? ''}`} role="status" id={ids('message')} data-testid="reading-saved" data-tone={saved?.tone}>
        {invalid ? t(`climate.invalid.${invalid}`) : (saved?.text ?? t('climate.readingHint', { limits: `${area.limits.minC}–${area.limits.maxC} °C` }))}
      </p>
      <ProblemMessage problem={problem} testid="reading-problem" />
    </form>
  );
}
