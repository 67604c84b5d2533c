import type { z } from '@hono/zod-openapi';
import { asQuery, call, client } from '../../api.ts';
import type { OpeningBalanceCreateSchema } from '../../../../server/schemas/api.ts';

/** The calls of opening stock (server/routes/stock.ts): entry, confirmation, windows. */
export type OpeningBalance = Awaited<ReturnType<typeof openingBalances>>['items'][number];
export type OpeningWindow = Awaited<ReturnType<typeof openingWindows>>['items'][number];
export type OpeningBalanceCreate = z.input<typeof OpeningBalanceCreateSchema>;

const id = (n: number) => ({ id: String(n) });

export const openingBalances = (depotId: number, status?: 'awaiting_confirmation' | 'confirmed') => call(client['opening-balances'].$get({ query: asQuery({ depotId, status }) }));
export const createOpeningBalance = (input: OpeningBalanceCreate) => call(client['opening-balances'].$post({ json: input }));
export const confirmOpeningBalance = (openingBalanceId: number) => call(client['opening-balances'][':id'].confirm.$post({ param: id(openingBalanceId) }));
export const openingWindows = (depotId: number) => call(client['opening-windows'].$get({ query: asQuery({ depotId }) }));
export const openOpeningWindow = (input: { depotId: number; endsOn: string; reason: string }) => call(client['opening-windows'].$post({ json: input }));
export const closeOpeningWindow = (windowId: number) => call(client['opening-windows'][':id'].close.$post({ param: id(windowId) }));
