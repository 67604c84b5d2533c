import { useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type StorageArea } from '../../api.ts';
import { STORAGE_ZONES, type StorageZone } from '../../../../server/schemas/constants.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { FieldError, invalidProps, useFieldIds } from '../../components/FieldError.tsx';
import { usePanelFocus } from '../../components/focus.ts';
import { ZoneBadge } from '../../components/ZoneBadge.tsx';
import { t } from './i18n.ts';
import { parseDecimal } from './climate-format.ts';
import { AREA_KINDS } from './labels.tsx';

type Kind = StorageArea['kind'];

interface Draft {
  name: string;
  kind: Kind;
  minC: string;
  maxC: string;
  maxRh: string;
  interval: string;
  zones: readonly StorageZone[];
  active: boolean;
}

const isZone = (zone: string): zone is StorageZone => (STORAGE_ZONES as readonly string[]).includes(zone);

const draftOf = (area?: StorageArea): Draft => ({
  name: area?.name ?? '',
  kind: area?.kind ?? 'room',
  minC: area ? String(area.minC) : '',
  maxC: area ? String(area.maxC) : '',
  maxRh: area ? String(area.maxRh) : '',
  interval: area ? String(area.expectedIntervalMinutes) : '',
  zones: area ? area.zones.filter(isZone) : STORAGE_ZONES,
  active: area?.active ?? true,
});

/** A number typed into an optional field: left out when empty (the server's default applies). */
function optional(text: string): number | undefined | 'invalid' {
  if (text.trim() === '') return undefined;
  return parseDecimal(text) ?? 'invalid';
}

/**
 * A new storage area (name, kind, optional limits and expected interval: the server defaults
 * to 5-25 °C, RH below 65 %, a reading a day), or the settings of an existing one with whether
 * it is in use.
 */
export function AreaForm({ depotId, area, onSaved, onCancel }: { depotId: number; area?: StorageArea; onSaved: (area: StorageArea) => void; onCancel?: () => void }) {
  const [draft, setDraft] = useState(() => draftOf(area));
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const ids = useFieldIds();
  // A new area opens as a panel from its button; an area's settings are part of its screen.
  const panel = usePanelFocus<HTMLFormElement>(!area);
  const change = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setSaved(false);
  };

  async function submit(e: Event) {
    e.preventDefault();
    const numbers = { minC: optional(draft.minC), maxC: optional(draft.maxC), maxRh: optional(draft.maxRh), expectedIntervalMinutes: optional(draft.interval) };
    const bad = Object.entries(numbers).filter(([, v]) => v === 'invalid' || (typeof v === 'number' && !Number.isFinite(v)));
    if (bad.length > 0 || draft.zones.length === 0) {
      setInvalid(new Set([...bad.map(([k]) => k), ...(draft.zones.length === 0 ? ['zones'] : [])]));
      return;
    }
    const values = Object.fromEntries(Object.entries(numbers).filter(([, v]) => v !== undefined)) as Partial<Record<keyof typeof numbers, number>>;
    setBusy(true);
    setProblem(null);
    setInvalid(new Set());
    try {
      const input = { name: draft.name.trim(), kind: draft.kind, zones: [...draft.zones], ...values };
      const result = area ? await api.updateStorageArea(area.id, { ...input, active: draft.active }) : await api.createStorageArea(depotId, input);
      setSaved(true);
      onSaved(result);
    } catch (err) {
      const p = toProblem(err);
      setProblem(p);
      setInvalid(new Set(p.errors.map((f) => f.path.split('.')[0] ?? '')));
    } finally {
      setBusy(false);
    }
  }

  /** A field the server refused is described by the problem shown under the form; one that is not a number, by its own message. */
  const fromServer = (key: string) => problem?.errors.some((f) => f.path.split('.')[0] === key) ?? false;
  const field = (key: 'minC' | 'maxC' | 'maxRh' | 'expectedIntervalMinutes', draftKey: 'minC' | 'maxC' | 'maxRh' | 'interval', label: string, placeholder: string) => (
    <label class={`field${invalid.has(key) ? ' invalid' : ''}`}>
      <span>{label}</span>
      <input
        data-testid={`area-${key}`}
        inputMode="decimal"
        placeholder={placeholder}
        value={draft[draftKey]}
        {...invalidProps(fromServer(key) ? ids('problem') : ids(key), invalid.has(key))}
        onInput={(e) => change({ [draftKey]: e.currentTarget.value })}
      />
      {invalid.has(key) && !fromServer(key) && <FieldError id={ids(key)}>{t('climate.invalid.number')}</FieldError>}
    </label>
  );

  return (
    <form class="panel area-form" data-testid={area ? 'area-settings' : 'area-form'} onSubmit={(e) => void submit(e)} ref={panel}>
      <h2>{t(area ? 'climate.areaSettings' : 'climate.newArea')}</h2>
      <div class="form-grid">
        <label class={`field${invalid.has('name') ? ' invalid' : ''}`}>
          <span>{t('climate.areaName')}</span>
          <input data-testid="area-name" required maxLength={60} {...invalidProps(ids('problem'), invalid.has('name'))} placeholder={t('climate.areaNameHint')} value={draft.name} onInput={(e) => change({ name: e.currentTarget.value })} />
        </label>
        <label class="field">
          <span>{t('climate.areaKind')}</span>
          <select data-testid="area-kind" value={draft.kind} onChange={(e) => change({ kind: e.currentTarget.value as Kind })}>
            {AREA_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`areaKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {field('minC', 'minC', t('climate.minC'), '5')}
        {field('maxC', 'maxC', t('climate.maxC'), '25')}
        {field('maxRh', 'maxRh', t('climate.maxRh'), '65')}
        {field('expectedIntervalMinutes', 'interval', t('climate.expectedInterval'), '1440')}
      </div>
      <fieldset class={`area-zones${invalid.has('zones') ? ' invalid' : ''}`} data-testid="area-zones" aria-describedby={invalid.has('zones') ? ids('zones') : undefined}>
        <legend>{t('climate.areaZones')}</legend>
        {STORAGE_ZONES.map((zone) => (
          <label key={zone} class="check">
            <input
              type="checkbox"
              data-testid={`area-zone-${zone}`}
              checked={draft.zones.includes(zone)}
              onChange={(e) => change({ zones: STORAGE_ZONES.filter((z) => (z === zone ? e.currentTarget.checked : draft.zones.includes(z))) })}
            />
            <ZoneBadge zone={zone} />
          </label>
        ))}
        <span class="hint">{t('climate.areaZonesHint')}</span>
        {invalid.has('zones') && <FieldError id={ids('zones')}>{t('climate.invalid.zones')}</FieldError>}
      </fieldset>
      <p class="hint">{t(area ? 'climate.limitsHintEdit' : 'climate.limitsHint')}</p>
      {area && (
        <label class="check">
          <input type="checkbox" data-testid="area-active" checked={draft.active} onChange={(e) => change({ active: e.currentTarget.checked })} />
          {t('climate.areaInUse')}
        </label>
      )}
      <ProblemMessage problem={problem} testid="area-problem" id={ids('problem')} />
      <div class="actions">
        <button class="button primary" data-testid="area-submit" disabled={busy}>
          {t(area ? 'button.save' : 'climate.addArea')}
        </button>
        {onCancel && (
          <button type="button" class="button" data-testid="area-cancel" onClick={onCancel}>
            {t('button.cancel')}
          </button>
        )}
        {saved && area && (
          <span class="saved-line" role="status" data-testid="area-saved">
            {t('climate.settingsSaved')}
          </span>
        )}
      </div>
    </form>
  );
}
