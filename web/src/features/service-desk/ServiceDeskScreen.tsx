import { useEffect, useState } from 'preact/hooks';
import { searchDepots, toProblem, type ApiProblem } from '../../api.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useAction } from '../../components/action.ts';
import { useLoad } from '../../components/load.ts';
import { currentMonth, formatDateTime } from '../../components/format.ts';
import { lang } from '../../i18n/index.ts';
import { atOwnDepot, hasRole, session } from '../auth/session.ts';
import { SheetView } from '../reports/SheetView.tsx';
import { CHANNELS, KINDS, listRequests, monthlySummary, receiveRequest, summaryHref, type Channel, type Kind, type RequestSummary, type SummarySheet } from './service-desk-api.ts';
import { LinkFields, NO_LINKS, type RequestLinks } from './LinkFields.tsx';
import { t } from './i18n.ts';
import { EnumSelect } from '../../components/EnumSelect.tsx';

type View = 'mine' | 'depot' | 'asked' | 'summary';

/** Who receives requests at a depot (server/services/service-desk.ts DESK_ROLES): its staff, not the admin nor the clinician. */
export const receivesAt = (depotId: number) => atOwnDepot(depotId) && (['storekeeper', 'inspector', 'planner', 'leader', 'finance', 'dispenser'] as const).some((r) => hasRole(r));

/**
 * A depot's service desk (服务事项): the requests the user owns or is offered, the depot's
 * requests, those the depot asked of the depots above (to follow them), a form to record one,
 * and the monthly summary to print or export.
 */
export function ServiceDeskScreen({ depotId, query }: { depotId: number; query: URLSearchParams }) {
  const own = atOwnDepot(depotId);
  const view: View = (query.get('view') as View | null) ?? (own ? 'mine' : 'depot');
  const month = query.get('month') ?? currentMonth();
  const go = (q: Record<string, string | undefined>) => navigate(paths.serviceDesk(depotId, { view, month: view === 'summary' ? month : undefined, ...q }));
  // The region asks no one above it.
  const tabs: View[] = own ? ['mine', 'depot', ...(session.value?.depot.tier === 'region' ? [] : (['asked'] as const)), 'summary'] : ['depot', 'summary'];
  return (
    <section class="screen service-desk-screen" data-testid="service-desk-screen">
      <h2>{t('sd.title')}</h2>
      <p class="hint">{t('sd.hint')}</p>
      <div class="toolbar no-print">
        <span class="segmented" role="group" aria-label={t('sd.title')}>
          {tabs.map((v) => (
            <a key={v} class={`button${v === view ? ' primary' : ''}`} aria-current={v === view ? 'page' : undefined} href={paths.serviceDesk(depotId, { view: v })} data-testid={`sd-view-${v}`}>
              {t(`sd.view.${v}`)}
            </a>
          ))}
        </span>
        {receivesAt(depotId) && query.get('new') !== '1' && (
          <button type="button" class="button primary" data-testid="sd-new" onClick={() => go({ new: '1' })}>
            {t('sd.new')}
          </button>
        )}
      </div>
      {query.get('new') === '1' && receivesAt(depotId) && <NewRequestForm depotId={depotId} onCancel={() => go({ new: undefined })} />}
      {view === 'summary' ? <Summary depotId={depotId} month={month} onMonth={(m) => go({ month: m })} /> : <Requests depotId={depotId} view={view} />}
    </section>
  );
}

