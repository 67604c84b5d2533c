import { useRef, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type ClimateSensor, type StorageArea } from '../../api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDateTime } from '../../components/format.ts';
import { t } from './i18n.ts';

type Created = ClimateSensor & { token: string };

/**
 * Networked sensors post readings with their own token. The token is shown once, when the
 * sensor is added (the server keeps only its hash); a lost token means a new sensor.
 */
export function SensorsPanel({ area, keeper, onChanged }: { area: StorageArea; keeper: boolean; onChanged: () => void }) {
  const [name, setName] = useState('');
  const [created, setCreated] = useState<Created | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function add(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      setCreated(await api.addSensor(area.id, name.trim()));
      setName('');
      onChanged();
    } catch (err) {
      setProblem(toProblem(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel sensors no-print" data-testid="sensors">
      <h2>{t('climate.sensors')}</h2>
      {created && <TokenOnce sensor={created} onClose={() => setCreated(null)} />}
      <div class="table-wrap">
        <table class="data" data-testid="sensor-table">
          <thead>
            <tr>
              <th>{t('climate.sensorName')}</th>
              <th>{t('climate.tokenHint')}</th>
              <th>{t('climate.lastSeen')}</th>
              <th>{t('label.status')}</th>
              {keeper && <th />}
            </tr>
          </thead>
          <tbody>
            {area.sensors.map((s) => (
              <SensorRow key={s.id} sensor={s} keeper={keeper} onRevoked={onChanged} />
            ))}
            {area.sensors.length === 0 && (
              <tr>
                <td colSpan={keeper ? 5 : 4} class="empty">
                  {t('climate.noSensors')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {keeper && (
        <form class="inline-form" data-testid="sensor-form" onSubmit={(e) => void add(e)}>
          <label>
            {t('climate.sensorName')}
            <input data-testid="sensor-name" required maxLength={60} placeholder={t('climate.sensorNameHint')} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <button class="button" data-testid="sensor-add" disabled={busy || !name.trim()}>
            {t('climate.addSensor')}
          </button>
        </form>
      )}
      <ProblemMessage problem={problem} testid="sensor-problem" />
    </section>
  );
}

function TokenOnce({ sensor, onClose }: { sensor: Created; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  const code = useRef<HTMLElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(sensor.token);
      setCopied(true);
    } catch {
      // no clipboard (plain http): the token is selected for copying by hand
      if (code.current) document.getSelection()?.selectAllChildren(code.current);
    }
  };
  return (
    <div class="token-once notice attention" data-testid="sensor-created" role="alert">
      <p>
        <strong>{t('climate.tokenOnceTitle', { name: sensor.name })}</strong> {t('climate.tokenOnceWarning')}
      </p>
      <div class="token-line">
        <code ref={code} data-testid="sensor-token">{sensor.token}</code>
        <button type="button" class="button small" data-testid="sensor-token-copy" onClick={() => void copy()}>
          {t(copied ? 'climate.copied' : 'climate.copy')}
        </button>
        <button type="button" class="button small" data-testid="sensor-token-close" onClick={onClose}>
          {t('climate.tokenSaved')}
        </button>
      </div>
      <p class="hint">{t('climate.tokenUsage')}</p>
    </div>
  );
}

function SensorRow({ sensor: s, keeper, onRevoked }: { sensor: ClimateSensor; keeper: boolean; onRevoked: () => void }) {
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const revoke = async () => {
    setProblem(null);
    try {
      await api.revokeSensor(s.id);
      setAsking(false);
      onRevoked();
    } catch (e) {
      setProblem(toProblem(e));
    }
  };
  return (
    <tr class={s.revokedAt ? 'inactive' : undefined} data-testid="sensor-row" data-name={s.name} data-revoked={String(s.revokedAt !== null)}>
      <td>{s.name}</td>
      <td>
        <code>…{s.tokenHint}</code>
      </td>
      <td class="nowrap">{s.lastSeenAt ? formatDateTime(s.lastSeenAt) : t('climate.neverSeen')}</td>
      <td>{s.revokedAt ? <span class="status inactive">{t('climate.revokedAt', { time: formatDateTime(s.revokedAt) })}</span> : <span class="status active">{t('label.active')}</span>}</td>
      {keeper && (
        <td class="nowrap">
          {!s.revokedAt && !asking && (
            <button type="button" class="button small danger-outline" data-testid="sensor-revoke" onClick={() => setAsking(true)}>
              {t('climate.revoke')}
            </button>
          )}
          {asking && (
            <span class="confirm">
              {t('climate.confirmRevoke', { name: s.name })}
              <button type="button" class="button small danger" data-testid="sensor-revoke-confirm" onClick={() => void revoke()}>
                {t('climate.revoke')}
              </button>
              <button type="button" class="button small" onClick={() => setAsking(false)}>
                {t('button.cancel')}
              </button>
            </span>
          )}
          <ProblemMessage problem={problem} />
        </td>
      )}
    </tr>
  );
}
