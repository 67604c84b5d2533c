import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { useAction } from '../../components/action.ts';
import { formatDateTime } from '../../components/format.ts';
import { lang } from '../../i18n/index.ts';
import { session } from '../auth/session.ts';
import { acceptHandover, declineHandover, getRequest, handOver, handoverTargets, reply, resolve, SATISFACTIONS, type Satisfaction, type ServiceRequest } from './service-desk-api.ts';
import { RequestStatus, requesterText } from './ServiceDeskScreen.tsx';
import { t } from './i18n.ts';
import { EnumSelect } from '../../components/EnumSelect.tsx';

/**
 * One request: who asked and what, its first receiver and owner, the due times, the handovers,
 * the reply and the resolution. Only its owner acts on it (hand over, reply, resolve); the user
 * it is offered to accepts or declines; a closed request only shows.
 */
export function RequestScreen({ requestId }: { requestId: number }) {
  const [r, setR] = useState<ServiceRequest | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const load = () => {
    setProblem(null);
    getRequest(requestId).then(setR, (e) => setProblem(toProblem(e)));
  };
  useEffect(load, [requestId]);
  if (!r) return <section class="screen" data-testid="sd-request" data-state={problem ? 'error' : 'loading'}>{problem ? <ProblemMessage problem={problem} onRetry={load} /> : <p class="note">{t('label.loading')}</p>}</section>;

  const me = session.value?.user.id;
  const owns = r.ownerId === me && r.status !== 'closed';
  const offered = r.pendingHandover !== null && r.pendingHandover.toUserId === me && r.status !== 'closed';
  const ownDepot = session.value?.depot.id;
  const asker = r.requester.kind === 'depot' && r.requester.depot.id === ownDepot ? ownDepot : null;
  return (
    <section class="screen sd-request" data-testid="sd-request" data-state="ready" data-status={r.status} data-owner={r.ownerId}>
      <p class="no-print">
        {/* The depot below that asked follows it from its own desk: the receiving depot's is not its to read. */}
        <a href={asker ? paths.serviceDesk(asker, { view: 'asked' }) : paths.serviceDesk(r.depot.id, { view: 'depot' })} data-testid="sd-back">
          ← {t('sd.title')}
        </a>
      </p>
      <h1>
        {r.number} · {r.subject}
      </h1>
      <p class="sd-meta">
        <RequestStatus request={r} /> {t(`sd.kind.${r.kind}`)} · {t(`sd.channel.${r.channel}`)} · {r.depot.name}
      </p>
      <dl class="sd-facts">
        <dt>{t('sd.requester')}</dt>
        <dd data-testid="sd-requester">
          {r.contact ? (
            <>
              {r.contact.name ?? t('sd.anonymous')}
              {r.contact.phone && ` · ${r.contact.phone}`}
            </>
          ) : (
            <>
              {requesterText(r)}
              {r.requester.kind === 'public' && !r.requester.anonymous && <span class="small muted"> （{t('sd.contactHidden')}）</span>}
            </>
          )}
        </dd>
        <dt>{t('sd.receivedAt')}</dt>
        <dd>{formatDateTime(r.receivedAt)}</dd>
        <dt>{t('sd.firstOwner')}</dt>
        <dd data-testid="sd-first-owner">{r.receivedByName}</dd>
        <dt>{t('sd.owner')}</dt>
        <dd data-testid="sd-owner">{r.ownerName}</dd>
        <dt>{t('sd.replyDue')}</dt>
        <dd class={r.replyOverdue ? 'warn' : undefined}>{formatDateTime(r.replyDueAt)}</dd>
        <dt>{t('sd.resolveDue')}</dt>
        <dd class={r.resolveOverdue ? 'warn' : undefined}>{formatDateTime(r.resolveDueAt)}</dd>
      </dl>
      <p class="sd-text" data-testid="sd-request-text">
        {r.text}
      </p>
      <Links r={r} />
      {r.handovers.length > 0 && (
        <section class="panel" data-testid="sd-history">
          <h2>{t('sd.history')}</h2>
          <ul class="plain">
            {r.handovers.map((h) => (
              <li key={h.id} data-status={h.status}>
                <span class="small muted">{formatDateTime(h.offeredAt)}</span> {t('sd.handoverLine', { from: h.fromName ?? '', to: h.toName ?? '', status: t(`sd.handoverStatus.${h.status}`), note: h.note ?? '' })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {r.reply && (
        <section class="panel" data-testid="sd-reply-shown">
          <h2>{t('sd.reply')}</h2>
          <p>{r.reply}</p>
          <p class="small muted">{t('sd.repliedBy', { name: r.repliedByName ?? '', date: formatDateTime(r.repliedAt ?? '') })}</p>
        </section>
      )}
      {r.status === 'closed' && (
        <section class="panel" data-testid="sd-resolution">
          <h2>{t('sd.resolution')}</h2>
          <p>{r.resolution}</p>
          <p>
            {t('sd.satisfaction')}：<strong data-testid="sd-satisfaction">{r.satisfaction ? t(`sd.satisfaction.${r.satisfaction}`) : ''}</strong>
            {r.satisfactionNote && ` · ${r.satisfactionNote}`}
          </p>
          <p class="small muted">{t('sd.resolvedBy', { name: r.resolvedByName ?? '', date: formatDateTime(r.resolvedAt ?? '') })}</p>
          <p class="note">{t('sd.closedNote')}</p>
        </section>
      )}
      {offered && <Offered r={r} onChanged={setR} />}
      {/* Keyed by the offer: after a handover the forms start afresh, so that the owner may offer it again. */}
      {owns && <OwnerActions key={r.pendingHandover?.id ?? 0} r={r} onChanged={setR} />}
      {r.status !== 'closed' && !owns && !offered && <p class="note" data-testid="sd-not-yours">{t('sd.notYours', { name: r.ownerName ?? '' })}</p>}
    </section>
  );
}

/** What the request concerns, each a link to its own screen; a person by case number only, whoever reads the request. */
function Links({ r }: { r: ServiceRequest }) {
  const { lot, transferOrder, person, adverseReaction } = r.links;
  const items = [
    lot && { testid: 'sd-link-lot', href: paths.card(r.depot.id, lot.id), kind: t('sd.link.lot'), text: `${lang.value === 'en' ? lot.productEn : lot.productZh} ${lot.lot}` },
    transferOrder && { testid: 'sd-link-order', href: paths.transfer(transferOrder.id), kind: t('sd.link.transferOrder'), text: transferOrder.number },
    person && { testid: 'sd-link-person', href: paths.person(person.id), kind: t('sd.link.person'), text: person.caseNumber },
    adverseReaction && { testid: 'sd-link-adverse-reaction', href: paths.adverseReaction(adverseReaction.id), kind: t('sd.link.adverseReaction'), text: adverseReaction.number },
  ].filter((x) => !!x);
  if (items.length === 0) return null;
  const en = lang.value === 'en';
  return (
    <p class="sd-links" data-testid="sd-links">
      {t('sd.links')}
      {en ? ': ' : '：'}
      {items.map((x, i) => (
        <span key={x.testid}>
          {i > 0 && (en ? '; ' : '；')}
          <a href={x.href} data-testid={x.testid}>
            {x.kind} {x.text}
          </a>
        </span>
      ))}
    </p>
  );
}

function Offered({ r, onChanged }: { r: ServiceRequest; onChanged: (r: ServiceRequest) => void }) {
  const { busy, problem, run } = useAction();
  const from = r.handovers.find((h) => h.id === r.pendingHandover?.id)?.fromName ?? '';
  return (
    <section class="panel sd-offered" data-testid="sd-offered">
      <p>{t('sd.offeredToYou', { from, note: r.pendingHandover?.note ?? '' })}</p>
      <ProblemMessage problem={problem} testid="sd-offered-problem" />
      <div class="toolbar">
        <button type="button" class="button primary" data-testid="sd-accept" disabled={busy} onClick={async () => { const next = await run(() => acceptHandover(r.id)); if (next) onChanged(next); }}>
          {t('sd.accept')}
        </button>
        <button type="button" class="button" data-testid="sd-decline" disabled={busy} onClick={async () => { const next = await run(() => declineHandover(r.id)); if (next) onChanged(next); }}>
          {t('sd.decline')}
        </button>
      </div>
    </section>
  );
}

/** The owner's three steps: hand over (to someone who then accepts), reply once, resolve with the requester's satisfaction. */
function OwnerActions({ r, onChanged }: { r: ServiceRequest; onChanged: (r: ServiceRequest) => void }) {
  const [targets, setTargets] = useState<{ id: number; displayName: string; depotName: string }[]>([]);
  const [toUserId, setTo] = useState(0);
  const [note, setNote] = useState('');
  const [replyText, setReplyText] = useState('');
  const [resolution, setResolution] = useState('');
  const [satisfaction, setSatisfaction] = useState<Satisfaction>('satisfied');
  const [satisfactionNote, setSatisfactionNote] = useState('');
  const handing = useAction();
  const replying = useAction();
  const resolving = useAction();
  useEffect(() => {
    handoverTargets(r.id).then(
      (list) => {
        setTargets(list.items);
        if (list.items[0]) setTo(list.items[0].id);
      },
      () => setTargets([]),
    );
  }, [r.id]);
  const done = (next: ServiceRequest | undefined) => next && onChanged(next);
  return (
    <>
      {r.pendingHandover && <p class="note" data-testid="sd-handover-waiting">{t('sd.handoverWaiting', { name: r.pendingHandover.toName ?? '' })}</p>}
      <form class="panel" data-testid="sd-handover-form" onSubmit={async (e) => { e.preventDefault(); done(await handing.run(() => handOver(r.id, toUserId, note.trim() || null))); }}>
        <h2>{t('sd.handover')}</h2>
        <div class="form-grid">
          <label class="field">
            <span>{t('sd.handoverTo')}</span>
            <select data-testid="sd-handover-to" value={String(toUserId)} onChange={(e) => setTo(Number(e.currentTarget.value))}>
              {targets.map((u) => (
                <option key={u.id} value={String(u.id)}>
                  {u.displayName}（{u.depotName}）
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{t('sd.handoverNote')}</span>
            <input data-testid="sd-handover-note" maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
        </div>
        <ProblemMessage problem={handing.problem} testid="sd-handover-problem" />
        <button class="button" data-testid="sd-handover-send" disabled={handing.busy || toUserId === 0}>
          {t('sd.handover')}
        </button>
      </form>
      {r.repliedAt === null && (
        <form class="panel" data-testid="sd-reply-form" onSubmit={async (e) => { e.preventDefault(); done(await replying.run(() => reply(r.id, replyText.trim()))); }}>
          <h2>{t('sd.reply')}</h2>
          <label class="field">
            <span>{t('sd.replyText')}</span>
            <textarea data-testid="sd-reply-text" required minLength={2} maxLength={2000} rows={2} value={replyText} onInput={(e) => setReplyText(e.currentTarget.value)} />
          </label>
          <ProblemMessage problem={replying.problem} testid="sd-reply-problem" />
          <button class="button" data-testid="sd-reply-send" disabled={replying.busy}>
            {t('sd.replySend')}
          </button>
        </form>
      )}
      <form class="panel" data-testid="sd-resolve-form" onSubmit={async (e) => { e.preventDefault(); done(await resolving.run(() => resolve(r.id, resolution.trim(), satisfaction, satisfactionNote.trim() || null))); }}>
        <h2>{t('sd.resolve')}</h2>
        <label class="field">
          <span>{t('sd.resolution')}</span>
          <textarea data-testid="sd-resolution-text" required minLength={2} maxLength={2000} rows={2} value={resolution} onInput={(e) => setResolution(e.currentTarget.value)} />
        </label>
        <div class="form-grid">
          <EnumSelect label={t('sd.satisfaction')} testid="sd-satisfaction-select" value={satisfaction} values={SATISFACTIONS} text={(s) => t(`sd.satisfaction.${s}`)} onChange={setSatisfaction} />
          <label class="field">
            <span>{t('sd.satisfactionNote')}</span>
            <input data-testid="sd-satisfaction-note" maxLength={500} value={satisfactionNote} onInput={(e) => setSatisfactionNote(e.currentTarget.value)} />
          </label>
        </div>
        <ProblemMessage problem={resolving.problem} testid="sd-resolve-problem" />
        <button class="button primary" data-testid="sd-resolve-send" disabled={resolving.busy}>
          {t('sd.resolveSend')}
        </button>
      </form>
    </>
  );
}
