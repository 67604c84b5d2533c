import { z } from '@hono/zod-openapi';
import { calendarDate } from './dates.ts';
import { MOVEMENT_KINDS, STOCK_LOCATIONS } from './constants.ts';
import { OpeningBalanceSchema } from './api.ts';

/** Schemas of the two-person controls: reversal requests, opening balances to confirm and opening windows. */

const id = z.coerce.number().int().positive();
const isoDate = calendarDate;
const REVERSAL_STATUSES = ['pending', 'approved', 'declined'] as const;

export const ReversalRequestSchema = z
  .object({
    id: z.number().int(),
    postingId: z.number().int(),
    postingKind: z.enum(MOVEMENT_KINDS),
    depotId: z.number().int(),
    reason: z.string(),
    status: z.enum(REVERSAL_STATUSES),
    requestedBy: z.number().int(),
    requestedByName: z.string().nullable(),
    requestedAt: z.string(),
    decidedBy: z.number().int().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    reversalPostingId: z.number().int().nullable().openapi({ description: 'the reversal posting, once approved' }),
    lines: z
      .array(z.object({ batchId: z.number().int(), lot: z.string(), productId: z.number().int(), location: z.enum(STOCK_LOCATIONS), quantity: z.number().int() }))
      .openapi({ description: 'the movements of the posting to reverse, as posted: what the decision would take back' }),
  })
  .openapi('ReversalRequest');

export const ReversalRequestListSchema = z.object({ items: z.array(ReversalRequestSchema) }).openapi('ReversalRequestList');

export const ReversalRequestQuerySchema = z.object({ depotId: id, status: z.enum(REVERSAL_STATUSES).optional() });

export const ReversalDecisionSchema = z
  .strictObject({ decision: z.enum(['approved', 'declined']), reason: z.string().trim().max(500).optional() })
  .openapi('ReversalDecision');

export const OpeningWindowCreateSchema = z
  .strictObject({ depotId: z.number().int().positive(), endsOn: isoDate, reason: z.string().trim().min(2).max(500) })
  .openapi('OpeningWindowCreate');

export const OpeningWindowSchema = z
  .object({
    id: z.number().int(),
    depotId: z.number().int(),
    endsOn: z.string().openapi({ description: 'the last day (inclusive); a window closed early ends the day before it was closed' }),
    reason: z.string(),
    openedBy: z.number().int(),
    openedByName: z.string().nullable(),
    openedAt: z.string(),
    open: z.boolean().openapi({ description: 'whether opening stock may be entered in it today' }),
  })
  .openapi('OpeningWindow');

export const OpeningWindowListSchema = z.object({ items: z.array(OpeningWindowSchema) }).openapi('OpeningWindowList');

export const OpeningWindowQuerySchema = z.object({ depotId: id });

export const OPENING_BALANCE_STATES = ['awaiting_confirmation', 'confirmed'] as const;

export const OpeningBalanceQuerySchema = z.object({
  depotId: id,
  status: z.enum(OPENING_BALANCE_STATES).optional().openapi({ description: 'awaiting_confirmation: posted, neither confirmed nor reversed' }),
});

export const OpeningBalanceSummarySchema = OpeningBalanceSchema.extend({
  createdByName: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  reversed: z.boolean().openapi({ description: 'its posting was reversed: it holds nothing and needs no confirmation' }),
}).openapi('OpeningBalanceSummary');

export const OpeningBalanceListSchema = z.object({ items: z.array(OpeningBalanceSummarySchema) }).openapi('OpeningBalanceList');
