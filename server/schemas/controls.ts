import { z } from '@hono/zod-openapi';
import { MOVEMENT_KINDS } from './constants.ts';

/** Schemas of the two-person controls: reversal requests and opening windows. */

const id = z.coerce.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
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
  .object({ id: z.number().int(), depotId: z.number().int(), endsOn: z.string(), reason: z.string(), openedBy: z.number().int(), openedAt: z.string() })
  .openapi('OpeningWindow');

export const OpeningWindowListSchema = z.object({ items: z.array(OpeningWindowSchema) }).openapi('OpeningWindowList');

export const OpeningWindowQuerySchema = z.object({ depotId: id });
