import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { ApiProblem, toProblem, type ExpiredStock, type ExpirySummary, type SweepResult } from '../../api.ts';
import { paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { details } from '../depots/depot-state.ts';
import { formatByUnit, formatQuantity, formatYuan, sumByUnit, unitName, type UnitQuantity, unitsData } from '../../components/format.ts';
import { UnitQuantities } from '../../components/UnitQuantities.tsx';
import { t } from './i18n.ts';
import { sweepsExpiry } from './access.ts';
import { nameOf } from './labels.tsx';

type ExpiredRow = ExpiredStock['items'][number];

/**
 * Expired and near-expiry stock of a depot and the depots below: totals with values (the expired
 * stock still standing in a qualified zone marked), the same by depot, the expired lots still in
 * qualified zones, and for the depot's own storekeeper or inspector the sweep that moves its own
 * into the red zone (after a confirmation, showing what moved).
 */
export function ExpirySection({ depotId, onSwept }: { depotId: number; onSwept: () => void }) {
  const [summary, setSummary] = useState<ExpirySummary | null>(null);
  const [expired, setExpired] = useState<ExpiredStock | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [swept, setSwept] = useState<SweepResult | null>(null);
  const [busy, setBusy] = useState(false);
  const load = () => {
    setProblem(null);
    return Promise.all([api.expirySummary(depotId), api.expiredStock(depotId)]).then(
      ([s, e]) => {
        setSummary(s);
        setExpired(e);
      },
      (e) => setProblem(toProblem(e)),
    );
  };
  useEffect(() => {
    setSummary(null);
    setExpired(null);
    setSwept(null);
    setConfirming(false);
    void load();
  }, [depotId]);

  async function sweep() {
    setBusy(true);
    setProblem(null);
    try {
      setSwept(await api.sweepExpired(depotId));
      setConfirming(false);
      await load();
      onSwept();
    } catch (e) {
      setProblem(toProblem(e));
    } finally {
      setBusy(false);
    }
  }

  const own = expired?.items.filter((r) => r.depotId === depotId) ?? [];
  const others = summary?.depots.some((d) => d.id !== depotId) ?? false;
  const detail = details.value.get(depotId);
  const hasChildren = detail !== undefined && !(detail instanceof ApiProblem) && detail.childCount > 0;
  const total = summary?.total;
  const units = summary?.totalByUnit;
  return (
    <section class="panel quality-expiry" data-testid="expiry-section" data-state={summary && expired ? 'ready' : 'loading'}>
      <div class="panel-head">
        <h2>{t('quality.expiry')}</h2>
        {sweepsExpiry(depotId) && expired && !confirming && (
          <button type="button" class="button danger-outline" data-testid="sweep" disabled={own.length === 0} title={own.length === 0 ? t('quality.sweepNothing') : undefined} onClick={() => (setSwept(null), setConfirming(true))}>
            {t('quality.sweep')}
          </button>
        )}
      </div>
      {summary && <p class="hint">{t('quality.nearExpiryDays', { days: summary.nearExpiryDays })}</p>}
      <ProblemMessage problem={problem} onRetry={() => void load()} />
      {confirming && (
        <div class="notice attention confirm" data-testid="sweep-confirm">
          <span>{t('quality.sweepConfirm', { lots: own.length, quantity: formatByUnit(sumByUnit(own)) })}</span>
          <button type="button" class="button danger" data-testid="sweep-do" disabled={busy} onClick={() => void sweep()}>
            {t('quality.sweepDo')}
          </button>
          <button type="button" class="button" onClick={() => setConfirming(false)}>
            {t('button.cancel')}
          </button>
        </div>
      )}
      {swept && <SweptNotice result={swept} />}
      {total && units && (
        <div class="expiry-stats" data-testid="expiry-totals">
          <Stat label={t('quality.expired')} quantities={units.expired} valueFen={total.expiredValueFen} tone={units.expired.length > 0 ? 'expired' : undefined} testid="total-expired" />
          <div class={`expiry-stat${units.expiredInQualified.length > 0 ? ' alarm' : ''}`} data-testid="total-in-qualified" data-units={unitsData(units.expiredInQualified)}>
            <span class="expiry-stat-label">{t('quality.expiredInQualified')}</span>
            <strong>
              <UnitQuantities totals={units.expiredInQualified} />
            </strong>
          </div>
          <Stat label={t('quality.nearExpiry')} quantities={units.near} valueFen={total.nearValueFen} tone={units.near.length > 0 ? 'near' : undefined} testid="total-near" />
        </div>
      )}
      {summary && (others || hasChildren) && summary.depots.length > 0 && <ByDepot summary={summary} />}
      {expired && <ExpiredLots rows={expired.items} showDepot={others || expired.items.some((r) => r.depotId !== depotId)} depotId={depotId} />}
    </section>
  );
}


function Stat({ label, quantities, valueFen, tone, testid }: { label: string; quantities: readonly UnitQuantity[]; valueFen: number; tone?: 'expired' | 'near'; testid: string }) {
  return (
    <div class={`expiry-stat${tone ? ` ${tone}` : ''}`} data-testid={testid} data-units={unitsData(quantities)}>
      <span class="expiry-stat-label">{label}</span>
      <strong>
        <UnitQuantities totals={quantities} />
      </strong>
      <span class="muted">¥{formatYuan(valueFen)}</span>
    </div>
  );
}

function ByDepot({ summary }: { summary: ExpirySummary }) {
  return (
    <div class="table-wrap">
      <table class="data" data-testid="expiry-by-depot">
        <caption>{t('quality.byDepot')}</caption>
        <thead>
          <tr>
            <th>{t('label.depot')}</th>
            <th class="num">{t('quality.expiredQuantity')}</th>
            <th class="num">{t('quality.expiredValue')}</th>
            <th class="num">{t('quality.inQualified')}</th>
            <th class="num">{t('quality.nearQuantity')}</th>
            <th class="num">{t('quality.nearValue')}</th>
          </tr>
        </thead>
        <tbody>
          {summary.depots.map((d) => (
            <tr key={d.id} class={d.expiredInQualified > 0 ? 'row-attention' : undefined} data-testid="expiry-depot-row" data-code={d.code}>
              <td>
                <a href={paths.quality(d.id)}>{d.name}</a> <span class="muted code">{d.code}</span>
              </td>
              <td class="num">
                <UnitQuantities totals={d.byUnit.expired} />
              </td>
              <td class="num">{formatYuan(d.expiredValueFen)}</td>
              <td class="num">
                {d.byUnit.expiredInQualified.length > 0 ? (
                  <strong class="qty-out">
                    <UnitQuantities totals={d.byUnit.expiredInQualified} />
                  </strong>
                ) : (
                  '0'
                )}
              </td>
              <td class="num">
                <UnitQuantities totals={d.byUnit.near} />
              </td>
              <td class="num">{formatYuan(d.nearValueFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ExpiredLots({ rows, showDepot, depotId }: { rows: ExpiredRow[]; showDepot: boolean; depotId: number }) {
  return (
    <div class="expired-lots">
      <h3>{t('quality.expiredLots')}</h3>
      {rows.length === 0 ? (
        <p class="note" data-testid="expired-lots-none">
          {t('quality.expiredLotsNone')}
        </p>
      ) : (
        <>
          <p class="hint">{t('quality.expiredLotsHint')}</p>
          <div class="table-wrap">
            <table class="data" data-testid="expired-lots">
              <thead>
                <tr>
                  {showDepot && <th>{t('label.depot')}</th>}
                  <th>{t('label.product')}</th>
                  <th>{t('label.lot')}</th>
                  <th>{t('label.expiresOn')}</th>
                  <th class="num">{t('label.quantity')}</th>
                  <th class="num">{t('label.valueYuan')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.depotId}-${r.batchId}`} class="row-expired" data-testid="expired-lot" data-lot={r.lot} data-depot={r.depotId}>
                    {showDepot && <td>{r.depotName}</td>}
                    <td>
                      {nameOf(r)} <span class="muted code">{r.productCode}</span>
                    </td>
                    <td class="code nowrap">
                      {r.lot}{' '}
                      <a class="trace-link" href={paths.trace(r.batchId, depotId)}>
                        {t('label.trace')}
                      </a>
                    </td>
                    <td class="nowrap">
                      {r.expiresOn} <span class="tag tag-expired">{t('expiry.expired')}</span>
                    </td>
                    <td class="num">
                      {formatQuantity(r.quantity)} <span class="unit">{unitName(r)}</span>
                    </td>
                    <td class="num">{formatYuan(r.valueFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function SweptNotice({ result }: { result: SweepResult }) {
  if (result.moved === 0)
    return (
      <p class="notice" data-testid="swept" data-moved="0">
        {t('quality.sweepNone')}
      </p>
    );
  return (
    <div class="notice" role="status" data-testid="swept" data-moved={result.moved}>
      <p>{t('quality.swept', { lots: result.lines.length, quantity: formatByUnit(sumByUnit(result.lines)) })}</p>
      <ul data-testid="swept-lines">
        {result.lines.map((l) => (
          <li key={l.batchId} data-lot={l.lot}>
            {nameOf(l)} · {t('label.lot')} {l.lot} · {t('label.expiresOn')} {l.expiresOn} · {formatQuantity(l.quantity)} {unitName(l)} · ¥{formatYuan(l.valueFen)}
          </li>
        ))}
      </ul>
    </div>
  );
}
