import { useEffect, useState } from 'preact/hooks';
import { searchDepots } from '../../api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useAction } from '../../components/action.ts';
import { today } from '../../components/format.ts';
import { candidates, EDUCATION_TOPICS, recordEducation, recordTraining, TRAINING_TOPICS, type TrainingCreate } from './training-api.ts';
import { t } from './i18n.ts';

type Attendee = { key: string; label: string; value: TrainingCreate['attendees'][number] };
type Candidate = { id: number; displayName: string; username: string; depotName: string };

function Topics<K extends string>({ all, chosen, label, name, onChange }: { all: readonly K[]; chosen: K[]; label: string; name: (k: K) => string; onChange: (k: K[]) => void }) {
  return (
    <fieldset class="field">
      <legend>{label}</legend>
      <div class="topics">
        {all.map((k) => (
          <label key={k} class="checkbox">
            <input type="checkbox" data-testid={`topic-${k}`} checked={chosen.includes(k)} onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, k] : chosen.filter((c) => c !== k))} /> {name(k)}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * A training the user's depot held: topics, trainer, materials and the attendees, picked from the
 * users of the depot and below, or named (someone without an account: name and depot only).
 */
export function TrainingForm({ depotId, onDone, onCancel }: { depotId: number; onDone: () => void; onCancel: () => void }) {
  const [heldOn, setHeldOn] = useState(today());
  const [title, setTitle] = useState('');
  const [topics, setTopics] = useState<(typeof TRAINING_TOPICS)[number][]>([]);
  const [topicsNote, setTopicsNote] = useState('');
  const [trainer, setTrainer] = useState('');
  const [materials, setMaterials] = useState('');
  const [attendees, setAttendees] = useState<Attendee[]>([]);
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<Candidate[]>([]);
  const [depots, setDepots] = useState<{ id: number; name: string }[]>([]);
  const [outsideName, setOutsideName] = useState('');
  const [outsideDepot, setOutsideDepot] = useState(depotId);
  const { busy, problem, run } = useAction();
  useEffect(() => {
    searchDepots({ under: depotId, pageSize: 100 }).then((r) => setDepots(r.items), () => setDepots([]));
  }, [depotId]);
  useEffect(() => {
    const timer = setTimeout(() => candidates(depotId, search.trim()).then((r) => setFound(r.items), () => setFound([])), 200);
    return () => clearTimeout(timer);
  }, [depotId, search]);
  const add = (a: Attendee) => setAttendees((list) => (list.some((x) => x.key === a.key) ? list : [...list, a]));
  function addOutside() {
    const name = outsideName.trim();
    if (!name) return;
    const depot = depots.find((d) => d.id === outsideDepot);
    add({ key: `n:${name}:${outsideDepot}`, label: `${name}（${depot?.name ?? ''}）`, value: { name, depotId: outsideDepot } });
    setOutsideName('');
  }
  async function submit(e: Event) {
    e.preventDefault();
    const saved = await run(() => recordTraining({ heldOn, title: title.trim(), topics, topicsNote: topicsNote.trim() || null, trainer: trainer.trim(), materials: materials.trim() || null, attendees: attendees.map((a) => a.value) }));
    if (saved) onDone();
  }
  return (
    <form class="panel" data-testid="training-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('training.new')}</h3>
      <div class="form-grid">
        <label class="field">
          <span>{t('training.heldOn')}</span>
          <input type="date" data-testid="training-heldOn" value={heldOn} max={today()} required onInput={(e) => setHeldOn(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('training.titleField')}</span>
          <input data-testid="training-title" value={title} required minLength={2} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('training.trainer')}</span>
          <input data-testid="training-trainer" value={trainer} required maxLength={120} onInput={(e) => setTrainer(e.currentTarget.value)} />
        </label>
        <Topics all={TRAINING_TOPICS} chosen={topics} label={t('training.topics')} name={(k) => t(`training.topic.${k}`)} onChange={setTopics} />
        <label class="field">
          <span>{t('training.topicsNote')}</span>
          <input data-testid="training-topicsNote" value={topicsNote} maxLength={1000} onInput={(e) => setTopicsNote(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('training.materials')}</span>
          <input data-testid="training-materials" value={materials} maxLength={1000} onInput={(e) => setMaterials(e.currentTarget.value)} />
        </label>
      </div>
      <fieldset class="field" data-testid="attendee-picker">
        <legend>{t('training.attendees')}</legend>
        <div class="attendees" data-testid="attendee-list">
          {attendees.length === 0 && <span class="muted">{t('training.noAttendees')}</span>}
          {attendees.map((a) => (
            <span key={a.key} class="chip" data-testid="attendee">
              {a.label}
              <button type="button" aria-label={t('training.remove', { name: a.label })} onClick={() => setAttendees((list) => list.filter((x) => x.key !== a.key))}>
                ×
              </button>
            </span>
          ))}
        </div>
        <div class="picker">
          <label class="field">
            <span>{t('training.findUser')}</span>
            <input data-testid="attendee-search" value={search} maxLength={60} autoComplete="off" onInput={(e) => setSearch(e.currentTarget.value)} />
          </label>
        </div>
        <ul class="attendees" data-testid="attendee-candidates">
          {found
            .filter((u) => !attendees.some((a) => a.key === `u:${u.id}`))
            .slice(0, 20)
            .map((u) => (
              <li key={u.id}>
                <button type="button" class="button small" data-testid="attendee-add" data-user={u.username} onClick={() => add({ key: `u:${u.id}`, label: `${u.displayName}（${u.depotName}）`, value: { userId: u.id } })}>
                  + {u.displayName}（{u.depotName}）
                </button>
              </li>
            ))}
        </ul>
        <div class="picker">
          <label class="field">
            <span>{t('training.outsideName')}</span>
            <input data-testid="outside-name" value={outsideName} maxLength={60} autoComplete="off" onInput={(e) => setOutsideName(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>{t('training.outsideDepot')}</span>
            <select data-testid="outside-depot" value={String(outsideDepot)} onChange={(e) => setOutsideDepot(Number(e.currentTarget.value))}>
              {depots.map((d) => (
                <option key={d.id} value={String(d.id)}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" class="button" data-testid="outside-add" onClick={addOutside}>
            {t('training.addOutside')}
          </button>
        </div>
        <p class="hint">{t('training.outsideHint')}</p>
      </fieldset>
      <ProblemMessage problem={problem} />
      <div class="toolbar">
        <button type="submit" class="button primary" data-testid="training-save" disabled={busy || attendees.length === 0 || topics.length === 0}>
          {t('training.save')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('training.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A public education session the user's depot held: place, topics, how many came, materials. */
export function EducationForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const [heldOn, setHeldOn] = useState(today());
  const [place, setPlace] = useState('');
  const [topics, setTopics] = useState<(typeof EDUCATION_TOPICS)[number][]>([]);
  const [topicsNote, setTopicsNote] = useState('');
  const [attendance, setAttendance] = useState('');
  const [materials, setMaterials] = useState('');
  const { busy, problem, run } = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    const saved = await run(() => recordEducation({ heldOn, place: place.trim(), topics, topicsNote: topicsNote.trim() || null, attendance: Number(attendance), materials: materials.trim() || null }));
    if (saved) onDone();
  }
  return (
    <form class="panel" data-testid="education-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('training.newEducation')}</h3>
      <div class="form-grid">
        <label class="field">
          <span>{t('training.heldOn')}</span>
          <input type="date" data-testid="education-heldOn" value={heldOn} max={today()} required onInput={(e) => setHeldOn(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('training.place')}</span>
          <input data-testid="education-place" value={place} required maxLength={200} onInput={(e) => setPlace(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('training.attendance')}</span>
          <input type="number" min={0} step={1} data-testid="education-attendance" value={attendance} required onInput={(e) => setAttendance(e.currentTarget.value)} />
        </label>
        <Topics all={EDUCATION_TOPICS} chosen={topics} label={t('training.topics')} name={(k) => t(`training.eduTopic.${k}`)} onChange={setTopics} />
        <label class="field">
          <span>{t('training.topicsNote')}</span>
          <input data-testid="education-topicsNote" value={topicsNote} maxLength={1000} onInput={(e) => setTopicsNote(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('training.materials')}</span>
          <input data-testid="education-materials" value={materials} maxLength={1000} onInput={(e) => setMaterials(e.currentTarget.value)} />
        </label>
      </div>
      <ProblemMessage problem={problem} />
      <div class="toolbar">
        <button type="submit" class="button primary" data-testid="education-save" disabled={busy || topics.length === 0}>
          {t('training.save')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('training.cancel')}
        </button>
      </div>
    </form>
  );
}
