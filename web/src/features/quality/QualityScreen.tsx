import { useState } from 'preact/hooks';
import { ExpirySection } from './ExpirySection.tsx';
import { HoldsSection } from './HoldsSection.tsx';
import { WriteOffsSection } from './WriteOffsSection.tsx';

/**
 * A depot's non-conforming tab (不合格品, S0:419-422): expired and near-expiry stock with the
 * sweep into the red zone, the lots on hold, and the write-off requests with those waiting for
 * this depot's decision.
 */
export function QualityScreen({ depotId }: { depotId: number }) {
  const [version, setVersion] = useState(0);
  return (
    <div class="quality-screen" data-testid="quality-screen">
      <WriteOffsSection depotId={depotId} version={version} />
      <ExpirySection depotId={depotId} onSwept={() => setVersion((v) => v + 1)} />
      <HoldsSection depotId={depotId} />
    </div>
  );
}
