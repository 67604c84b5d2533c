import { useEffect, useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../../api.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { atOwnDepot, hasRole, session } from '../auth/session.ts';
import { getHistory, getProfile, listEquipment, type EquipmentList, type FacilityProfile, type ProfileHistory } from './facilities-api.ts';
import { ProfilePanel } from './ProfilePanel.tsx';
import { EquipmentPanel } from './EquipmentPanel.tsx';
import { t } from './i18n.ts';

/**
 * A depot's facilities (S0:304-332, 450-461): its profile against the tier's standard with the
 * gaps, the equipment register with its change requests, and (for its leader) the approvals.
 */
export function FacilitiesScreen({ depotId }: { depotId: number }) {
  const [profile, setProfile] = useState<FacilityProfile | null>(null);
  const [history, setHistory] = useState<ProfileHistory>([]);
  const [equipment, setEquipment] = useState<EquipmentList | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const load = () => {
    setProblem(null);
    Promise.all([getProfile(depotId), getHistory(depotId), listEquipment(depotId)]).then(
      ([p, h, e]) => {
        setProfile(p);
        setHistory(h.items);
        setEquipment(e);
      },
      (e) => setProblem(toProblem(e)),
    );
  };
  useEffect(load, [depotId]);
  const own = atOwnDepot(depotId);

  return (
    <section class="screen facilities-screen" data-testid="facilities-screen" data-state={profile && equipment ? 'ready' : problem ? 'error' : 'loading'}>
      <h2>{t('facilities.title')}</h2>
      <p class="hint">{t('facilities.hint')}</p>
      <ProblemMessage problem={problem} onRetry={load} />
      {profile && <ProfilePanel profile={profile} history={history} editable={own && (hasRole('leader') || (session.value?.depot.tier === 'village' && hasRole('dispenser')))} onSaved={load} />}
      {equipment && <EquipmentPanel depotId={depotId} list={equipment} own={own} onChanged={load} />}
    </section>
  );
}
