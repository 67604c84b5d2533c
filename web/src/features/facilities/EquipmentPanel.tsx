import { useEffect, useState } from 'preact/hooks';
import { users } from '../../api.ts';
import { paths } from '../../router.ts';
import { formatDateTime } from '../../components/datetime.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useAction } from '../../components/action.ts';
import { hasRole, session } from '../auth/session.ts';
import { decideChange, requestChange, withdrawChange, type EquipmentItem, type EquipmentKind, type EquipmentList, type EquipmentRequest, type RequestKind } from './facilities-api.ts';
import { t } from './i18n.ts';
import { EnumSelect } from '../../components/EnumSelect.tsx';

const KINDS: EquipmentKind[] = ['computer', 'printer', 'scanner', 'sensor', 'climate_unit', 'other'];
const REQUEST_KINDS: RequestKind[] = ['add', 'replace', 'retire', 'scrap'];
const when = (iso: string) => formatDateTime(iso);
const BADGE: Record<EquipmentRequest['status'], string> = { pending: 'status-awaiting_approval', approved: 'status-approved', declined: 'status-declined', withdrawn: '' };

export const itemLabel = (i: { kind: EquipmentKind; model: string; serial: string | null }) => `${t(`equipment.kind.${i.kind}`)} ${i.model}${i.serial ? `（${i.serial}）` : ''}`;

export function ItemStatus({ status }: { status: EquipmentItem['status'] }) {
  const badge = status === 'in_service' ? 'status-received' : status === 'faulty' ? 'status-declined' : '';
  return (
    <span class={`status-badge ${badge}`} data-testid="equipment-status" data-status={status}>
      {t(`equipment.status.${status}`)}
    </span>
  );
}

