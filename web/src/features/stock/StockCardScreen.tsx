import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { STOCK_LOCATIONS } from '../../../../server/schemas/constants.ts';
import type { StockCard, StockCardLine } from '../../api.ts';
import { has, t } from '../../i18n/index.ts';
import { navigate, paths } from '../../router.ts';
import { ExpiryDate } from '../../components/ExpiryDate.tsx';
import { Pager } from '../../components/Pager.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { ZoneBadge } from '../../components/ZoneBadge.tsx';
import { formatDateTime, formatQuantity, formatYuan, productName, productSpec, productUnit } from '../../components/format.ts';
import { PAGE_SIZE, stockCard } from './stock-state.ts';
import { awaitingHref, awaitingWhy } from './AwaitingTag.tsx';
import { asksReversal, offersReversal, ReversalState, ReverseForm, useReversalRequests } from './CardReversal.tsx';
import type { ReversalRequest } from '../reversals/reversal-api.ts';
import './stock.css';

const positive = (text: string | null) => (text && /^[1-9]\d*$/.test(text) ? Number(text) : undefined);

/** The stock card (保管卡) of one batch at one depot: every movement with its running balance. */
export function StockCardScreen({ depotId, batchId, query }: { depotId: number; batchId: number; query: URLSearchParams }) {
  const params = { depotId, batchId, page: positive(query.get('page')) ?? 1, pageSize: PAGE_SIZE };
  const key = JSON.stringify(params);
  useEffect(() => {
    void stockCard.load(params, { force: true });
  }, [key]);

  const { data, problem, loading } = stockCard.state.value;
  const current = data && data.depot.id === depotId && data.batch.id === batchId ? data : undefined;

  return (
    <section class="screen card-screen" data-testid="card-screen" data-state={loading ? 'loading' : problem ? 'error' : 'ready'}>
      <div class="toolbar no-print">
        <a class="button" href={paths.stock(depotId)} data-testid="card-back">
          ‹ {t('button.back')}
        </a>
        <button type="button" class="button" data-testid="card-print" disabled={!current} onClick={() => window.print()}>
          {t('button.print')}
        </button>
      </div>
      <ProblemMessage problem={problem} onRetry={() => void stockCard.load(params, { force: true })} />
      {!current && loading && <p class="note">{t('label.loading')}</p>}
      {current && <CardBody card={current} busy={loading} onPage={(page) => navigate(paths.card(depotId, batchId, { page }))} />}
    </section>
  );
}

