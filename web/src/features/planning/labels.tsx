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
