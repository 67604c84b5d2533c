import { z } from '@hono/zod-openapi';
import { calendarDate } from './dates.ts';
import { LABEL_SIZES, MAX_SHEET_LABELS, PRINTER_DPIS, SHEET_LAYOUT_NAMES, type PrinterDpi } from '../../labels/layouts.ts';

export { LABEL_SIZES };
import {
  DEPOT_TIERS,
  DOSAGE_FORMS,
  PRODUCT_CLASSES,
  ROLES,
  STOCK_LOCATIONS,
  STORAGE_ZONES,
  MOVEMENT_KINDS,
  PASSWORD_LENGTH,
} from './constants.ts';
import { totalsByUnit } from './units.ts';
import { MAX_LINE_QUANTITY, MAX_UNIT_PRICE_FEN } from '../domain/limits.ts';

/** Request and response schemas of the API; the OpenAPI document is generated from them. */

const id = z.coerce.number().int().positive();
const isoDate = calendarDate;

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string().optional().openapi({ description: 'The id of this request, also in the X-Request-Id header; quote it to find the request in the server’s log' }),
  })
  .openapi('Problem');

export const IdParamSchema = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) });

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

// ---- depots ----
export const DepotSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    tier: z.enum(DEPOT_TIERS),
    parentId: z.number().int().nullable(),
    /** Tells apart the many villages that share a name. */
    parentName: z.string().nullable(),
    depth: z.number().int(),
    childCount: z.number().int(),
  })
  .openapi('Depot');

export const DepotDetailSchema = DepotSchema.extend({ ancestors: z.array(DepotSchema) }).openapi('DepotDetail');

export const DepotListQuerySchema = PageQuerySchema.extend({
  under: id.optional(),
  tier: z.enum(DEPOT_TIERS).optional(),
  q: z.string().max(100).optional(),
});

// ---- catalogue ----
export const ProductSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    dosageForm: z.enum(DOSAGE_FORMS),
    productClass: z.enum(PRODUCT_CLASSES),
    specZh: z.string(),
    specEn: z.string(),
    unitZh: z.string(),
    unitEn: z.string(),
    gtin: z.string().nullable(),
    unitPriceFen: z.number().int(),
    storageMinC: z.number().nullable().openapi({ description: 'stricter storage limits than the store’s 5-25 °C / 65 % RH, if any' }),
    storageMaxC: z.number().nullable(),
    storageMaxRh: z.number().nullable(),
    annualUsePerUser: z.number().nullable().openapi({ description: '年人份标准使用量: units one user needs in a year' }),
    cypPerUnit: z.number().nullable().openapi({ description: 'couple-years of protection one unit gives (CYP conversion factor)' }),
  })
  .openapi('Product');

export const BatchSchema = z
  .object({
    id: z.number().int(),
    productId: z.number().int(),
    lot: z.string(),
    expiresOn: z.string(),
    producedOn: z.string().nullable(),
    manufacturer: z.string().nullable(),
    unitPriceFen: z.number().int(),
  })
  .openapi('Batch');

export const BatchWithProductSchema = BatchSchema.extend({ product: ProductSchema }).openapi('BatchWithProduct');

export const BatchListQuerySchema = PageQuerySchema.extend({
  productId: id.optional(),
  q: z.string().max(100).optional(),
});

// ---- stock ----
export const ExpiryStatusSchema = z.enum(['expired', 'near_expiry', 'ok']);

export const StockQuerySchema = PageQuerySchema.extend({
  depotId: id,
  scope: z.enum(['depot', 'subtree']).default('depot'),
  productId: id.optional(),
  zone: z.enum(STOCK_LOCATIONS).optional(),
  expiringBefore: isoDate.optional(),
});

/**
 * The document not yet effective that holds a depot's stock of a batch back (S0:356): a receipt
 * counted but not signed by both, an opening balance not yet confirmed by a second person.
 */
export const AwaitingDocumentSchema = z
  .object({ type: z.enum(['receipt', 'opening_balance']), id: z.number().int(), number: z.string() })
  .openapi('AwaitingDocument', { description: 'the receipt awaiting its signatures or the opening balance awaiting confirmation that holds this stock back' });

export const StockRowSchema = z
  .object({
    batchId: z.number().int(),
    lot: z.string(),
    expiresOn: z.string(),
    expiryStatus: ExpiryStatusSchema,
    product: ProductSchema,
    location: z.enum(STOCK_LOCATIONS),
    quantity: z.number().int(),
    valueFen: z.number().int(),
    depotCount: z.number().int(),
    awaiting: AwaitingDocumentSchema.nullable().openapi({ description: 'at depot scope: the document not yet effective that holds this stock back; it is neither dispensed, picked nor moved until then. Null in transit and at subtree scope' }),
  })
  .openapi('StockRow');