function CardBody({ card, busy, onPage }: { card: StockCard; busy: boolean; onPage: (page: number) => void }) {
  const { batch, depot } = card;
  const requests = useReversalRequests(depot.id);
  const [asking, setAsking] = useState<number | null>(null);
  const [asked, setAsked] = useState(false);
  // The request sent, the button that opened its form is gone: the focus goes to what happened.
  const told = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (asked) told.current?.focus();
  }, [asked]);
  // A reversal names the posting it reverses as its document.
  const reversed = new Set(card.items.filter((l) => l.kind === 'reversal' && l.documentType === 'posting').map((l) => l.documentId));
  for (const r of requests.byPosting.values()) if (r.status === 'approved') reversed.add(r.postingId);
  const asks = asksReversal(depot.id);
  const unit = productUnit(batch.product);
  const total = card.balances.reduce((sum, b) => sum + b.quantity, 0);
  const balances = STOCK_LOCATIONS.map((zone) => card.balances.find((b) => b.location === zone)).filter((b) => b !== undefined);
  return (
    <>
      <header class="card-head" data-testid="card-head">
        <h1>
          {t('label.stockCard')} · {productName(batch.product)}
        </h1>
        <dl class="facts">
          <div>
            <dt>{t('label.depot')}</dt>
            <dd data-testid="card-depot">
              {depot.name} <span class="muted code">{depot.code}</span>
            </dd>
          </div>
          <div>
            <dt>{t('label.spec')}</dt>
            <dd>{productSpec(batch.product)}</dd>
          </div>
          <div>
            <dt>{t('label.lot')}</dt>
            <dd class="code" data-testid="card-lot">
              {batch.lot}
            </dd>
          </div>
          <div>
            <dt>{t('label.expiresOn')}</dt>
            <dd data-testid="card-expiry">
              <ExpiryDate date={batch.expiresOn} status={card.expiryStatus} />
            </dd>
          </div>
          {batch.producedOn && (
            <div>
              <dt>{t('label.producedOn')}</dt>
              <dd>{batch.producedOn}</dd>
            </div>
          )}
          {batch.manufacturer && (
            <div>
              <dt>{t('label.manufacturer')}</dt>
              <dd>{batch.manufacturer}</dd>
            </div>
          )}
          <div>
            <dt>{t('label.unitPrice')}</dt>
            <dd>{formatYuan(batch.unitPriceFen)}</dd>
          </div>
        </dl>
        <div class="balances" data-testid="card-balances">
          <span class="balances-label">{t('label.balance')}</span>
          {balances.map((b) => (
            <ZoneBadge key={b.location} zone={b.location}>
              <strong data-testid={`card-balance-${b.location}`}>
                {' '}
                {formatQuantity(b.quantity)} {unit}
              </strong>
            </ZoneBadge>
          ))}
          <span class="balance-total">
            {t('label.total')} <strong data-testid="card-balance-total">{formatQuantity(total)}</strong> {unit}
          </span>
        </div>
        {card.awaiting && (
          <p class="notice attention card-awaiting" data-testid="card-awaiting" data-document={card.awaiting.type}>
            <a href={awaitingHref(depot.id, card.awaiting)}>{t(`awaiting.${card.awaiting.type}`)}</a> · {awaitingWhy(card.awaiting)}
          </p>
        )}
      </header>
      {asked && (
        <p class="notice no-print" role="status" tabIndex={-1} ref={told} data-testid="reverse-done">
          {t('reversal.requested')}
        </p>
      )}

      <div class="table-wrap">
        <table class="data card-table" data-testid="card-table" aria-busy={busy}>
          <thead>
            <tr>
              <th>{t('label.dateTime')}</th>
              <th>{t('label.kind')}</th>
              <th>{t('label.zone')}</th>
              <th class="num">{t('label.in')}</th>
              <th class="num">{t('label.out')}</th>
              <th class="num">{t('label.balanceAfter')}</th>
              <th class="num">{t('label.runningBalance')}</th>
              <th>{t('label.document')}</th>
              <th>{t('label.reason')}</th>
              <th>{t('label.actor')}</th>
            </tr>
          </thead>
          <tbody>
            {card.items.length === 0 && (
              <tr>
                <td colSpan={10} class="empty" data-testid="card-empty">
                  {t('label.empty')}
                </td>
              </tr>
            )}
            {card.items.map((line) => {
              const request = requests.byPosting.get(line.postingId);
              return (
                <Fragment key={line.id}>
                  <CardLine
                    line={line}
                    depotId={depot.id}
                    request={request}
                    canAsk={asks && asking === null && offersReversal(line, request, reversed.has(line.postingId))}
                    onAsk={() => (setAsked(false), setAsking(line.id))}
                  />
                  {asking === line.id && (
                    <tr class="detail-row no-print">
                      <td colSpan={10}>
                        <ReverseForm
                          postingId={line.postingId}
                          onCancel={() => setAsking(null)}
                          onDone={() => {
                            setAsking(null);
                            setAsked(true);
                            void requests.reload();
                          }}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pager page={card.page} pageSize={card.pageSize} total={card.total} onPage={onPage} />
      <p class="print-only print-footer">
        {t('label.pageInfo', { page: card.page, pages: Math.max(1, Math.ceil(card.total / card.pageSize)), total: card.total })} ·{' '}
        {t('label.printedAt', { time: formatDateTime(new Date().toISOString()) })}
      </p>
    </>
  );
}

function CardLine({ line, depotId, request, canAsk, onAsk }: { line: StockCardLine; depotId: number; request: ReversalRequest | undefined; canAsk: boolean; onAsk: () => void }) {
  const docKey = `doc.${line.documentType}`;
  return (
    <tr data-testid="card-row" data-kind={line.kind} data-zone={line.location} data-posting={line.postingId}>
      <td class="nowrap">{formatDateTime(line.postedAt)}</td>
      <td>{t(`kind.${line.kind}`)}</td>
      <td>
        <ZoneBadge zone={line.location} />
      </td>
      <td class="num qty-in">{line.quantity > 0 ? `+${formatQuantity(line.quantity)}` : ''}</td>
      <td class="num qty-out">{line.quantity < 0 ? `−${formatQuantity(-line.quantity)}` : ''}</td>
      <td class="num">{formatQuantity(line.balanceAfter)}</td>
      <td class="num strong">{formatQuantity(line.runningBalance)}</td>
      <td>
        <span class="nowrap">
          {has(docKey) ? t(docKey) : line.documentType} #{line.documentId}
        </span>
        {(request || canAsk) && (
          <div class="card-reversal no-print">
            {request && <ReversalState request={request} depotId={depotId} />}
            {canAsk && (
              <button type="button" class="button small" data-testid="reverse-open" onClick={onAsk}>
                {t('reversal.request')}
              </button>
            )}
          </div>
        )}
      </td>
      <td>{line.reason ?? ''}</td>
      <td>{line.actor.displayName}</td>
    </tr>
  );
}
