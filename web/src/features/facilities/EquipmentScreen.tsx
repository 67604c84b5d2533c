import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { lang } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { formatDate } from '../../components/datetime.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useAction } from '../../components/action.ts';
import { atOwnDepot, session } from '../auth/session.ts';
import { getItem, logMaintenance, maintenanceLogUrl, type EquipmentDetail } from './facilities-api.ts';
import { ItemStatus, RequestRow, itemLabel } from './EquipmentPanel.tsx';
import { t } from './i18n.ts';

/** One item of the register: its particulars, its maintenance log (信息设备维护记录表, S0:512) to print, and its changes. */
export function EquipmentScreen({ itemId }: { itemId: number }) {
  const [item, setItem] = useState<EquipmentDetail | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const load = () => {
    setProblem(null);
    getItem(itemId).then(setItem, (e) => setProblem(toProblem(e)));
  };
  useEffect(load, [itemId]);
  if (!item) {
    return (
      <section class="screen" data-testid="equipment-screen" data-state={problem ? 'error' : 'loading'}>
        <ProblemMessage problem={problem} onRetry={load} />
      </section>
    );
  }
  const own = atOwnDepot(item.depotId);
  return (
    <section class="screen equipment-screen" data-testid="equipment-screen" data-state="ready">
      <p class="no-print">
        <a href={paths.facilities(item.depotId)}>← {t('equipment.back')}</a>
      </p>
      <h1>{itemLabel(item)}</h1>
      <p class="visit-meta">
        <ItemStatus status={item.status} /> {item.location && `· ${item.location} `}· {t('equipment.responsible')} {item.responsibleName}
        {item.sensorName && ` · ${item.sensorName}`}
        {item.replacesId !== null && ` · ${t('equipment.replaces', { id: item.replacesId })}`}
      </p>
      <div class="toolbar no-print">
        <a class="button" href={maintenanceLogUrl(item.id, 'html', lang.value)} target="_blank" rel="noopener" data-testid="equipment-print">
          {t('equipment.print')}
        </a>
        <a class="button" href={maintenanceLogUrl(item.id, 'xlsx', lang.value)} data-testid="equipment-xlsx">
          {t('equipment.xlsx')}
        </a>
      </div>
      <section class="panel" data-testid="equipment-maintenance">
        <h2>{t('equipment.maintenance')}</h2>
        {item.maintenance.length === 0 ? (
          <p class="empty">{t('equipment.noMaintenance')}</p>
        ) : (
          <div class="table-wrap" tabIndex={0} role="region" aria-label={t('equipment.maintenance')}>
            <table class="data">
              <thead>
                <tr>
                  <th>{t('equipment.doneOn')}</th>
                  <th>{t('equipment.work')}</th>
                  <th>{t('equipment.doneBy')}</th>
                  <th>{t('equipment.result')}</th>
                </tr>
              </thead>
              <tbody>
                {item.maintenance.map((m) => (
                  <tr key={m.id} data-testid="maintenance-row">
                    <td class="nowrap">{m.doneOn}</td>
                    <td>{m.work}</td>
                    <td>{m.doneBy}</td>
                    <td>{m.result}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {own && (item.onRegister ? <MaintenanceForm item={item} onDone={setItem} /> : <p class="hint">{t('equipment.offRegister')}</p>)}
      </section>
      {item.requests.length > 0 && (
        <section class="panel">
          <h2>{t('equipment.requests')}</h2>
          <ul class="equipment-requests">
            {item.requests.map((r) => (
              <RequestRow key={`${r.id}-${r.status}`} request={r} own={own} onChanged={load} />
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}

function MaintenanceForm({ item, onDone }: { item: EquipmentDetail; onDone: (item: EquipmentDetail) => void }) {
  const today = formatDate(Date.now());
  const [doneOn, setDoneOn] = useState(today);
  const [work, setWork] = useState('');
  const [doneBy, setDoneBy] = useState(session.value?.user.displayName ?? '');
  const [result, setResult] = useState('');
  const [status, setStatus] = useState<'in_service' | 'faulty'>(item.status === 'faulty' ? 'faulty' : 'in_service');
  const { busy, problem, run } = useAction();
  async function submit(e: Event) {
    e.preventDefault();
    const updated = await run(() => logMaintenance(item.id, { doneOn, work: work.trim(), doneBy: doneBy.trim(), result: result.trim(), status }));
    if (updated) {
      setWork('');
      setResult('');
      onDone(updated);
    }
  }
  return (
    <form class="maintenance-form no-print" data-testid="maintenance-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('equipment.log')}</h3>
      <div class="form-grid">
        <label class="field">
          <span>{t('equipment.doneOn')}</span>
          <input type="date" data-testid="maintenance-date" required max={today} value={doneOn} onInput={(e) => setDoneOn(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('equipment.work')}</span>
          <input data-testid="maintenance-work" required minLength={2} maxLength={1000} value={work} onInput={(e) => setWork(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('equipment.doneBy')}</span>
          <input data-testid="maintenance-by" required maxLength={120} value={doneBy} onInput={(e) => setDoneBy(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('equipment.result')}</span>
          <input data-testid="maintenance-result" required maxLength={1000} value={result} onInput={(e) => setResult(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('equipment.after')}</span>
          <select data-testid="maintenance-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as 'in_service' | 'faulty')}>
            <option value="in_service">{t('equipment.status.in_service')}</option>
            <option value="faulty">{t('equipment.status.faulty')}</option>
          </select>
        </label>
      </div>
      <ProblemMessage problem={problem} testid="maintenance-problem" />
      <div class="toolbar">
        <button class="button primary" data-testid="maintenance-save" disabled={busy}>
          {t('equipment.log')}
        </button>
      </div>
    </form>
  );
}
