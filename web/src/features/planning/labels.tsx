import { t } from './i18n.ts';

export type DemandStatus = 'draft' | 'submitted' | 'returned';
export type AllocationStatus = 'draft' | 'issued';

/** A demand plan's status as a badge; none yet is a muted "not started". */
export function DemandStatusBadge({ status, testid = 'demand-status' }: { status: DemandStatus | null; testid?: string }) {
  return (
    <span class={`status-badge plan-status-${status ?? 'none'}`} data-testid={testid} data-status={status ?? 'none'}>
      {t(status ? `planStatus.${status}` : 'planStatus.none')}
    </span>
  );
}

export function AllocationStatusBadge({ status, testid = 'allocation-status' }: { status: AllocationStatus | null; testid?: string }) {
  return (
    <span class={`status-badge plan-status-${status ?? 'none'}`} data-testid={testid} data-status={status ?? 'none'}>
      {t(status ? `allocationStatus.${status}` : 'planStatus.none')}
    </span>
  );
}

/** Whether the demand plans of a year may be made: before the fourth quarter, during it, after the year began. */
export function YearStateTag({ state }: { state: 'not_open' | 'open' | 'closed' }) {
  return (
    <span class={`tag plan-year-${state}`} data-testid="demand-year-state" data-state={state}>
      {t(`planYear.${state}`)}
    </span>
  );
}

export function LateTag({ issued }: { issued: boolean }) {
  return (
    <span class="tag plan-late" data-testid="allocation-late">
      {t(issued ? 'plan.issuedLate' : 'plan.late')}
    </span>
  );
}

/** The signature line of a printed plan form: planner, the leader who signed, the date, the stamp (S0:348, 351). */
export function PlanSignatures({ testid, leader, date }: { testid: string; leader: string | null; date: string }) {
  return (
    <table class="plan-signatures" data-testid={`${testid}-signatures`}>
      <tbody>
        <tr>
          <td>{t('plan.signPlanner')}: ________________</td>
          <td data-testid={`${testid}-leader`}>
            {t('plan.signLeader')}: {leader ?? '________________'}
          </td>
          <td>
            {t('plan.signDate')}: {date || '________________'}
          </td>
          <td class="plan-stamp">{t('plan.stamp')}</td>
        </tr>
      </tbody>
    </table>
  );
}