export const StockPageSchema = pageOf(StockRowSchema).extend({
  depot: DepotSchema,
  scope: z.enum(['depot', 'subtree']),
  totals: z.object({ valueFen: z.number().int() }),
  totalsByUnit,
});

export const StockCardQuerySchema = PageQuerySchema.extend({ depotId: id, batchId: id });

export const StockCardLineSchema = z
  .object({
    id: z.number().int(),
    postedAt: z.string(),
    kind: z.enum(MOVEMENT_KINDS),
    location: z.enum(STOCK_LOCATIONS),
    quantity: z.number().int(),
    unitPriceFen: z.number().int(),
    balanceAfter: z.number().int(),
    runningBalance: z.number().int(),
    postingId: z.number().int(),
    documentType: z.string(),
    documentId: z.number().int(),
    reason: z.string().nullable(),
    actor: z.object({ id: z.number().int(), displayName: z.string() }),
  })
  .openapi('StockCardLine');

export const StockCardSchema = pageOf(StockCardLineSchema).extend({
  depot: DepotSchema,
  batch: BatchWithProductSchema,
  expiryStatus: ExpiryStatusSchema,
  balances: z.array(z.object({ location: z.enum(STOCK_LOCATIONS), quantity: z.number().int() })),
  awaiting: AwaitingDocumentSchema.nullable().openapi({ description: 'the document not yet effective that holds the batch back at this depot' }),
});

// ---- postings ----
export const MovementSchema = z
  .object({
    id: z.number().int(),
    depotId: z.number().int(),
    location: z.enum(STOCK_LOCATIONS),
    batchId: z.number().int(),
    quantity: z.number().int(),
    unitPriceFen: z.number().int(),
    balanceAfter: z.number().int(),
    hash: z.string(),
  })
  .openapi('Movement');

export const PostingSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(MOVEMENT_KINDS),
    documentType: z.string(),
    documentId: z.number().int(),
    reversesPostingId: z.number().int().nullable(),
    reversedByPostingId: z.number().int().nullable(),
    reason: z.string().nullable(),
    actorId: z.number().int(),
    postedAt: z.string(),
    movements: z.array(MovementSchema),
  })
  .openapi('Posting');

export const PostingReverseSchema = z.strictObject({ reason: z.string().trim().min(2).max(500) }).openapi('PostingReverse');

// ---- opening balances ----
const NewBatchSchema = z.strictObject({
  productId: z.number().int().positive().optional(),
  productCode: z.string().min(1).max(40).optional(),
  lot: z.string().trim().min(1).max(20),
  expiresOn: isoDate,
  producedOn: isoDate.optional(),
  manufacturer: z.string().max(100).optional(),
});

export const OpeningBalanceLineInputSchema = z
  .strictObject({
    batchId: z.number().int().positive().optional(),
    batch: NewBatchSchema.optional(),
    zone: z.enum(STORAGE_ZONES).optional().openapi({ description: 'default: pending where the tier inspects goods-in (region, city, county), qualified elsewhere' }),
    quantity: z.number().int().positive().max(MAX_LINE_QUANTITY),
    unitPriceFen: z.number().int().min(0).max(MAX_UNIT_PRICE_FEN).optional(),
  })
  .refine((l) => (l.batchId === undefined) !== (l.batch === undefined), {
    message: 'give either batchId or batch',
    path: ['batchId'],
  })
  .openapi('OpeningBalanceLineInput');

export const OpeningBalanceCreateSchema = z
  .strictObject({
    depotId: z.number().int().positive(),
    note: z.string().max(500).optional(),
    // As the CSV import (server/services/opening-balances.ts OPENING_CSV_LIMITS): posted at once.
    lines: z.array(OpeningBalanceLineInputSchema).min(1).max(2000),
  })
  .openapi('OpeningBalanceCreate');

export const OpeningBalanceImportQuerySchema = z.object({ depotId: id, note: z.string().max(500).optional() });

export const OpeningBalanceSchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    depotId: z.number().int(),
    note: z.string().nullable(),
    createdBy: z.number().int(),
    createdAt: z.string(),
    postingId: z.number().int().nullable(),
    confirmedBy: z.number().int().nullable().openapi({ description: 'the leader or planner who confirmed it; until then its stock is not usable' }),
    confirmedAt: z.string().nullable(),
    lines: z.array(
      z.object({
        batchId: z.number().int(),
        lot: z.string(),
        productId: z.number().int(),
        zone: z.enum(STORAGE_ZONES),
        quantity: z.number().int(),
        unitPriceFen: z.number().int(),
      }),
    ),
  })
  .openapi('OpeningBalance');

// ---- users and sessions ----
export const UserSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    depotId: z.number().int(),
    depotName: z.string(),
    roles: z.array(z.enum(ROLES)),
    active: z.boolean(),
    locale: z.enum(['zh-CN', 'en']),
    createdAt: z.string(),
  })
  .openapi('User');

