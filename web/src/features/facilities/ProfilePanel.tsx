import { useState } from 'preact/hooks';
import { formatDateTime } from '../../components/datetime.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useAction } from '../../components/action.ts';
import { saveProfile, type FacilityItem, type FacilityProfile, type ProfileHistory } from './facilities-api.ts';
import { area, gapText, itemName } from './gap-text.ts';
import { t } from './i18n.ts';

const when = (iso: string) => formatDateTime(iso);

/** The profile, its gaps against the tier's standard, the form its leader fills in, and who changed what. */
export function ProfilePanel({ profile, history, editable, onSaved }: { profile: FacilityProfile; history: ProfileHistory; editable: boolean; onSaved: () => void }) {
  const [editing, setEditing] = useState(false);
  const p = profile.profile;
  return (
    <section class="panel" data-testid="facility-profile" data-filled={String(profile.filled)}>
      <h3>{t('facilities.profile')}</h3>
      {profile.filled ? (
        <p class="small muted">{t('facilities.updated', { name: profile.updatedByName ?? '', at: when(profile.updatedAt ?? '') })}</p>
      ) : (
        <p class="empty">{t('facilities.notFilled')}</p>
      )}
      <p data-testid="facility-met">
        <strong>{t('facilities.met', { met: profile.met, requirements: profile.requirements })}</strong>
      </p>
      {profile.gaps.length === 0 ? (
        <p class="facility-ok" data-testid="facility-no-gaps">
          {t('facilities.noGaps')}
        </p>
      ) : (
        <ul class="facility-gaps" data-testid="facility-gaps" aria-label={t('facilities.gaps')}>
          {profile.gaps.map((g, i) => (
            <li key={i} data-testid="facility-gap" data-kind={g.kind}>
              {gapText(g)} <span class="muted small">（{g.ref}）</span>
            </li>
          ))}
        </ul>
      )}
      {profile.filled && !editing && (
        <dl class="facility-facts">
          {profile.standard.officeArea && (
            <>
              <dt>{t('facilities.officeArea')}</dt>
              <dd>{area(p.officeAreaM2)}</dd>
            </>
          )}
          {profile.standard.storeArea && (
            <>
              <dt>{t('facilities.storeArea')}</dt>
              <dd>{area(p.storeAreaM2)}</dd>
            </>
          )}
          <dt>{t('facilities.items')}</dt>
          <dd>{p.items.map(itemName).join('、') || '—'}</dd>
          {p.note && (
            <>
              <dt>{t('facilities.note')}</dt>
              <dd>{p.note}</dd>
            </>
          )}
        </dl>
      )}
      {editable && !editing && (
        <div class="toolbar no-print">
          <button type="button" class="button primary" data-testid="facility-edit" onClick={() => setEditing(true)}>
            {t('facilities.edit')}
          </button>
        </div>
      )}
      {editing && (
        <ProfileForm
          profile={profile}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onSaved();
          }}
        />
      )}
      <details class="facility-history" data-testid="facility-history">
        <summary>
          {t('facilities.history')}（{history.length}）
        </summary>
        {history.length === 0 ? (
          <p class="empty">{t('facilities.noHistory')}</p>
        ) : (
          <ul>
            {history.map((h) => (
              <li key={h.id}>
                <span class="nowrap">{when(h.changedAt)}</span> {h.changedByName}：{h.changes.map(changeText).join('；')}
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}

const valueText = (v: unknown) => (v === null || v === undefined ? t('facilities.notMeasured') : v === true ? t('facilities.yes') : v === false ? t('facilities.no') : String(v));

function changeText(c: ProfileHistory[number]['changes'][number]): string {
  const field = t(`facilities.field.${c.field}` as 'facilities.field.note');
  if (c.field !== 'items') return `${field} ${valueText(c.from)} → ${valueText(c.to)}`;
  const list = (v: unknown) => (v as FacilityItem[]).map(itemName).join('、');
  const parts = [(c.to as FacilityItem[]).length > 0 && `${t('facilities.added')} ${list(c.to)}`, (c.from as FacilityItem[]).length > 0 && `${t('facilities.removed')} ${list(c.from)}`].filter(Boolean);
  return `${field} ${parts.join('，')}`;
}

function ProfileForm({ profile, onCancel, onSaved }: { profile: FacilityProfile; onCancel: () => void; onSaved: () => void }) {
  const p = profile.profile;
  const [office, setOffice] = useState(p.officeAreaM2 === null ? '' : String(p.officeAreaM2));
  const [store, setStore] = useState(p.storeAreaM2 === null ? '' : String(p.storeAreaM2));
  const [zones, setZones] = useState(p.zonesMarked);
  const [items, setItems] = useState<FacilityItem[]>(p.items);
  const [note, setNote] = useState(p.note ?? '');
  const { busy, problem, run } = useAction();
  const num = (s: string) => (s.trim() === '' ? null : Number(s));
  async function submit(e: Event) {
    e.preventDefault();
    const saved = await run(() => saveProfile(profile.depot.id, { officeAreaM2: num(office), storeAreaM2: num(store), zonesMarked: zones, items, note: note.trim() || null }));
    if (saved) onSaved();
  }
  return (
    <form class="facility-form" data-testid="facility-form" onSubmit={(e) => void submit(e)}>
      <div class="form-grid">
        {profile.standard.officeArea && (
          <label class="field">
            <span>{t('facilities.officeArea')}</span>
            <input type="number" min="0" step="0.1" inputMode="decimal" data-testid="facility-office" value={office} onInput={(e) => setOffice(e.currentTarget.value)} />
            <span class="hint">≥ {profile.standard.officeArea.minM2}㎡（{profile.standard.officeArea.ref}）</span>
          </label>
        )}
        {profile.standard.storeArea && (
          <label class="field">
            <span>{t('facilities.storeArea')}</span>
            <input type="number" min="0" step="0.1" inputMode="decimal" data-testid="facility-store" value={store} onInput={(e) => setStore(e.currentTarget.value)} />
            <span class="hint">≥ {profile.standard.storeArea.minM2}㎡（{profile.standard.storeArea.ref}）</span>
          </label>
        )}
      </div>
      {profile.standard.zonesMarked && (
        <label class="check">
          <input type="checkbox" data-testid="facility-zones" checked={zones} onChange={(e) => setZones(e.currentTarget.checked)} /> {t('facilities.zonesMarked')}
        </label>
      )}
      <fieldset class="roles facility-items">
        <legend>{t('facilities.items')}</legend>
        {profile.askedItems.map((i) => (
          <label key={i}>
            <input type="checkbox" data-testid={`facility-item-${i}`} checked={items.includes(i)} onChange={(e) => setItems(e.currentTarget.checked ? [...items, i] : items.filter((x) => x !== i))} /> {itemName(i)}
          </label>
        ))}
      </fieldset>
      <label class="field">
        <span>{t('facilities.note')}</span>
        <input data-testid="facility-note" value={note} maxLength={1000} onInput={(e) => setNote(e.currentTarget.value)} />
      </label>
      <ProblemMessage problem={problem} testid="facility-form-problem" />
      <div class="toolbar">
        <button class="button primary" data-testid="facility-save" disabled={busy}>
          {t('facilities.save')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('facilities.cancel')}
        </button>
      </div>
    </form>
  );
}
