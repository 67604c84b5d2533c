import { asQuery, call, client } from '../../api.ts';

/** The calls of reversal requests (server/routes/stock.ts): ask, list, decide. */
export type ReversalRequest = Awaited<ReturnType<typeof reversalRequest>>;
export type ReversalStatus = ReversalRequest['status'];

const id = (n: number) => ({ id: String(n) });

export const reversalRequests = (depotId: number, status?: ReversalStatus) => call(client['reversal-requests'].$get({ query: asQuery({ depotId, status }) }));
export const reversalRequest = (requestId: number) => call(client['reversal-requests'][':id'].$get({ param: id(requestId) }));
export const requestReversal = (postingId: number, reason: string) => call(client.postings[':id'].reverse.$post({ param: id(postingId), json: { reason } }));
export const decideReversal = (requestId: number, decision: 'approved' | 'declined', reason?: string) =>
  call(client['reversal-requests'][':id'].decide.$post({ param: id(requestId), json: { decision, ...(reason ? { reason } : {}) } }));