const password = z.string().min(PASSWORD_LENGTH.min, `at least ${PASSWORD_LENGTH.min} characters`).max(PASSWORD_LENGTH.max);
const username = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits, . _ -');

export const UserCreateSchema = z
  .strictObject({
    username,
    displayName: z.string().trim().min(1).max(60),
    password,
    depotId: z.number().int().positive(),
    roles: z.array(z.enum(ROLES)).min(1),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  })
  .openapi('UserCreate');

export const UserUpdateSchema = z
  .strictObject({
    displayName: z.string().trim().min(1).max(60).optional(),
    password: password.optional(),
    currentPassword: z.string().max(PASSWORD_LENGTH.max).optional().openapi({ description: 'your current password, required to set your own new one (422 current_password_wrong)' }),
    roles: z.array(z.enum(ROLES)).min(1).optional(),
    depotId: z.number().int().positive().optional().openapi({ description: 'move the user to another depot: every role goes except those given with the move (S0:448)' }),
    locale: z.enum(['zh-CN', 'en']).optional(),
  })
  .openapi('UserUpdate');

export const UserListQuerySchema = PageQuerySchema.extend({ depotId: id.optional(), q: z.string().max(60).optional() });

export const LoginSchema = z
  .strictObject({ username: z.string().trim().min(1).max(60), password: z.string().min(1).max(200) })
  .openapi('Login');

export const MeSchema = z
  .object({
    user: UserSchema,
    depot: DepotSchema,
    csrfToken: z.string(),
    mustChangePassword: z.boolean().openapi({ description: 'the password was reset by an admin: change it (PATCH /users/{own id}) before anything else answers (403 password_change_required)' }),
    trainingRequired: z.boolean().openapi({ description: 'a new user not yet trained (S0:466): their roles are not active, every change and every read that needs a role answers 403 training_required, until a training names them or their leader waives it' }),
    timeZone: z.string().openapi({ description: 'the depots’ time zone (IANA, e.g. Asia/Shanghai): every date and time is shown and printed in it', example: 'Asia/Shanghai' }),
    liveRefreshSeconds: z.number().int().positive().openapi({ description: 'how often a document screen left open reads its document again (config liveRefreshSeconds), so that another person’s signature or decision shows without a reload', example: 12 }),
    adverseReactionDueDays: z
      .object({ death: z.number().int(), serious: z.number().int(), other: z.number().int() })
      .openapi({ description: 'days from learning of an adverse reaction to its report being due (config adverseReactions.dueDays): a death, another serious reaction, any other; the report form shows the due date as it is filled in' }),
  })
  .openapi('Me');

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorId: z.number().int().nullable(),
    actorName: z.string().nullable(),
    depotId: z.number().int().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    detail: z.unknown(),
  })
  .openapi('AuditEntry');

export const AuditQuerySchema = PageQuerySchema.extend({ depotId: id });

export type Depot = z.infer<typeof DepotSchema>;
export type Product = z.infer<typeof ProductSchema>;
export type Batch = z.infer<typeof BatchSchema>;
export type StockRow = z.infer<typeof StockRowSchema>;
export type StockPage = z.infer<typeof StockPageSchema>;
export type StockCard = z.infer<typeof StockCardSchema>;
export type User = z.infer<typeof UserSchema>;
export type Me = z.infer<typeof MeSchema>;
export type Problem = z.infer<typeof ProblemSchema>;

// ---- receipts (goods-in) ----
const SignatureSchema = z.object({ role: z.string(), userId: z.number().int(), displayName: z.string(), signedAt: z.string(), sameSignerAllowed: z.boolean() });

export const DiscrepancySchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['short', 'damaged', 'wrong_lot']),
    batchId: z.number().int().nullable(),
    productId: z.number().int().nullable(),
    lot: z.string().nullable(),
    quantity: z.number().int(),
    note: z.string().nullable(),
    recordedAt: z.string(),
  })
  .openapi('Discrepancy');

export const ReceiptOpenSchema = z
  .strictObject({
    depotId: z.number().int().positive(),
    supplierName: z.string().trim().min(1).max(100),
    deliveryNote: z.string().trim().min(1).max(60),
    arrivedOn: isoDate.optional(),
    expectedLines: z
      .array(z.strictObject({ productId: z.number().int().positive(), lot: z.string().trim().min(1).max(20).optional(), quantity: z.number().int().positive().max(MAX_LINE_QUANTITY) }))
      .max(500)
      .optional(),
  })
  .openapi('ReceiptOpen');

