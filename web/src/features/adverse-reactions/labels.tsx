import { lang } from '../../i18n/index.ts';
import { SERIOUS_CRITERIA, type AdrStatus, type SeriousCriterion } from '../../../../server/domain/adverse-vocabulary.ts';
import { t } from './i18n.ts';

export const nameOf = (x: { nameZh: string; nameEn: string }) => (lang.value === 'en' ? x.nameEn : x.nameZh);

export function StatusBadge({ status }: { status: AdrStatus }) {
  return (
    <span class={`status-badge adr-status-${status}`} data-testid="adr-status" data-status={status}>
      {t(`adr.status.${status}`)}
    </span>
  );
}

export function SeriousTag({ serious }: { serious: boolean }) {
  return serious ? (
    <span class="tag tag-expired" data-testid="adr-serious">
      {t('adr.serious')}
    </span>
  ) : null;
}

/** The criteria met, in the regulation's order, as words. */
export const criteriaText = (criteria: readonly SeriousCriterion[]) =>
  SERIOUS_CRITERIA.filter((c) => criteria.includes(c))
    .map((c) => t(`adr.criterion.${c}`))
    .join('；');

/** Due and how late: "2026-11-25" or "2026-11-25 · 逾期". */
export function DueDate({ dueOn, overdue }: { dueOn: string; overdue: boolean }) {
  return (
    <span class={overdue ? 'adr-due overdue' : 'adr-due'} data-testid="adr-due" data-overdue={String(overdue)}>
      {dueOn}
      {overdue && <span class="tag tag-expired">{t('adr.overdue')}</span>}
    </span>
  );
}
