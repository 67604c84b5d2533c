import { z } from '@hono/zod-openapi';
import { DEPOT_TIERS, STORAGE_ZONES } from './constants.ts';
import { MAX_LINE_QUANTITY } from '../domain/limits.ts';

/** Stock counts (盘库, S0:384, 415): start, count, submit, the leader's decision, and the yearly status. */

const id = z.coerce.number().int().positive();
const fen = z.number().int();
const STOCK_COUNT_STATUS_NAMES = ['counting', 'submitted', 'posted', 'cancelled'] as const;

export const DepotIdParamSchema = z.object({ depotId: id.openapi({ param: { name: 'depotId', in: 'path' } }) });

export const StockCountCreateSchema = z
  .strictObject({
    depotId: z.number().int().positive(),
    zones: z.array(z.enum(STORAGE_ZONES)).min(1).max(3).optional().openapi({ description: 'default: all three zones' }),
    blind: z.boolean().default(false).openapi({ description: 'hide the book quantities from the counters until the sheet is submitted' }),
    note: z.string().trim().max(500).optional(),
  })
  .openapi('StockCountCreate');

export const StockCountLineInputSchema = z
  .strictObject({
    raw: z.string().min(1).max(500).optional().openapi({ description: 'a scanned GS1 or batch label' }),
    batchId: z.number().int().positive().optional(),
    zone: z.enum(STORAGE_ZONES),
    quantity: z.number().int().min(0).max(MAX_LINE_QUANTITY).optional().openapi({ description: 'default for a scan: the count (30) on the label, else 1' }),
    mode: z.enum(['add', 'set']).optional().openapi({ description: 'add to the line (default for a scan) or set it (default when typed)' }),
  })
  .refine((s) => (s.raw === undefined) !== (s.batchId === undefined), { message: 'scan the batch or choose it, not both', path: ['raw'] })
  .openapi('StockCountLineInput');

export const StockCountSubmitSchema = z
  .strictObject({ uncountedAsZero: z.boolean().default(false).openapi({ description: 'sign with every line not counted set to zero' }) })
  .openapi('StockCountSubmit');

export const StockCountDecideSchema = z
  .strictObject({
    decision: z.enum(['approved', 'returned']),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((d) => d.decision !== 'returned' || (d.reason !== undefined && d.reason.length > 0), { message: 'say why the count goes back', path: ['reason'] })
  .openapi('StockCountDecide');

export const StockCountListQuerySchema = z.object({
  depotId: id,
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

const signature = z.object({ userId: z.number().int(), name: z.string(), at: z.string() }).nullable();

export const StockCountLineSchema = z
  .object({
    id: z.number().int(),
    zone: z.enum(STORAGE_ZONES),
    batchId: z.number().int(),
    productId: z.number().int(),
    productCode: z.string(),
    productNameZh: z.string(),
    productNameEn: z.string(),
    unitZh: z.string(),
    unitEn: z.string(),
    lot: z.string(),
    expiresOn: z.string(),
    expected: z.number().int().nullable().openapi({ description: 'null in a blind count while counting' }),
    counted: z.number().int().nullable(),
    variance: z.number().int().nullable(),
    unitPriceFen: fen,
    varianceValueFen: fen.nullable(),
    countedBy: z.number().int().nullable(),
    countedByName: z.string().nullable(),
    countedAt: z.string().nullable(),
    entry: z.enum(['scanned', 'typed']).nullable().openapi({ description: 'how the last figure was recorded: the batch label scanned, or typed; null before it is counted' }),
  })
  .openapi('StockCountLine');

/** One unit's figures on the sheet (server/domain/stock-count.ts countTotals). */
const CountUnitTotalsSchema = z
  .object({
    unitZh: z.string().openapi({ example: '盒' }),
    unitEn: z.string().openapi({ description: 'the English name; products sharing the Chinese unit name it each their way (ampoule/tube)', example: 'box' }),
    lines: z.number().int(),
    countedLines: z.number().int(),
    expected: z.number().int().nullable().openapi({ description: 'null in a blind count while counting' }),
    counted: z.number().int().openapi({ description: 'the lines counted so far' }),
    over: z.number().int().nullable().openapi({ description: 'surplus (盘盈), a positive magnitude' }),
    short: z.number().int().nullable().openapi({ description: 'shortage (盘亏), a positive magnitude' }),
    overValueFen: fen.nullable(),
    shortValueFen: fen.nullable(),
  })
  .openapi('StockCountUnitTotals');

export const StockCountSchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    depot: z.object({ id: z.number().int(), code: z.string(), name: z.string(), tier: z.enum(DEPOT_TIERS) }),
    zones: z.array(z.enum(STORAGE_ZONES)),
    blind: z.boolean(),
    expectedHidden: z.boolean(),
    status: z.enum(STOCK_COUNT_STATUS_NAMES),
    note: z.string().nullable(),
    returnReason: z.string().nullable(),
    postingId: z.number().int().nullable(),
    signatures: z.object({ started: signature, submitted: signature, approved: signature }),
    lines: z.array(StockCountLineSchema),
    totals: z.object({
      lines: z.number().int(),
      countedLines: z.number().int(),
      byUnit: z.array(CountUnitTotalsSchema).openapi({ description: 'the quantities per unit of measure, the largest book quantity first: quantities of different units are never added up' }),
      overValueFen: fen.nullable(),
      shortValueFen: fen.nullable(),
      netValueFen: fen.nullable(),
    }),
  })
  .openapi('StockCount');

export const StockCountLineResultSchema = z.object({ line: StockCountLineSchema, count: StockCountSchema }).openapi('StockCountLineResult');

export const StockCountPageSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        number: z.string(),
        depotId: z.number().int(),
        zones: z.array(z.enum(STORAGE_ZONES)),
        blind: z.boolean(),
        status: z.enum(STOCK_COUNT_STATUS_NAMES),
        note: z.string().nullable(),
        startedBy: z.number().int(),
        startedByName: z.string(),
        startedAt: z.string(),
        submittedAt: z.string().nullable(),
        approvedAt: z.string().nullable(),
        postingId: z.number().int().nullable(),
        lines: z.number().int(),
        countedLines: z.number().int(),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .openapi('StockCountPage');

export const CountStatusSchema = z
  .object({
    depotId: z.number().int(),
    intervalMonths: z.number().int(),
    items: z.array(
      z.object({
        id: z.number().int(),
        code: z.string(),
        name: z.string(),
        tier: z.enum(DEPOT_TIERS),
        depth: z.number().int().openapi({ description: 'levels below the depot asked about (0 for itself)' }),
        lastCountedAt: z.string().nullable(),
        dueOn: z.string().nullable().openapi({ description: 'last day the next count is on time; null if never counted' }),
        overdue: z.boolean(),
        openCountId: z.number().int().nullable(),
      }),
    ),
    overdue: z.number().int(),
  })
  .openapi('StockCountStatus');
