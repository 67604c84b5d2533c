import { useEffect, useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type WriteOffSummary } from '../../api.ts';
import { navigate, paths } from '../../router.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { formatDateTime, formatQuantity, formatYuan } from '../../components/format.ts';
import { UnitQuantities } from '../../components/UnitQuantities.tsx';
import { t } from './i18n.ts';
import { decidesWriteOff, requestsWriteOff } from './access.ts';
import { WriteOffStatusBadge } from './labels.tsx';

/**
 * A depot's write-off requests (报损) with status and value, and above them the requests of the
 * depots below waiting for this depot's decision (待本单位审批).
 */
export function WriteOffsSection({ depotId, version }: { depotId: number; version: number }) {
  const [list, setList] = useState<{ items: WriteOffSummary[]; toDecide: WriteOffSummary[] } | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const load = () => {
    setProblem(null);
    api.writeOffs(depotId).then(setList, (e) => setProblem(toProblem(e)));
  };
  useEffect(() => {
    setList(null);
    load();
  }, [depotId, version]);

  return (
    <section class="panel quality-write-offs" data-testid="write-offs-section" data-state={list ? 'ready' : 'loading'}>
      <div class="panel-head">
        <h2>{t('writeOff.title')}</h2>
        {requestsWriteOff(depotId) && (
          <a class="button primary" href={paths.writeOffNew(depotId)} data-testid="write-off-new">
            {t('writeOff.new')}
          </a>
        )}
      </div>
      <ProblemMessage problem={problem} onRetry={load} />
      {list && (list.toDecide.length > 0 || decidesWriteOff(depotId)) && (
        <div class={`to-decide${list.toDecide.length > 0 ? ' waiting' : ''}`} data-testid="to-decide" data-count={list.toDecide.length}>
          <h3>
            {t('writeOff.toDecide')} {list.toDecide.length > 0 && <span class="count-badge">{list.toDecide.length}</span>}
          </h3>
          <p class="hint">{t('writeOff.toDecideHint')}</p>
          {list.toDecide.length > 0 && <WriteOffTable rows={list.toDecide} showDepot testid="to-decide-table" />}
        </div>
      )}
      {list && (list.toDecide.length > 0 || decidesWriteOff(depotId)) && <h3>{t('writeOff.own')}</h3>}
      {list && (list.items.length === 0 ? <p class="note" data-testid="write-offs-none">{t('writeOff.none')}</p> : <WriteOffTable rows={list.items} testid="write-offs-table" />)}
    </section>
  );
}

function WriteOffTable({ rows, showDepot = false, testid }: { rows: WriteOffSummary[]; showDepot?: boolean; testid: string }) {
  return (
    <div class="table-wrap">
      <table class="data" data-testid={testid}>
        <thead>
          <tr>
            <th>{t('writeOff.number')}</th>
            {showDepot && <th>{t('writeOff.requestingDepot')}</th>}
            <th>{t('label.status')}</th>
            <th>{t('writeOff.requestedAt')}</th>
            <th class="num">{t('writeOff.lines')}</th>
            <th class="num">{t('label.quantity')}</th>
            <th class="num">{t('label.valueYuan')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} class={`clickable${r.status === 'withdrawn' ? ' inactive' : ''}`} data-testid="write-off-row" data-number={r.number} data-status={r.status} onClick={() => navigate(paths.writeOff(r.id))}>
              <td class="nowrap">
                <a href={paths.writeOff(r.id)} onClick={(e) => e.stopPropagation()}>
                  {r.number}
                </a>
              </td>
              {showDepot && <td>{r.depotName}</td>}
              <td>
                <WriteOffStatusBadge status={r.status} />
              </td>
              <td class="nowrap">{formatDateTime(r.requestedAt)}</td>
              <td class="num">{formatQuantity(r.lines)}</td>
              <td class="num">
                <UnitQuantities totals={r.totalsByUnit} />
              </td>
              <td class="num">{formatYuan(r.totalValueFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