export const ReceiptScanSchema = z
  .strictObject({
    raw: z.string().min(1).max(500).optional(),
    productId: z.number().int().positive().optional(),
    lot: z.string().trim().min(1).max(20).optional(),
    expiresOn: isoDate.optional(),
    quantity: z.number().int().positive().max(1_000_000).optional(),
    batchId: z.number().int().positive().optional().openapi({ description: 'a batch chosen by hand; on a transfer receipt one of the shipped lots (`shipment`)' }),
  })
  .refine((s) => s.raw !== undefined || s.productId !== undefined || s.lot !== undefined || s.batchId !== undefined, { message: 'scan something or type the product and lot', path: ['raw'] })
  .refine((s) => s.batchId === undefined || (s.raw === undefined && s.productId === undefined && s.lot === undefined && s.expiresOn === undefined), {
    message: 'a chosen batch has its product, lot and expiry: send only the quantity with it',
    path: ['batchId'],
  })
  .openapi('ReceiptScan');

export const ReceiptLineQuantitySchema = z.strictObject({ quantity: z.number().int().positive().max(1_000_000).openapi({ description: 'the recounted quantity; to take a line out, DELETE it' }) }).openapi('ReceiptLineQuantity');

export const ReceiptLineDetailsSchema = z
  .strictObject({
    unitPriceFen: z.number().int().min(0).max(MAX_UNIT_PRICE_FEN).optional().openapi({ description: 'the actual unit purchase price on the delivery note, in fen (S0:404, 412)' }),
    manufacturer: z.string().trim().min(1).max(100).optional(),
    producedOn: isoDate.optional(),
  })
  .openapi('ReceiptLineDetails');

export const ReceiptCancelSchema = z.strictObject({ reason: z.string().trim().min(1).max(200) }).openapi('ReceiptCancel');

export const ReceiptLineParamSchema = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }), batchId: id.openapi({ param: { name: 'batchId', in: 'path' } }) });

const RECEIPT_STATUS = z.enum(['open', 'counted', 'effective', 'cancelled']);

export const ReceiptSignSchema = z.strictObject({ role: z.enum(['planner', 'storekeeper']) }).openapi('ReceiptSign');

export const ReceiptSchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    depotId: z.number().int(),
    supplierName: z.string(),
    deliveryNote: z.string(),
    arrivedOn: z.string(),
    status: RECEIPT_STATUS,
    source: z.enum(['supplier', 'transfer']),
    transferOrderId: z.number().int().nullable(),
    pendingCarton: z.unknown().nullable(),
    countedAt: z.string().nullable(),
    countedBy: z.number().int().nullable(),
    countedLate: z.boolean().nullable(),
    postingId: z.number().int().nullable(),
    effectiveAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    cancelledBy: z.number().int().nullable(),
    cancelReason: z.string().nullable(),
    createdBy: z.number().int(),
    createdAt: z.string(),
    lines: z.array(
      z.object({
        batchId: z.number().int(),
        productId: z.number().int(),
        productCode: z.string(),
        productNameZh: z.string(),
        productNameEn: z.string(),
        lot: z.string(),
        expiresOn: z.string(),
        quantity: z.number().int(),
        scans: z.number().int().openapi({ description: 'entries that made the line: scans, typed entries and corrections' }),
        typedScans: z.number().int().openapi({ description: 'of those, typed by hand (no readable label, or a correction)' }),
        unitPriceFen: z.number().int().openapi({ description: 'the actual purchase price of the delivery note (实际进价, S0:412) once entered; the batch’s (catalogue) price until then' }),
        priceEntered: z.boolean().openapi({ description: 'whether the actual price was entered from the delivery note' }),
        manufacturer: z.string().nullable(),
        producedOn: z.string().nullable().openapi({ description: 'production date (AI 11 or typed)' }),
        valueFen: z.number().int(),
      }),
    ),
    shipment: z
      .array(
        z.object({
          batchId: z.number().int(),
          productId: z.number().int(),
          productCode: z.string(),
          productNameZh: z.string(),
          productNameEn: z.string(),
          unitZh: z.string(),
          unitEn: z.string(),
          gtin: z.string().nullable(),
          lot: z.string(),
          expiresOn: z.string(),
          shipped: z.number().int(),
          counted: z.number().int(),
        }),
      )
      .nullable()
      .openapi({ description: 'on a transfer receipt, the lots the shipment carried and how many of each are counted so far; null on a supplier’s receipt' }),
    comparison: z.array(
      z.object({
        productId: z.number().int(),
        productNameZh: z.string(),
        productNameEn: z.string(),
        unitZh: z.string(),
        unitEn: z.string(),
        lot: z.string().nullable().openapi({ description: 'null: expected by product, any lot' }),
        expected: z.number().int(),
        counted: z.number().int(),
        status: z.enum(['matched', 'short', 'over', 'unexpected', 'missing']),
      }),
    ),
    signatures: z.array(SignatureSchema),
    discrepancies: z.array(DiscrepancySchema),
    totals: z.object({ quantity: z.number().int().openapi({ description: 'all units added up; show totalsByUnit instead' }), valueFen: z.number().int() }),
    totalsByUnit,
  })
  .openapi('Receipt');

