import { useEffect, useState } from 'preact/hooks';
import * as api from './planning-api.ts';
import { toProblem, type ApiProblem } from '../../api.ts';
import type { UsageFigures } from './planning-api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDateTime, formatQuantity, wallClock } from '../../components/format.ts';
import { t } from './i18n.ts';
import { entersUsersAt } from './access.ts';
import { halfOf, METHODS, parseQuantity } from './plan-format.ts';

type Method = (typeof METHODS)[number];

/**
 * A township's users by method for a half-year (使用人数, the township is where the plan starts):
 * the figures it enters, next to the figures derived from its and its villages' dispensing
 * records, which "use derived" copies into the form. The newest half-year feeds the demand plan.
 */
export function UsageSection({ depotId }: { depotId: number }) {
  const now = Date.now();
  const thisYear = wallClock(now)!.year;
  const [year, setYear] = useState(thisYear);
  const [half, setHalf] = useState<1 | 2>(halfOf(now));
  const [figures, setFigures] = useState<UsageFigures | null>(null);
  const [form, setForm] = useState<Partial<Record<Method, string>>>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [invalid, setInvalid] = useState<ReadonlySet<Method>>(new Set());
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const adopt = (f: UsageFigures) => {
    setFigures(f);
    setForm(Object.fromEntries(f.entered.map((e) => [e.method, String(e.users)])));
    setInvalid(new Set());
  };
  const load = () => {
    setProblem(null);
    api.usageFigures(depotId, year, half).then(adopt, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setFigures(null);
    setSaved(false);
    load();
  }, [depotId, year, half]);

  const mayEnter = entersUsersAt(depotId);
  const derived = new Map((figures?.derived ?? []).map((d) => [d.method, d.users]));
  const entered = new Map((figures?.entered ?? []).map((e) => [e.method, e]));

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const wrong = new Set<Method>();
    const rows: { method: Method; users: number }[] = [];
    for (const m of METHODS) {
      const text = form[m]?.trim() ?? '';
      if (text === '') continue;
      const users = parseQuantity(text);
      if (users === null) wrong.add(m);
      else rows.push({ method: m, users });
    }
    setInvalid(wrong);
    if (wrong.size > 0 || rows.length === 0) return;
    setBusy(true);
    setProblem(null);
    try {
      adopt(await api.recordUsageFigures(depotId, { year, half, figures: rows }));
      setSaved(true);
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const nothing = METHODS.every((m) => (form[m]?.trim() ?? '') === '');
  return (
    <section class="panel plan-panel" data-testid="usage-section" data-state={figures ? 'ready' : 'loading'}>
      <div class="panel-head">
        <h2>{t('plan.usageTitle')}</h2>
        <div class="plan-period">
          <label class="field inline">
            <span>{t('plan.calendarYear')}</span>
            <select data-testid="usage-year" value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))}>
              {[thisYear - 1, thisYear].map((y) => (
                <option key={y} value={String(y)}>
                  {t('plan.calendarYearOption', { year: y })}
                </option>
              ))}
            </select>
          </label>
          <label class="field inline">
            <span>{t('plan.half')}</span>
            <select data-testid="usage-half" value={String(half)} onChange={(e) => setHalf(e.currentTarget.value === '1' ? 1 : 2)}>
              <option value="1">{t('plan.half1')}</option>
              <option value="2">{t('plan.half2')}</option>
            </select>
          </label>
        </div>
      </div>
      <p class="muted plan-hint">{t('plan.usageHint')}</p>
      <ProblemMessage problem={problem} onRetry={load} />
      {figures && (
        <form onSubmit={(e) => void save(e)} data-testid="usage-form">
          <div class="table-wrap">
            <table class="data plan-usage">
              <thead>
                <tr>
                  <th>{t('plan.method')}</th>
                  <th class="num">{t('plan.usersEntered')}</th>
                  <th class="num">{t('plan.usersDerived')}</th>
                  <th>{t('plan.recordedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {METHODS.map((m) => (
                  <tr key={m} data-testid="usage-row" data-method={m}>
                    <td>{t(`productClass.${m}`)}</td>
                    <td class="num">
                      {mayEnter ? (
                        <>
                          <input
                            class={`plan-qty${invalid.has(m) ? ' invalid' : ''}`}
                            inputMode="numeric"
                            data-testid="usage-input"
                            aria-label={t('plan.usersOf', { method: t(`productClass.${m}`) })}
                            aria-invalid={invalid.has(m) || undefined}
                            aria-describedby={invalid.has(m) ? `usage-error-${m}` : undefined}
                            value={form[m] ?? ''}
                            onInput={(e) => {
                              setSaved(false);
                              setForm({ ...form, [m]: e.currentTarget.value });
                            }}
                          />
                          {invalid.has(m) && (
                            <p class="field-error" id={`usage-error-${m}`}>
                              {t('plan.wholeNumber')}
                            </p>
                          )}
                        </>
                      ) : (
                        (entered.get(m)?.users ?? '—')
                      )}
                    </td>
                    <td class="num" data-testid="usage-derived">
                      {derived.has(m) ? formatQuantity(derived.get(m)!) : '—'}
                    </td>
                    <td class="muted nowrap">{entered.get(m) ? formatDateTime(entered.get(m)!.recordedAt) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {mayEnter && (
            <div class="actions plan-actions">
              <button
                type="button"
                class="button"
                data-testid="usage-use-derived"
                disabled={derived.size === 0}
                title={derived.size === 0 ? t('plan.noDerived') : undefined}
                onClick={() => {
                  setSaved(false);
                  setForm({ ...form, ...Object.fromEntries([...derived].map(([m, users]) => [m, String(users)])) });
                }}
              >
                {t('plan.useDerived')}
              </button>
              <button class="button primary" data-testid="usage-save" disabled={busy || nothing}>
                {t('button.save')}
              </button>
              {saved && (
                <span class="notice plan-saved" role="status" data-testid="usage-saved">
                  {t('plan.usageSaved')}
                </span>
              )}
            </div>
          )}
          {derived.size === 0 && <p class="muted">{t('plan.noDerived')}</p>}
        </form>
      )}
    </section>
  );
}