/** The register, the change requests with the leader's decisions, and the form to ask for a change. */
export function EquipmentPanel({ depotId, list, own, onChanged }: { depotId: number; list: EquipmentList; own: boolean; onChanged: () => void }) {
  const [asking, setAsking] = useState<{ kind: RequestKind; itemId: number | null } | null>(null);
  return (
    <>
      <section class="panel" data-testid="equipment-register">
        <h3>{t('equipment.register')}</h3>
        {own && !asking && (
          <div class="toolbar no-print">
            <button type="button" class="button" data-testid="equipment-request-new" onClick={() => setAsking({ kind: 'add', itemId: null })}>
              {t('equipment.request')}
            </button>
          </div>
        )}
        {asking && (
          <RequestForm
            depotId={depotId}
            items={list.items.filter((i) => i.onRegister)}
            start={asking}
            onCancel={() => setAsking(null)}
            onDone={() => {
              setAsking(null);
              onChanged();
            }}
          />
        )}
        {list.items.length === 0 ? (
          <p class="empty">{t('equipment.none')}</p>
        ) : (
          <div class="table-wrap" tabIndex={0} role="region" aria-label={t('equipment.register')}>
            <table class="data">
              <thead>
                <tr>
                  <th>{t('equipment.kind')}</th>
                  <th>{t('equipment.model')}</th>
                  <th>{t('equipment.serial')}</th>
                  <th>{t('equipment.location')}</th>
                  <th>{t('equipment.responsible')}</th>
                  <th>{t('equipment.status')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.items.map((i) => (
                  <tr key={i.id} data-testid="equipment-row" data-item={i.id} class={i.onRegister ? '' : 'muted'}>
                    <td>{t(`equipment.kind.${i.kind}`)}</td>
                    <td>{i.model}</td>
                    <td>{i.serial ?? ''}</td>
                    <td>{i.location ?? ''}</td>
                    <td>{i.responsibleName}</td>
                    <td>
                      <ItemStatus status={i.status} />
                    </td>
                    <td class="nowrap">
                      <a class="button small" href={paths.equipmentItem(i.id)} data-testid="equipment-open">
                        {t('equipment.open')}
                      </a>{' '}
                      {own && i.onRegister && !list.requests.some((r) => r.itemId === i.id && r.status === 'pending') && (
                        <button type="button" class="button small" data-testid="equipment-replace" onClick={() => setAsking({ kind: 'replace', itemId: i.id })}>
                          {t('equipment.requestKind.replace')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="panel" data-testid="equipment-requests">
        <h3>{t('equipment.requests')}</h3>
        {list.requests.length === 0 ? (
          <p class="empty">{t('equipment.noRequests')}</p>
        ) : (
          <ul class="equipment-requests">
            {list.requests.map((r) => (
              <RequestRow key={`${r.id}-${r.status}`} request={r} own={own} onChanged={onChanged} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function RequestRow({ request: r, own, onChanged }: { request: EquipmentRequest; own: boolean; onChanged: () => void }) {
  const [declining, setDeclining] = useState(false);
  const [note, setNote] = useState('');
  const { busy, problem, run } = useAction();
  const mine = session.value?.user.id === r.requestedBy;
  const decides = own && hasRole('leader') && r.status === 'pending';
  async function act(call: () => Promise<unknown>) {
    if (await run(call)) onChanged();
  }
  return (
    <li data-testid="equipment-request" data-request={r.id} data-status={r.status}>
      <p>
        <strong>{t(`equipment.requestKind.${r.kind}`)}</strong> {r.item && itemLabel(r.item)}
        {r.item && r.proposal && ' → '}
        {r.proposal && `${itemLabel(r.proposal)} · ${t('equipment.responsible')} ${r.proposal.responsibleName ?? ''}`}{' '}
        <span class={`status-badge ${BADGE[r.status]}`} data-testid="equipment-request-status">
          {t(`equipment.requestStatus.${r.status}`)}
        </span>
      </p>
      <p class="small muted">
        {r.reason} · {t('equipment.requested', { name: r.requestedByName ?? '', at: when(r.requestedAt) })}
        {r.decidedAt && ` · ${t('equipment.decided', { name: r.decidedByName ?? '', at: when(r.decidedAt) })}`}
        {r.decisionNote && `：${r.decisionNote}`}
      </p>
      {decides && mine && <p class="small muted">{t('equipment.ownRequest')}</p>}
      {r.status === 'pending' && own && (
        <div class="toolbar no-print">
          {decides && !mine && (
            <>
              <button type="button" class="button primary small" data-testid="equipment-approve" disabled={busy} onClick={() => void act(() => decideChange(r.id, 'approved', null))}>
                {t('equipment.approve')}
              </button>
              {!declining ? (
                <button type="button" class="button small" data-testid="equipment-decline" disabled={busy} onClick={() => setDeclining(true)}>
                  {t('equipment.decline')}
                </button>
              ) : (
                <>
                  <input aria-label={t('equipment.declineNote')} placeholder={t('equipment.declineNote')} data-testid="equipment-decline-note" value={note} onInput={(e) => setNote(e.currentTarget.value)} />
                  <button type="button" class="button small" data-testid="equipment-decline-confirm" disabled={busy || note.trim() === ''} onClick={() => void act(() => decideChange(r.id, 'declined', note.trim()))}>
                    {t('equipment.decline')}
                  </button>
                </>
              )}
            </>
          )}
          {mine && (
            <button type="button" class="button small" data-testid="equipment-withdraw" disabled={busy} onClick={() => void act(() => withdrawChange(r.id))}>
              {t('equipment.withdraw')}
            </button>
          )}
        </div>
      )}
      <ProblemMessage problem={problem} testid="equipment-request-problem" />
    </li>
  );
}

function RequestForm({ depotId, items, start, onCancel, onDone }: { depotId: number; items: EquipmentItem[]; start: { kind: RequestKind; itemId: number | null }; onCancel: () => void; onDone: () => void }) {
  const owners = useDepotUsers(depotId);
  const [kind, setKind] = useState<RequestKind>(start.kind);
  const [itemId, setItemId] = useState<number | null>(start.itemId ?? items[0]?.id ?? null);
  const old = items.find((i) => i.id === itemId);
  const [newKind, setNewKind] = useState<EquipmentKind>(old?.kind ?? 'computer');
  const [model, setModel] = useState('');
  const [serial, setSerial] = useState('');
  const [location, setLocation] = useState(old?.location ?? '');
  const [responsibleId, setResponsible] = useState<number>(old?.responsibleId ?? session.value?.user.id ?? 0);
  const [reason, setReason] = useState('');
  const { busy, problem, run } = useAction();
  const proposes = kind === 'add' || kind === 'replace';
  async function submit(e: Event) {
    e.preventDefault();
    const item = proposes ? { kind: newKind, model: model.trim(), serial: serial.trim() || null, location: location.trim() || null, responsibleId } : null;
    const done = await run(() => requestChange({ depotId, kind, itemId: kind === 'add' ? null : itemId, item, reason: reason.trim() }));
    if (done) onDone();
  }
  return (
    <form class="equipment-form" data-testid="equipment-request-form" onSubmit={(e) => void submit(e)}>
      <h4>{t('equipment.requestTitle')}</h4>
      <div class="form-grid">
        <label class="field">
          <span>{t('equipment.requestKind')}</span>
          <select data-testid="equipment-request-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as RequestKind)}>
            {REQUEST_KINDS.map((k) => (
              <option key={k} value={k} disabled={k !== 'add' && items.length === 0}>
                {t(`equipment.requestKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {kind !== 'add' && (
          <label class="field">
            <span>{t('equipment.item')}</span>
            <select data-testid="equipment-request-item" value={String(itemId ?? '')} onChange={(e) => setItemId(Number(e.currentTarget.value))}>
              {items.map((i) => (
                <option key={i.id} value={String(i.id)}>
                  {itemLabel(i)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {proposes && (
        <fieldset class="equipment-new">
          <legend>{t('equipment.newItem')}</legend>
          <div class="form-grid">
            <EnumSelect label={t('equipment.kind')} testid="equipment-new-kind" value={newKind} values={KINDS} text={(k) => t(`equipment.kind.${k}`)} onChange={setNewKind} />
            <label class="field">
              <span>{t('equipment.model')}</span>
              <input data-testid="equipment-new-model" required maxLength={120} value={model} onInput={(e) => setModel(e.currentTarget.value)} />
            </label>
            <label class="field">
              <span>{t('equipment.serial')}</span>
              <input data-testid="equipment-new-serial" maxLength={120} value={serial} onInput={(e) => setSerial(e.currentTarget.value)} />
            </label>
            <label class="field">
              <span>{t('equipment.location')}</span>
              <input data-testid="equipment-new-location" maxLength={120} value={location} onInput={(e) => setLocation(e.currentTarget.value)} />
            </label>
            <label class="field">
              <span>{t('equipment.responsible')}</span>
              <select data-testid="equipment-new-responsible" value={String(responsibleId)} onChange={(e) => setResponsible(Number(e.currentTarget.value))}>
                {owners.map((u) => (
                  <option key={u.id} value={String(u.id)}>
                    {u.displayName}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </fieldset>
      )}
      <label class="field">
        <span>{t('equipment.reason')}</span>
        <input data-testid="equipment-request-reason" required minLength={2} maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      <ProblemMessage problem={problem} testid="equipment-request-form-problem" />
      <div class="toolbar">
        <button class="button primary" data-testid="equipment-request-submit" disabled={busy}>
          {t('equipment.submit')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('facilities.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The active users of the depot, one of whom is responsible for a new item. */
function useDepotUsers(depotId: number) {
  const [list, setList] = useState<{ id: number; displayName: string }[]>([]);
  useEffect(() => {
    users({ depotId, pageSize: 100 }).then(
      (r) => setList(r.items.filter((u) => u.depotId === depotId && u.active)),
      () => setList([]),
    );
  }, [depotId]);
  return list;
}
