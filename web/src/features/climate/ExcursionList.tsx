import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type Excursion, type ExcursionDetail } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { usePanelFocus } from '../../components/focus.ts';
import { formatDateTime } from '../../components/format.ts';
import { t } from './i18n.ts';
import { formatMinutes, formatShortInstant } from './climate-format.ts';
import { ExcursionKindTag, ExcursionState, extremeText } from './labels.tsx';

/** Open ones first (the ones to act on), then newest first as the server sends them. */
const openFirst = (items: readonly Excursion[]) => [...items].sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'));

/**
 * An area's excursions and missing logs. A row opens the batches that stood in the area
 * meanwhile (each now needs a pre-issue inspection); "登记处理" records the corrective action,
 * or closes a missing log as a sensor fault.
 */
export function ExcursionList({ areaId, keeper, version, onChanged }: { areaId: number; keeper: boolean; version: number; onChanged: () => void }) {
  const [items, setItems] = useState<Excursion[] | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [opened, setOpened] = useState<number | null>(null);
  const [acknowledging, setAcknowledging] = useState<number | null>(null);
  const load = () => {
    setProblem(null);
    api.areaExcursions(areaId).then(
      (r) => setItems(openFirst(r.items)),
      (e) => setProblem(toProblem(e)),
    );
  };
  useEffect(load, [areaId, version]);

  const open = items?.filter((e) => e.status === 'open').length ?? 0;
  return (
    <section class="panel excursions" data-testid="excursions" data-open={open}>
      <h2>
        {t('climate.excursions')} {open > 0 && <span class="tag excursion-temperature_high">{t('climate.openCount', { count: open })}</span>}
      </h2>
      <ProblemMessage problem={problem} onRetry={load} />
      <div class="table-wrap">
        <table class="data" data-testid="excursion-table">
          <thead>
            <tr>
              <th>{t('climate.kind')}</th>
              <th>{t('climate.start')}</th>
              <th>{t('climate.end')}</th>
              <th>{t('climate.duration')}</th>
              <th class="num">{t('climate.extreme')}</th>
              <th>{t('label.status')}</th>
            </tr>
          </thead>
          <tbody>
            {(items ?? []).map((e) => (
              <Fragment key={e.id}>
                <tr
                  class={`clickable${e.status === 'open' ? ' row-attention' : ''}`}
                  data-testid="excursion-row"
                  data-kind={e.kind}
                  data-status={e.status}
                  onClick={() => setOpened(opened === e.id ? null : e.id)}
                >
                  <td class="nowrap">
                    <button
                      type="button"
                      class="row-toggle"
                      data-testid="excursion-open"
                      aria-expanded={opened === e.id}
                      aria-label={t('climate.exposuresOf', { kind: t(`excursionKind.${e.kind}`) })}
                      onClick={(ev) => {
                        ev.stopPropagation();
                        setOpened(opened === e.id ? null : e.id);
                      }}
                    >
                      <span aria-hidden="true">{opened === e.id ? '▾' : '▸'}</span> <ExcursionKindTag kind={e.kind} />
                    </button>
                  </td>
                  <td class="nowrap">{formatShortInstant(e.startAt)}</td>
                  <td class="nowrap">{e.endAt === null ? <strong class="ongoing">{t('label.ongoing')}</strong> : formatShortInstant(e.endAt)}</td>
                  <td class="nowrap">{formatMinutes(e.minutes)}</td>
                  <td class="num">{extremeText(e)}</td>
                  <td>
                    <div class="excursion-status">
                      <ExcursionState excursion={e} />
                      {e.action && (
                        <span class="excursion-action" data-testid="excursion-action">
                          {e.action}
                          {e.acknowledgedBy && (
                            <span class="muted">
                              {' '}
                              · {e.acknowledgedBy} {e.acknowledgedAt ? formatDateTime(e.acknowledgedAt) : ''}
                            </span>
                          )}
                        </span>
                      )}
                      {keeper && e.status === 'open' && acknowledging !== e.id && (
                        // The server refuses an excursion still going on; a missing log may be closed meanwhile (a broken sensor).
                        <button
                          type="button"
                          class="button small"
                          data-testid="excursion-acknowledge"
                          disabled={e.kind !== 'gap' && e.endAt === null}
                          title={e.kind !== 'gap' && e.endAt === null ? t('error.excursion_ongoing') : undefined}
                          onClick={(ev) => {
                            ev.stopPropagation();
                            setAcknowledging(e.id);
                          }}
                        >
                          {t('climate.acknowledge')}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
                {acknowledging === e.id && (
                  <tr class="detail-row">
                    <td colSpan={6}>
                      <AcknowledgeForm
                        excursion={e}
                        onDone={() => {
                          setAcknowledging(null);
                          onChanged();
                        }}
                        onCancel={() => setAcknowledging(null)}
                      />
                    </td>
                  </tr>
                )}
                {opened === e.id && (
                  <tr class="detail-row">
                    <td colSpan={6}>
                      <Exposures excursionId={e.id} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
            {items && items.length === 0 && (
              <tr>
                <td colSpan={6} class="empty">
                  {t('climate.noExcursions')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AcknowledgeForm({ excursion, onDone, onCancel }: { excursion: Excursion; onDone: () => void; onCancel: () => void }) {
  const [action, setAction] = useState('');
  const [sensorFault, setSensorFault] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const panel = usePanelFocus<HTMLFormElement>();

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await api.acknowledgeExcursion(excursion.id, { action: action.trim(), resolution: sensorFault ? 'sensor_fault' : 'corrective_action' });
      onDone();
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  }

  return (
    <form class="acknowledge-form" data-testid="acknowledge-form" onSubmit={(e) => void submit(e)} ref={panel}>
      <label class="field">
        <span>{t(excursion.kind === 'gap' ? 'climate.gapAction' : 'climate.correctiveAction')}</span>
        <textarea data-testid="acknowledge-action" rows={2} minLength={2} maxLength={500} required value={action} onInput={(e) => setAction(e.currentTarget.value)} />
      </label>
      {excursion.kind === 'gap' && (
        <label class="check">
          <input type="checkbox" data-testid="acknowledge-sensor-fault" checked={sensorFault} onChange={(e) => setSensorFault(e.currentTarget.checked)} />
          {t('climate.resolution.sensor_fault')}
        </label>
      )}
      <ProblemMessage problem={problem} testid="acknowledge-problem" />
      <div class="actions">
        <button class="button primary" data-testid="acknowledge-submit" disabled={busy || action.trim().length < 2}>
          {t('climate.acknowledgeConfirm')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('button.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The batches that stood in the area during an excursion: each must pass a pre-issue inspection. */
function Exposures({ excursionId }: { excursionId: number }) {
  const [detail, setDetail] = useState<ExcursionDetail | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  useEffect(() => {
    api.excursion(excursionId).then(setDetail, (e) => setProblem(toProblem(e)));
  }, [excursionId]);

  if (!detail) return problem ? <ProblemMessage problem={problem} /> : <p class="note">{t('label.loading')}</p>;
  if (detail.exposures.length === 0)
    return (
      <p class="note" data-testid="exposures-none">
        {t('climate.noExposures')}
      </p>
    );
  return (
    <div class="exposures" data-testid="exposures">
      <p class="notice attention">{t('climate.exposuresNote')}</p>
      <table class="data">
        <thead>
          <tr>
            <th>{t('label.product')}</th>
            <th>{t('label.lot')}</th>
            <th>{t('label.expiresOn')}</th>
            <th class="num">{t('climate.exposedMinutes')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.exposures.map((x) => (
            <tr key={x.batchId} data-testid="exposure-row" data-lot={x.lot}>
              <td>
                {lang.value === 'en' ? x.productNameEn : x.productNameZh} <span class="muted code">{x.productCode}</span>
              </td>
              <td class="nowrap">{x.lot}</td>
              <td class="nowrap">{x.expiresOn}</td>
              <td class="num">{formatMinutes(x.minutes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