const PendingCartonSchema = z.union([z.object({ productId: z.number().int() }), z.object({ lot: z.string(), expiresOn: z.string().optional() })]);

export const ReceiptScanResultSchema = z
  .object({
    outcome: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('awaiting').openapi({ description: 'half a carton scanned: the other barcode is awaited' }), carton: PendingCartonSchema }),
      z.object({
        kind: z.literal('line'),
        productId: z.number().int(),
        batchId: z.number().int(),
        lot: z.string(),
        expiresOn: z.string(),
        producedOn: z.string().optional(),
        quantity: z.number().int(),
        entry: z.enum(['scanned', 'typed']),
      }),
    ]),
    receipt: ReceiptSchema,
  })
  .openapi('ReceiptScanResult');

// ---- inspections ----
export const InspectionCreateSchema = z
  .strictObject({
    depotId: z.number().int().positive(),
    batchId: z.number().int().positive(),
    kind: z.enum(['receipt', 'storage', 'pre_issue']),
    receiptId: z.number().int().positive().optional(),
    openingBalanceId: z.number().int().positive().optional().openapi({ description: 'for kind receipt: opening stock in the pending zone, where the tier inspects goods-in, instead of a receipt' }),
    checklist: z.record(z.string().max(60), z.boolean()),
    passedQuantity: z.number().int().min(0).max(MAX_LINE_QUANTITY),
    failedQuantity: z.number().int().min(0).max(MAX_LINE_QUANTITY),
    nonconformities: z.array(z.enum(['expired', 'inner_pack_broken', 'count_differs_from_label', 'markings_missing', 'visible_defect'])).max(5).default([]),
    suspectedQualityChange: z.boolean().optional(),
    note: z.string().max(500).optional(),
  })
  .openapi('InspectionCreate');

export const InspectionSchema = z
  .object({
    id: z.number().int(),
    depotId: z.number().int(),
    batchId: z.number().int(),
    kind: z.enum(['receipt', 'storage', 'pre_issue']),
    receiptId: z.number().int().nullable(),
    openingBalanceId: z.number().int().nullable(),
    checklist: z.record(z.string(), z.boolean()),
    passedQuantity: z.number().int(),
    failedQuantity: z.number().int(),
    nonconformities: z.array(z.string()),
    suspectedQualityChange: z.boolean(),
    note: z.string().nullable(),
    inspectorId: z.number().int(),
    inspectedAt: z.string(),
    supplierReturns: z.array(
      z.object({ id: z.number().int(), depotId: z.number().int(), inspectionId: z.number().int(), batchId: z.number().int(), quantity: z.number().int(), createdBy: z.number().int(), createdAt: z.string() }),
    ),
    qualityProblemReports: z.array(
      z.object({
        id: z.number().int(),
        depotId: z.number().int(),
        inspectionId: z.number().int(),
        batchId: z.number().int(),
        quantity: z.number().int(),
        kinds: z.array(z.string()),
        status: z.enum(['draft', 'submitted']),
        createdAt: z.string(),
      }),
    ),
  })
  .openapi('Inspection');

export const ChecklistsSchema = z.record(z.enum(DOSAGE_FORMS), z.array(z.string())).openapi('Checklists');

export const NotificationSchema = z
  .object({
    id: z.number().int(),
    depotId: z.number().int(),
    role: z.enum(ROLES),
    kind: z.string(),
    entity: z.string(),
    entityId: z.number().int(),
    message: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable().openapi({ description: 'when this user read it' }),
    params: z.record(z.string(), z.union([z.string(), z.number()])).openapi({
      description: 'what the text names, for each language to word `kind` and link to the document: e.g. number, productZh, productEn, lot, depot, depotId, batchId, quantity, reason, username, by (who reset a password)',
      example: { number: 'DB-640121-0003' },
    }),
  })
  .openapi('Notification');

export const NotificationCountSchema = z.object({ unread: z.number().int().openapi({ description: 'how many notifications to this user’s roles at their depot they have not read' }) }).openapi('NotificationCount');

export const NotificationListSchema = z.object({ items: z.array(NotificationSchema), unread: z.number().int().openapi({ description: 'how many of the items this user has not read' }) }).openapi('NotificationList');

export const ReceiptListQuerySchema = PageQuerySchema.extend({ depotId: id });
export const ReceiptSummarySchema = z
  .object({ id: z.number().int(), number: z.string(), supplierName: z.string(), deliveryNote: z.string(), arrivedOn: z.string(), status: RECEIPT_STATUS, createdAt: z.string() })
  .openapi('ReceiptSummary');
