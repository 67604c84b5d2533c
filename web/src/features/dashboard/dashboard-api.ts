import { call, client } from '../../api.ts';

/** The dashboard call, typed from the server's route like api.ts, carried by the dashboard chunk. */
export type Dashboard = Awaited<ReturnType<typeof dashboard>>;
export type Glance = NonNullable<Dashboard['tree']>['children'][number];

export const dashboard = (depotId: number) => call(client.depots[':depotId'].dashboard.$get({ param: { depotId: String(depotId) } }));
