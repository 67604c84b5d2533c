import { asQuery, call, client } from '../../api.ts';

/** What the depot's issued allocation plans leave for one depot below: the lines an order on the plan may follow. */
export type AllocationRemaining = Awaited<ReturnType<typeof allocationRemaining>>;
export type RemainingLine = AllocationRemaining['items'][number];

export const allocationRemaining = (depotId: number, toDepotId: number) =>
  call(client.depots[':depotId']['allocation-remaining'].$get({ param: { depotId: String(depotId) }, query: asQuery({ toDepotId }) }));