export type Receipt = z.infer<typeof ReceiptSchema>;

export const ProductCreateSchema = z
  .strictObject({
    code: z.string().trim().regex(/^[A-Z0-9-]{2,20}$/, 'capital letters, digits and -'),
    nameZh: z.string().trim().min(1).max(80),
    nameEn: z.string().trim().min(1).max(120),
    dosageForm: z.enum(DOSAGE_FORMS),
    productClass: z.enum(PRODUCT_CLASSES),
    specZh: z.string().trim().min(1).max(60),
    specEn: z.string().trim().min(1).max(80),
    unitZh: z.string().trim().min(1).max(10),
    unitEn: z.string().trim().min(1).max(20),
    gtin: z.string().regex(/^\d{8}$|^\d{12,14}$/, 'GTIN-8, -12, -13 or -14').optional(),
    unitPriceFen: z.number().int().min(0).max(MAX_UNIT_PRICE_FEN),
    storageMinC: z.number().min(-30).max(40).optional(),
    storageMaxC: z.number().min(-30).max(50).optional(),
    storageMaxRh: z.number().min(10).max(100).optional(),
  })
  .openapi('ProductCreate');

/** The planning and indicator factors of a product, editable at the region (admin, planner, leader). */
export const ProductUpdateSchema = z
  .strictObject({
    cypPerUnit: z.number().gt(0).max(20).optional(),
    annualUsePerUser: z.number().gt(0).max(10_000).optional(),
  })
  .openapi('ProductUpdate');

// ---- transfers (issuing) ----
const quantity = z.number().int().positive().max(MAX_LINE_QUANTITY);
const TRANSFER_STATUS = z.enum(['awaiting_approval', 'approved', 'declined', 'dispatched', 'received', 'cancelled']);
const TRANSFER_BASIS = z.enum(['allocation_plan', 'new_product', 'temporary']);

export const TransferOrderCreateSchema = z
  .strictObject({
    fromDepotId: z.number().int().positive(),
    toDepotId: z.number().int().positive(),
    basis: TRANSFER_BASIS,
    planReference: z.string().trim().min(1).max(60).optional().openapi({ description: 'for basis new_product: the national allocation’s document number (required)' }),
    allocationPlanId: z.number().int().positive().optional().openapi({ description: 'for basis allocation_plan: the issued allocation plan the order follows (required)' }),
    note: z.string().trim().max(500).optional(),
    lines: z.array(z.strictObject({ productId: z.number().int().positive(), quantity })).min(1).max(200),
  })
  .openapi('TransferOrderCreate');

export const TransferOrderDecideSchema = z
  .strictObject({ decision: z.enum(['approved', 'declined']), reason: z.string().trim().max(500).optional() })
  .openapi('TransferOrderDecide');

export const PickScanSchema = z
  .strictObject({
    raw: z.string().min(1).max(500).optional(),
    batchId: z.number().int().positive().optional(),
    quantity: quantity.optional(),
    reason: z.string().trim().max(200).optional(),
  })
  .refine((s) => s.raw !== undefined || s.batchId !== undefined, { message: 'scan the batch or choose it', path: ['raw'] })
  .openapi('PickScan');

const depotRef = z.object({ id: z.number().int(), code: z.string(), name: z.string(), tier: z.enum(DEPOT_TIERS) });

export const TransferOrderSchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    fromDepotId: z.number().int(),
    toDepotId: z.number().int(),
    fromDepot: depotRef,
    toDepot: depotRef,
    basis: TRANSFER_BASIS,
    lateral: z.boolean(),
    planReference: z.string().nullable(),
    note: z.string().nullable(),
    status: TRANSFER_STATUS,
    approvalDepotId: z.number().int().nullable(),
    createdBy: z.number().int(),
    createdAt: z.string(),
    dispatchedBy: z.number().int().nullable(),
    dispatchedByName: z.string().nullable(),
    dispatchedAt: z.string().nullable(),
    dispatchPostingId: z.number().int().nullable(),
    receivedAt: z.string().nullable(),
    lines: z.array(
      z.object({
        id: z.number().int(),
        productId: z.number().int(),
        productCode: z.string(),
        productNameZh: z.string(),
        productNameEn: z.string(),
        gtin: z.string().nullable(),
        quantity: z.number().int(),
        picked: z.number().int(),
        remaining: z.number().int(),
        shortfall: z.number().int(),
        proposals: z.array(
          z.object({ batchId: z.number().int(), lot: z.string(), expiresOn: z.string(), quantity: z.number().int(), available: z.number().int(), nearExpiry: z.boolean(), preIssueCheckDue: z.boolean(), climateExposed: z.boolean() }),
        ),
      }),
    ),
    picks: z.array(
      z.object({
        id: z.number().int(),
        orderLineId: z.number().int(),
        batchId: z.number().int(),
        productId: z.number().int(),
        lot: z.string(),
        expiresOn: z.string(),
        quantity: z.number().int(),
        unitPriceFen: z.number().int(),
        valueFen: z.number().int(),
        overrideReason: z.string().nullable(),
        entry: z.enum(['scanned', 'typed']).openapi({ description: 'the batch scanned from its label, or chosen by hand' }),
        pickedBy: z.number().int(),
        pickedByName: z.string(),
        pickedAt: z.string(),
      }),
    ),
    approval: z.object({ decision: z.enum(['approved', 'declined']), reason: z.string().nullable(), userId: z.number().int(), displayName: z.string(), decidedAt: z.string(), depotId: z.number().int() }).nullable(),
    discrepancies: z.array(DiscrepancySchema),
    receipt: z
      .object({ id: z.number().int(), number: z.string(), status: RECEIPT_STATUS, countedAt: z.string().nullable(), effectiveAt: z.string().nullable(), signatures: z.array(SignatureSchema) })
      .nullable(),
    totals: z.object({ quantity: z.number().int().openapi({ description: 'all units added up; show totalsByUnit instead' }), valueFen: z.number().int() }),
    totalsByUnit,
  })
  .openapi('TransferOrder');