function Requests({ depotId, view }: { depotId: number; view: Exclude<View, 'summary'> }) {
  const { data: list, problem, reload: load, state } = useLoad(() => listRequests(view === 'mine' ? { mine: true } : view === 'asked' ? { asked: true } : { depotId }), [depotId, view]);
  const title = t(`sd.view.${view}`);
  return (
    <section class="panel" data-testid="sd-requests" data-state={state}>
      <h3>
        {title}
        {list && list.overdue > 0 && <span class="status-badge status-declined"> {t('sd.overdueCount', { n: list.overdue })}</span>}
      </h3>
      <ProblemMessage problem={problem} onRetry={load} />
      {list && list.items.length === 0 && <p class="empty">{t('sd.none')}</p>}
      {list && list.items.length > 0 && (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={title}>
          <table class="data">
            <thead>
              <tr>
                <th>{t('sd.number')}</th>
                <th>{t('sd.receivedAt')}</th>
                <th>{t('sd.kind')}</th>
                <th>{t('sd.requester')}</th>
                <th>{t('sd.subject')}</th>
                <th>{t('sd.owner')}</th>
                <th>{t('sd.status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => (
                <tr key={r.id} data-testid="sd-row" data-request={r.id} data-status={r.status}>
                  <td class="nowrap">{r.number}</td>
                  <td class="nowrap">{formatDateTime(r.receivedAt)}</td>
                  <td>{t(`sd.kind.${r.kind}`)}</td>
                  <td>{requesterText(r)}</td>
                  <td>{r.subject}</td>
                  <td>
                    {r.ownerName}
                    {r.pendingHandover && <div class="small muted">{t('sd.offeredTo', { name: r.pendingHandover.toName ?? '' })}</div>}
                  </td>
                  <td>
                    <RequestStatus request={r} />
                  </td>
                  <td>
                    <a class="button small" href={paths.serviceRequest(r.id)} data-testid="sd-open">
                      {t('sd.open')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The requester as a list shows it: the depot below, or 群众 / 匿名 (never a name there). */
export const requesterText = (r: RequestSummary) => (r.requester.kind === 'depot' ? r.requester.depot.name : `${t('sd.public')}${r.requester.anonymous ? `（${t('sd.anonymous')}）` : ''}`);

const BADGE: Record<RequestSummary['status'], string> = { open: 'status-awaiting_approval', replied: 'status-approved', closed: 'status-received' };

export function RequestStatus({ request }: { request: RequestSummary }) {
  return (
    <span class="sd-status">
      <span class={`status-badge ${BADGE[request.status]}`} data-testid="sd-status" data-status={request.status}>
        {t(`sd.status.${request.status}`)}
      </span>
      {request.replyOverdue && (
        <span class="status-badge status-declined" data-testid="sd-overdue">
          {t('sd.replyOverdue')}
        </span>
      )}
      {!request.replyOverdue && request.resolveOverdue && (
        <span class="status-badge status-declined" data-testid="sd-overdue">
          {t('sd.resolveOverdue')}
        </span>
      )}
    </span>
  );
}

/** Records a request at the user's depot: the kind, where it came from, who asked, what about, and what it concerns (LinkFields). */
function NewRequestForm({ depotId, onCancel }: { depotId: number; onCancel: () => void }) {
  const [kind, setKind] = useState<Kind>('complaint');
  const [channel, setChannel] = useState<Channel>('distribution_point');
  const [below, setBelow] = useState<{ id: number; name: string; code: string }[]>([]);
  const [requesterDepotId, setRequesterDepotId] = useState(0);
  const [anonymous, setAnonymous] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [subject, setSubject] = useState('');
  const [text, setText] = useState('');
  const [links, setLinks] = useState<RequestLinks>(NO_LINKS);
  const { busy, problem, run } = useAction();
  useEffect(() => {
    searchDepots({ under: depotId, pageSize: 100 }).then(
      (r) => {
        const items = r.items.filter((d) => d.id !== depotId);
        setBelow(items);
        if (items[0]) setRequesterDepotId(items[0].id);
      },
      () => setBelow([]),
    );
  }, [depotId]);
  // A depot below asks through its channel, the public at a distribution point; a phone call may be either.
  const [phoneFrom, setPhoneFrom] = useState<'public' | 'depot'>('public');
  const fromDepot = channel === 'depot_below' || (channel === 'phone' && phoneFrom === 'depot' && below.length > 0);
  async function submit(e: Event) {
    e.preventDefault();
    const requester = fromDepot ? { kind: 'depot' as const, depotId: requesterDepotId } : { kind: 'public' as const, name: anonymous ? null : name.trim(), phone: phone.trim() || null };
    const created = await run(() => receiveRequest({ depotId, kind, channel, requester, subject: subject.trim(), text: text.trim(), ...links }));
    if (created) navigate(paths.serviceRequest(created.id));
  }
  return (
    <form class="panel" data-testid="sd-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('sd.newTitle')}</h3>
      <div class="form-grid">
        <EnumSelect label={t('sd.kind')} testid="sd-kind" value={kind} values={KINDS} text={(k) => t(`sd.kind.${k}`)} onChange={setKind} />
        <EnumSelect label={t('sd.channel')} testid="sd-channel" value={channel} values={CHANNELS.filter((c) => c !== 'depot_below' || below.length > 0)} text={(c) => t(`sd.channel.${c}`)} onChange={setChannel} />
        {channel === 'phone' && below.length > 0 && (
          <label class="field">
            <span>{t('sd.requester')}</span>
            <select data-testid="sd-requester-kind" value={phoneFrom} onChange={(e) => setPhoneFrom(e.currentTarget.value as 'public' | 'depot')}>
              <option value="public">{t('sd.public')}</option>
              <option value="depot">{t('sd.requesterDepot')}</option>
            </select>
          </label>
        )}
        {fromDepot ? (
          <label class="field">
            <span>{t('sd.requesterDepot')}</span>
            <select data-testid="sd-requester-depot" value={String(requesterDepotId)} onChange={(e) => setRequesterDepotId(Number(e.currentTarget.value))}>
              {below.map((d) => (
                <option key={d.id} value={String(d.id)}>
                  {d.name}（{d.code}）
                </option>
              ))}
            </select>
          </label>
        ) : (
          <>
            <label class="field">
              <span>{t('sd.name')}</span>
              <input data-testid="sd-name" value={name} disabled={anonymous} required={!anonymous} maxLength={60} autoComplete="off" onInput={(e) => setName(e.currentTarget.value)} />
            </label>
            <label class="check sd-anonymous">
              <input type="checkbox" data-testid="sd-anonymous" checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} />
              <span>{t('sd.anonymous')}</span>
            </label>
            <label class="field">
              <span>{t('sd.phone')}</span>
              <input data-testid="sd-phone" type="tel" value={phone} maxLength={20} autoComplete="off" onInput={(e) => setPhone(e.currentTarget.value)} />
            </label>
          </>
        )}
      </div>
      {!fromDepot && <p class="hint">{t('sd.personalHint')}</p>}
      <label class="field">
        <span>{t('sd.subject')}</span>
        <input data-testid="sd-subject" required minLength={2} maxLength={120} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>{t('sd.text')}</span>
        <textarea data-testid="sd-text" required minLength={2} maxLength={4000} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <LinkFields depotId={depotId} links={links} onChange={(patch) => setLinks((l) => ({ ...l, ...patch }))} />
      <ProblemMessage problem={problem} testid="sd-form-problem" />
      <div class="toolbar">
        <button class="button primary" data-testid="sd-save" disabled={busy}>
          {t('sd.save')}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t('sd.cancel')}
        </button>
      </div>
    </form>
  );
}

function Summary({ depotId, month, onMonth }: { depotId: number; month: string; onMonth: (m: string) => void }) {
  const [sheet, setSheet] = useState<SummarySheet | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(true);
  const load = () => {
    setBusy(true);
    setProblem(null);
    monthlySummary(depotId, month).then(
      (s) => {
        setSheet(s);
        setBusy(false);
      },
      (e) => {
        setProblem(toProblem(e));
        setBusy(false);
      },
    );
  };
  useEffect(load, [depotId, month]);
  return (
    <section data-testid="sd-summary" data-state={busy ? 'loading' : problem ? 'error' : 'ready'}>
      <div class="toolbar report-controls no-print">
        <label class="field inline">
          <span>{t('sd.month')}</span>
          <input type="month" data-testid="sd-month" value={month} onChange={(e) => e.currentTarget.value && onMonth(e.currentTarget.value)} />
        </label>
        <span class="report-actions">
          <a class="button" href={summaryHref(depotId, month, 'html', lang.value)} target="_blank" rel="noopener" data-testid="sd-summary-print">
            {t('button.printForm')}
          </a>
          <a class="button" href={summaryHref(depotId, month, 'xlsx', lang.value)} download data-testid="sd-summary-xlsx">
            {t('button.downloadXlsx')}
          </a>
        </span>
      </div>
      <ProblemMessage problem={problem} onRetry={load} />
      {sheet && !problem && <SheetView sheet={sheet} busy={busy} />}
    </section>
  );
}
