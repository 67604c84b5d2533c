import { t } from '../../i18n/index.ts';
import { paths } from '../../router.ts';
import { details } from '../depots/depot-state.ts';
import { dispensesAt } from '../auth/session.ts';

/**
 * The people's forms where the reports live (报表): the dispensing register (form 8.3) of a depot
 * that dispenses, the users by method from the register (使用人数) and the follow-up summary (form
 * 12). They open on their own screen (features/people/PeopleReportsScreen.tsx), which lays the
 * register out with the reports' sheet.
 */
export function PeopleFormsLinks({ depotId }: { depotId: number }) {
  const detail = details.value.get(depotId);
  const tier = detail && 'tier' in detail ? detail.tier : undefined;
  const sheets = [...(tier === undefined || dispensesAt(tier) ? (['register'] as const) : []), 'users', 'summary'] as const;
  const label = { register: 'label.dispensingRegisterForm', users: 'label.userCountsForm', summary: 'label.followUpSummaryForm' } as const;
  return (
    <nav class="report-group people-forms no-print" aria-labelledby="people-forms-name" data-testid="people-forms">
      <span class="report-group-name" id="people-forms-name">
        {t('label.peopleForms')}
      </span>
      <span class="report-group-choices">
        {sheets.map((s) => (
          <a key={s} class="report-choice" href={paths.peopleReports(depotId, { sheet: s })} data-testid={`people-form-${s}`}>
            {t(label[s])}
          </a>
        ))}
      </span>
    </nav>
  );
}