export const PickResultSchema = z
  .object({
    pick: z.object({ id: z.number().int(), batchId: z.number().int(), lot: z.string(), quantity: z.number().int(), offProposal: z.boolean(), entry: z.enum(['scanned', 'typed']) }),
    order: TransferOrderSchema,
  })
  .openapi('PickResult');

export const TransferOrderListQuerySchema = PageQuerySchema.extend({ depotId: id, direction: z.enum(['out', 'in', 'both']).default('both') });

export const TransferOrderSummarySchema = z
  .object({
    id: z.number().int(),
    number: z.string(),
    fromDepotId: z.number().int(),
    fromDepotName: z.string(),
    toDepotId: z.number().int(),
    toDepotName: z.string(),
    basis: TRANSFER_BASIS,
    lateral: z.boolean(),
    status: TRANSFER_STATUS,
    createdAt: z.string(),
    dispatchedAt: z.string().nullable(),
  })
  .openapi('TransferOrderSummary');

export const TransferOrderPageSchema = pageOf(TransferOrderSummarySchema).extend({ awaitingMyApproval: z.array(z.object({ id: z.number().int(), number: z.string() })) });

export const DiscrepancyCreateSchema = z
  .strictObject({
    kind: z.enum(['damaged', 'wrong_lot']),
    batchId: z.number().int().positive().optional(),
    productId: z.number().int().positive().optional(),
    lot: z.string().trim().min(1).max(20).optional(),
    quantity,
    note: z.string().trim().max(200).optional(),
  })
  .openapi('DiscrepancyCreate');

// ---- dispensing ----
export const DispenseSchema = z
  .strictObject({
    depotId: z.number().int().positive(),
    raw: z.string().min(1).max(500).optional(),
    batchId: z.number().int().positive().optional(),
    quantity: z.number().int().positive().max(10_000).optional(),
    packIntact: z.boolean(),
    expiryChecked: z.boolean(),
    recipient: z.string().trim().max(60).optional(),
    personId: z.number().int().positive().optional().openapi({ description: 'the registered person it is for (GET /people); required for the methods that need one where the depot keeps a register' }),
  })
  .refine((s) => s.raw !== undefined || s.batchId !== undefined, { message: 'scan the batch or choose it', path: ['raw'] })
  .openapi('Dispense');

export const DispensingSchema = z
  .object({
    id: z.number().int(),
    batchId: z.number().int(),
    productId: z.number().int(),
    productCode: z.string(),
    productNameZh: z.string(),
    productNameEn: z.string(),
    lot: z.string(),
    expiresOn: z.string(),
    quantity: z.number().int(),
    entry: z.enum(['scanned', 'typed']).openapi({ description: 'the batch scanned from its label, or chosen by hand' }),
    personId: z.number().int().nullable(),
    caseNumber: z.string().nullable().openapi({ description: 'the registered person’s case number; null when anonymous' }),
  })
  .openapi('Dispensing');

export const DispensingListQuerySchema = PageQuerySchema.extend({ depotId: id });
export const DispensingRowSchema = DispensingSchema.extend({ recipient: z.string().nullable(), dispensedBy: z.string(), dispensedAt: z.string() }).openapi('DispensingRow');

export type TransferOrder = z.infer<typeof TransferOrderSchema>;
export type TransferOrderCreate = z.infer<typeof TransferOrderCreateSchema>;

// ---- labels ----

