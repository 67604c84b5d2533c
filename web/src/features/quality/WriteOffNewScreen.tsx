import * as api from '../../api.ts';
import { navigate, paths } from '../../router.ts';
import { t } from './i18n.ts';
import { requestsWriteOff } from './access.ts';
import { atOwnDepot } from '../auth/session.ts';
import { WriteOffForm } from './WriteOffForm.tsx';

/** A new write-off request of the depot's red-zone stock; once submitted, its own screen. */
export function WriteOffNewScreen({ depotId }: { depotId: number }) {
  return (
    <section class="write-off-new" data-testid="write-off-new-screen">
      <div class="panel-head">
        <h2>{t('writeOff.newTitle')}</h2>
        <a class="button" href={paths.quality(depotId)} data-testid="write-off-new-back">
          ‹ {t('label.quality')}
        </a>
      </div>
      {requestsWriteOff(depotId) ? (
        <WriteOffForm
          depotId={depotId}
          submitLabel={t('writeOff.submit')}
          onSubmit={async (input) => navigate(paths.writeOff((await api.requestWriteOff({ depotId, ...input })).id))}
          onCancel={() => navigate(paths.quality(depotId))}
        />
      ) : (
        <p class="note" data-testid="write-off-not-allowed">
          {t(atOwnDepot(depotId) ? 'error.role_required' : 'error.out_of_scope')}
        </p>
      )}
    </section>
  );
}