/** The printer a label is drawn for: its barcode modules are whole dots of this resolution. */
const printerDpi = z
  .enum(PRINTER_DPIS.map(String) as ['203', '300', '600'])
  .transform((dpi) => Number(dpi) as PrinterDpi)
  .optional()
  .openapi({ description: 'Printer resolution in dots per inch; default the label size’s or layout’s own: 203 for the thermal 50×30 and 100×50 mm labels, 300 for the A4 sheets' });

export const LabelQuerySchema = z.object({
  /** svg: the whole label; png: its barcode, one pixel a printer dot; pdf: the whole label, one page of its size. */
  format: z.enum(['svg', 'png', 'pdf']).default('svg'),
  size: z.enum(Object.keys(LABEL_SIZES) as [keyof typeof LABEL_SIZES, ...(keyof typeof LABEL_SIZES)[]]).default('50x30'),
  dpi: printerDpi,
  /** The depot named on a batch label; the reader's own depot when absent. */
  depotId: id.optional(),
});

const labelItem = z
  .string()
  .regex(/^(batch:\d{1,12}(@\d{1,12})?|zone:\d{1,12}:(pending|qualified|nonconforming)|document:(receipt|transfer_order|shipment):\d{1,12})(\*\d{1,4})?$/, 'batch:<id>[@<depotId>], zone:<depotId>:<zone> or document:<type>:<id>, then *<copies>')
  .transform((item) => {
    const [ref, copies] = item.split('*') as [string, string | undefined];
    const parts = ref.split(':');
    const n = Number(copies ?? 1);
    if (parts[0] === 'batch') {
      const [batchId, depotId] = parts[1]!.split('@');
      return { ref: { kind: 'batch' as const, id: Number(batchId), ...(depotId ? { depotId: Number(depotId) } : {}) }, copies: n };
    }
    if (parts[0] === 'zone') return { ref: { kind: 'zone' as const, depotId: Number(parts[1]), zone: parts[2] as 'pending' | 'qualified' | 'nonconforming' }, copies: n };
    return { ref: { kind: 'document' as const, documentType: parts[1] as 'receipt' | 'transfer_order' | 'shipment', id: Number(parts[2]) }, copies: n };
  });

export const LabelSheetQuerySchema = z.object({
  /** html prints from the browser at exact size; pdf downloads the same sheet with the fonts embedded. */
  format: z.enum(['html', 'pdf']).default('html'),
  dpi: printerDpi,
  layout: z.enum(SHEET_LAYOUT_NAMES as [string, ...string[]]).default('a4-3x8') as unknown as z.ZodDefault<z.ZodEnum<{ [K in (typeof SHEET_LAYOUT_NAMES)[number]]: K }>>,
  /** Comma-separated: batch:12*3,zone:5:qualified,document:receipt:7 */
  items: z
    .string()
    .max(20_000)
    .transform((s, ctx) => {
      const parsed = s.split(',').filter(Boolean).map((item) => labelItem.safeParse(item));
      const bad = parsed.findIndex((p) => !p.success);
      if (parsed.length === 0 || bad >= 0) {
        ctx.addIssue({ code: 'custom', message: parsed.length === 0 ? 'name at least one label' : `item ${bad + 1} is not batch:<id>, zone:<depotId>:<zone> or document:<type>:<id>` });
        return z.NEVER;
      }
      const items = parsed.map((p) => p.data!);
      if (items.reduce((n, i) => n + i.copies, 0) > MAX_SHEET_LABELS) {
        ctx.addIssue({ code: 'custom', message: `at most ${MAX_SHEET_LABELS} labels a sheet` });
        return z.NEVER;
      }
      return items;
    })
    .openapi({ type: 'string', example: 'batch:12*3,zone:5:qualified,document:receipt:7' }),
});

// ---- zone moves ----
export const ZoneMoveSchema = z
  .strictObject({
    depotId: z.number().int().positive(),
    raw: z.string().min(1).max(500).optional().openapi({ description: 'the scanned batch label (FP1:B:<id>) or GS1 string with GTIN and lot' }),
    batchId: z.number().int().positive().optional(),
    fromZone: z.enum(STORAGE_ZONES),
    toZone: z.enum(STORAGE_ZONES),
    quantity: z.number().int().positive().max(MAX_LINE_QUANTITY),
    reason: z.string().trim().max(200).optional(),
  })
  .refine((s) => (s.raw === undefined) !== (s.batchId === undefined), { message: 'scan the batch or choose it, not both', path: ['raw'] })
  .openapi('ZoneMove');

export const ZoneMoveResultSchema = z
  .object({
    id: z.number().int(),
    postingId: z.number().int(),
    batchId: z.number().int(),
    lot: z.string(),
    fromZone: z.enum(STORAGE_ZONES),
    toZone: z.enum(STORAGE_ZONES),
    quantity: z.number().int(),
    entry: z.enum(['scanned', 'typed']),
  })
  .openapi('ZoneMoveResult');
