import { hc, type ClientResponse } from 'hono/client';
import type { z } from '@hono/zod-openapi';
import type { AppType } from '../../server/app.ts';
import type {
  Depot,
  DepotDetailSchema,
  DepotListQuerySchema,
  Me,
  Product,
  StockCard,
  StockCardQuerySchema,
  StockPage,
  StockQuerySchema,
  User,
  UserCreateSchema,
  UserListQuerySchema,
  UserSchema,
  UserUpdateSchema,
  DepotSchema,
  pageOf,
  ProductCreateSchema,
  ReceiptOpenSchema,
  ReceiptScanSchema,
  TransferOrderCreateSchema,
  PickScanSchema,
  DiscrepancyCreateSchema,
  DispenseSchema,
  ZoneMoveSchema,
  InspectionCreateSchema,
  LabelSheetQuerySchema,
  LABEL_SIZES,
} from '../../server/schemas/api.ts';
import type { StorageZone } from '../../server/schemas/constants.ts';
import type { AcknowledgeSchema, AreaCreateSchema, AreaUpdateSchema, CsvImportSchema, ReadingCreateSchema } from '../../server/schemas/climate.ts';
import type { StockCountCreateSchema, StockCountLineInputSchema } from '../../server/schemas/counts.ts';
import type { DisposalSchema, HoldCreateSchema, WriteOffCreateSchema, WriteOffResubmitSchema } from '../../server/schemas/quality.ts';
import { REQUEST_ID_LENGTH, requestIdFrom } from '../../server/schemas/request-id.ts';

/**
 * The typed client of the server's JSON API, built with hono/client from the server's route
 * types (`AppType`): paths, params, queries and bodies are checked against the routes, and
 * the answers are the types of the server's zod schemas (types only: no zod in the bundle).
 * Every non-2xx answer becomes an ApiProblem carrying the problem+json `code`.
 */

export type { Depot, Me, Product, StockCard, StockPage, User };
export type DepotDetail = z.infer<typeof DepotDetailSchema>;
export type StockRow = StockPage['items'][number];
export type StockCardLine = StockCard['items'][number];
export type DepotPage = z.infer<ReturnType<typeof pageOf<typeof DepotSchema>>>;
export type UserPage = z.infer<ReturnType<typeof pageOf<typeof UserSchema>>>;
export type UserCreate = z.input<typeof UserCreateSchema>;
export type UserUpdate = z.input<typeof UserUpdateSchema>;

/** Query parameters as the server parses them; the ones with defaults may be left out. */
type Query<S extends z.ZodType, Required extends keyof z.infer<S> = never> = Pick<z.infer<S>, Required> &
  Partial<Omit<z.infer<S>, Required>>;
export type DepotQuery = Query<typeof DepotListQuerySchema>;
export type StockQuery = Query<typeof StockQuerySchema, 'depotId'>;
export type StockCardQuery = Query<typeof StockCardQuerySchema, 'depotId' | 'batchId'>;
export type UserQuery = Query<typeof UserListQuerySchema>;

export interface FieldError {
  path: string;
  message: string;
}

/** Codes the client itself can raise, besides the server's ERROR_STATUS codes. */
export type ClientErrorCode = 'network_error' | 'internal_error' | 'unexpected_response';

export class ApiProblem extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly data?: Record<string, unknown>,
    /** The X-Request-Id of the call, for the user to quote; the server logs its requests under it. */
    readonly requestId?: string,
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'ApiProblem';
  }
}

export function toProblem(error: unknown): ApiProblem {
  if (error instanceof ApiProblem) return error;
  return new ApiProblem('unexpected_response', 0, error instanceof Error ? error.message : String(error));
}

let csrfToken: string | null = null;
let sessionLost: (() => void) | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when an authenticated call answers 401: the session expired or was ended elsewhere. */
export function onSessionLost(listener: () => void) {
  sessionLost = listener;
}

let passwordChangeRequired: (() => void) | null = null;

/** Called when a call answers 403 password_change_required: an admin's one-time password is still in force. */
export function onPasswordChangeRequired(listener: () => void) {
  passwordChangeRequired = listener;
}

/** Query values travel as strings; empty ones are left out. */
type AsQuery<T> = { [K in keyof T as undefined extends T[K] ? K : K]: T[K] extends number | undefined ? string : T[K] };

export function asQuery<T extends object>(query: T): AsQuery<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') out[key] = typeof value === 'number' ? String(value) : value;
  }
  return out as AsQuery<T>;
}

const sentRequestIds = new WeakMap<Response, string>();

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A v4 UUID; crypto.randomUUID exists only on https pages and localhost, and depots serve plain http too. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let nextKey: string | null = null;

/**
 * Runs `send` (one call of this module) with the given Idempotency-Key, so that a retry of the
 * same action carries the same key and the server applies it once (server/http/idempotency.ts).
 * hono/client reads the headers while the call is made, before its first await: the key is
 * taken there, and is gone again when `send` returns.
 */
export function withIdempotencyKey<T>(key: string, send: () => Promise<T>): Promise<T> {
  nextKey = key;
  try {
    return send();
  } finally {
    nextKey = null;
  }
}

/**
 * Every call carries an id of its own, which the server adopts: so even a call that got no
 * answer from the server (network_error, a proxy's error page) has an id to quote, and the
 * server's log shows whether it arrived.
 */
async function fetchWithRequestId(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const requestId = requestIdFrom(crypto.getRandomValues(new Uint8Array(REQUEST_ID_LENGTH)));
  const headers = new Headers(init?.headers);
  headers.set('x-request-id', requestId);
  // Every change carries a key of its own: a proxy or the browser repeating it cannot apply it twice.
  if (MUTATING.has((init?.method ?? 'GET').toUpperCase()) && !headers.has('idempotency-key')) headers.set('idempotency-key', newIdempotencyKey());
  try {
    const res = await fetch(input, { ...init, headers });
    sentRequestIds.set(res, requestId);
    return res;
  } catch (error) {
    throw new ApiProblem('network_error', 0, error instanceof Error ? error.message : String(error), [], undefined, requestId);
  }
}

export const client = hc<AppType>('/api', {
  fetch: fetchWithRequestId,
  init: { credentials: 'same-origin' },
  headers: (): Record<string, string> => ({
    accept: 'application/json',
    ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
    ...(nextKey ? { 'idempotency-key': nextKey } : {}),
  }),
});

async function problemOf(res: Response): Promise<ApiProblem> {
  const type = res.headers.get('content-type') ?? '';
  const requestId = res.headers.get('x-request-id') ?? sentRequestIds.get(res);
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<{ code: string; detail: string; errors: FieldError[]; data: Record<string, unknown>; requestId: string }>;
      if (typeof body.code === 'string') return new ApiProblem(body.code, res.status, body.detail ?? '', body.errors ?? [], body.data, body.requestId ?? requestId);
    } catch {
      // fall through: a JSON content type with an unreadable body
    }
  }
  const code = res.status >= 500 ? 'internal_error' : 'unexpected_response';
  return new ApiProblem(code, res.status, res.statusText || `HTTP ${res.status}`, [], undefined, requestId);
}

/** The success body of a typed call: ApiProblem for every non-2xx answer, undefined for 204. */
type Success<R> = R extends ClientResponse<infer T, infer S, 'json'> ? (S extends 200 | 201 ? T : never) : never;

export async function call<R extends ClientResponse<unknown, number, string>>(pending: Promise<R>, options: { auth?: boolean } = {}): Promise<Success<R>> {
  let res: Response;
  try {
    res = (await pending) as unknown as Response;
  } catch (error) {
    if (error instanceof ApiProblem) throw error;
    throw new ApiProblem('network_error', 0, error instanceof Error ? error.message : String(error));
  }
  if (!res.ok) {
    const problem = await problemOf(res);
    if (problem.status === 401 && problem.code === 'unauthenticated' && options.auth !== false) sessionLost?.();
    if (problem.code === 'password_change_required') passwordChangeRequired?.();
    throw problem;
  }
  if (res.status === 204) return undefined as Success<R>;
  try {
    return (await res.json()) as Success<R>;
  } catch {
    throw new ApiProblem('unexpected_response', res.status, 'The answer is not JSON');
  }
}

const id = (n: number) => ({ id: String(n) });

// ---- auth ----
export const login = (username: string, password: string) => call(client.auth.login.$post({ json: { username, password } }), { auth: false });
export const me = () => call(client.auth.me.$get(), { auth: false });
export const logout = () => call(client.auth.logout.$post(), { auth: false }).then(() => undefined);

// ---- depots ----
export const depot = (depotId: number) => call(client.depots[':id'].$get({ param: id(depotId) }));
export const children = (depotId: number) => call(client.depots[':id'].children.$get({ param: id(depotId) }));
export const searchDepots = (query: DepotQuery) => call(client.depots.$get({ query: asQuery(query) }));

// ---- catalogue and stock ----
export const products = () => call(client.products.$get());
export const stock = (query: StockQuery) => call(client.stock.$get({ query: asQuery(query) }));
export const stockCard = (query: StockCardQuery) => call(client.stock.card.$get({ query: asQuery(query) }));

// ---- users ----
export const users = (query: UserQuery) => call(client.users.$get({ query: asQuery(query) }));
export const createUser = (input: UserCreate) => call(client.users.$post({ json: input }));
export const updateUser = (userId: number, input: UserUpdate) => call(client.users[':id'].$patch({ param: id(userId), json: input }));
export const deactivateUser = (userId: number) => call(client.users[':id'].deactivate.$post({ param: id(userId) }));
export const reactivateUser = (userId: number) => call(client.users[':id'].reactivate.$post({ param: id(userId) }));

// ---- goods-in ----
export type Receipt = Awaited<ReturnType<typeof receipt>>;
export const receipts = (depotId: number, page = 1) => call(client.receipts.$get({ query: asQuery({ depotId, page }) }));
export const receipt = (receiptId: number) => call(client.receipts[':id'].$get({ param: id(receiptId) }));
export const openReceipt = (input: z.input<typeof ReceiptOpenSchema>) => call(client.receipts.$post({ json: input }));
export type ReceiptScanInput = z.input<typeof ReceiptScanSchema>;
export type ReceiptScanResult = Awaited<ReturnType<typeof scanReceipt>>;
export const scanReceipt = (receiptId: number, input: ReceiptScanInput) => call(client.receipts[':id'].scans.$post({ param: id(receiptId), json: input }));
export const undoReceiptScan = (receiptId: number) => call(client.receipts[':id'].scans.undo.$post({ param: id(receiptId) }));
const lineParam = (receiptId: number, batchId: number) => ({ id: String(receiptId), batchId: String(batchId) });
export const setReceiptLine = (receiptId: number, batchId: number, quantity: number) =>
  call(client.receipts[':id'].lines[':batchId'].$put({ param: lineParam(receiptId, batchId), json: { quantity } }));
export const removeReceiptLine = (receiptId: number, batchId: number) => call(client.receipts[':id'].lines[':batchId'].$delete({ param: lineParam(receiptId, batchId) }));
export const cancelReceipt = (receiptId: number, reason: string) => call(client.receipts[':id'].cancel.$post({ param: id(receiptId), json: { reason } }));
export const countReceipt = (receiptId: number) => call(client.receipts[':id'].count.$post({ param: id(receiptId) }));
export const signReceipt = (receiptId: number, role: 'planner' | 'storekeeper') => call(client.receipts[':id'].sign.$post({ param: id(receiptId), json: { role } }));
export const checklists = () => call(client.inspections.checklists.$get());
export const inspect = (input: z.input<typeof InspectionCreateSchema>) => call(client.inspections.$post({ json: input }));
export const registerProduct = (input: z.input<typeof ProductCreateSchema>) => call(client.products.$post({ json: input }));

export type BatchWithProduct = Awaited<ReturnType<typeof batch>>;
export const batches = (query: { productId?: number; q?: string }) => call(client.batches.$get({ query: asQuery(query) }));
export const batch = (batchId: number) => call(client.batches[':id'].$get({ param: id(batchId) }));

// ---- issuing ----
export type TransferOrder = Awaited<ReturnType<typeof transferOrder>>;
export type TransferOrderSummary = Awaited<ReturnType<typeof transferOrders>>['items'][number];
export const transferOrders = (depotId: number, direction: 'out' | 'in' | 'both' = 'both', page = 1) =>
  call(client['transfer-orders'].$get({ query: asQuery({ depotId, direction, page }) }));
export const transferOrder = (orderId: number) => call(client['transfer-orders'][':id'].$get({ param: id(orderId) }));
export const createTransferOrder = (input: z.input<typeof TransferOrderCreateSchema>) => call(client['transfer-orders'].$post({ json: input }));
export const decideTransferOrder = (orderId: number, decision: 'approved' | 'declined', reason?: string) =>
  call(client['transfer-orders'][':id'].decision.$post({ param: id(orderId), json: { decision, ...(reason ? { reason } : {}) } }));
export const pick = (orderId: number, input: z.input<typeof PickScanSchema>) => call(client['transfer-orders'][':id'].picks.$post({ param: id(orderId), json: input }));
export const removePick = (orderId: number, pickId: number) =>
  call(client['transfer-orders'][':id'].picks[':pickId'].$delete({ param: { id: String(orderId), pickId: String(pickId) } }));
export const dispatchOrder = (orderId: number) => call(client['transfer-orders'][':id'].dispatch.$post({ param: id(orderId) }));
export const cancelOrder = (orderId: number) => call(client['transfer-orders'][':id'].cancel.$post({ param: id(orderId) }));
export const receiveShipment = (orderId: number) => call(client['transfer-orders'][':id'].receive.$post({ param: id(orderId) }));
export const recordDiscrepancy = (receiptId: number, input: z.input<typeof DiscrepancyCreateSchema>) =>
  call(client.receipts[':id'].discrepancies.$post({ param: id(receiptId), json: input }));

// ---- dispensing ----
export type DispensingRow = Awaited<ReturnType<typeof dispensings>>['items'][number];
export const dispensings = (depotId: number, page = 1) => call(client.dispensings.$get({ query: asQuery({ depotId, page }) }));
export const dispense = (input: z.input<typeof DispenseSchema>) => call(client.dispensings.$post({ json: input }));
export const moveZone = (input: z.input<typeof ZoneMoveSchema>) => call(client['zone-moves'].$post({ json: input }));

// ---- labels ----
/**
 * Labels are pages and images, not JSON: these build their same-origin URLs (the session cookie
 * goes with an <img> or a new tab) from the same route types.
 */
export type SheetQuery = z.input<typeof LabelSheetQuerySchema>;
export const labelSheetUrl = (query: SheetQuery) => `/api${client.labels.sheet.$path({ query })}`;
export const zoneLabelUrl = (depotId: number, zone: StorageZone, size: keyof typeof LABEL_SIZES) =>
  `/api${client.labels.zones[':depotId'][':zone'].$path({ param: { depotId: String(depotId), zone }, query: { size } })}`;

// ---- storage climate ----
export type StorageArea = Awaited<ReturnType<typeof storageArea>>;
export type StorageAreaSummary = Awaited<ReturnType<typeof storageAreas>>['items'][number];
export type ClimateSensor = StorageArea['sensors'][number];
export type ClimateSeries = Awaited<ReturnType<typeof climateSeries>>;
export type Excursion = ClimateSeries['excursions'][number];
export type ExcursionDetail = Awaited<ReturnType<typeof excursion>>;
export type ClimateAlert = Awaited<ReturnType<typeof climateAlerts>>['items'][number];
export type ClimateOverview = Awaited<ReturnType<typeof climateOverview>>;
export type CsvPreview = Awaited<ReturnType<typeof previewCsv>>;
export type CsvImportResult = Awaited<ReturnType<typeof importCsv>>;
export type MonthlyRecord = Awaited<ReturnType<typeof monthlyRecord>>;
export type AreaCreate = z.input<typeof AreaCreateSchema>;
export type AreaUpdate = z.input<typeof AreaUpdateSchema>;
export type ReadingCreate = z.input<typeof ReadingCreateSchema>;
export type CsvImport = z.input<typeof CsvImportSchema>;
export type Acknowledge = z.input<typeof AcknowledgeSchema>;

const depotParam = (n: number) => ({ depotId: String(n) });
export const storageAreas = (depotId: number) => call(client.depots[':depotId']['storage-areas'].$get({ param: depotParam(depotId) }));
export const createStorageArea = (depotId: number, input: AreaCreate) => call(client.depots[':depotId']['storage-areas'].$post({ param: depotParam(depotId), json: input }));
export const storageArea = (areaId: number) => call(client['storage-areas'][':id'].$get({ param: id(areaId) }));
export const updateStorageArea = (areaId: number, input: AreaUpdate) => call(client['storage-areas'][':id'].$patch({ param: id(areaId), json: input }));
export const addSensor = (areaId: number, name: string) => call(client['storage-areas'][':id'].sensors.$post({ param: id(areaId), json: { name } }));
export const revokeSensor = (sensorId: number) => call(client['climate-sensors'][':id'].revoke.$post({ param: id(sensorId) }));
export const recordReading = (areaId: number, input: ReadingCreate) => call(client['storage-areas'][':id'].readings.$post({ param: id(areaId), json: input }));
export const previewCsv = (areaId: number, input: CsvImport) => call(client['storage-areas'][':id'].readings.preview.$post({ param: id(areaId), json: input }));
export const importCsv = (areaId: number, input: CsvImport) => call(client['storage-areas'][':id'].readings.import.$post({ param: id(areaId), json: input }));
export const climateSeries = (areaId: number, query: { from: number; to: number; points: number }) =>
  call(client['storage-areas'][':id'].series.$get({ param: id(areaId), query: asQuery(query) }));
export const areaExcursions = (areaId: number) => call(client['storage-areas'][':id'].excursions.$get({ param: id(areaId), query: {} }));
export const monthlyRecord = (areaId: number, month: string) => call(client['storage-areas'][':id'].monthly.$get({ param: id(areaId), query: { month } }));
export const excursion = (excursionId: number) => call(client.climate.excursions[':id'].$get({ param: id(excursionId) }));
export const acknowledgeExcursion = (excursionId: number, input: Acknowledge) => call(client.climate.excursions[':id'].acknowledge.$post({ param: id(excursionId), json: input }));
export const climateOverview = (depotId: number) => call(client.depots[':depotId']['climate-overview'].$get({ param: depotParam(depotId) }));
export const climateAlerts = () => call(client.climate.alerts.$get());

// ---- stock counts (盘库) ----
export type StockCount = Awaited<ReturnType<typeof stockCount>>;
export type StockCountLine = StockCount['lines'][number];
export type StockCountSummary = Awaited<ReturnType<typeof stockCounts>>['items'][number];
export type CountStatus = Awaited<ReturnType<typeof countStatus>>;
export type StockCountCreate = z.input<typeof StockCountCreateSchema>;
export type CountLineInput = z.input<typeof StockCountLineInputSchema>;
export const stockCounts = (depotId: number, page = 1) => call(client['stock-counts'].$get({ query: asQuery({ depotId, page }) }));
export const stockCount = (countId: number) => call(client['stock-counts'][':id'].$get({ param: id(countId) }));
export const startStockCount = (input: StockCountCreate) => call(client['stock-counts'].$post({ json: input }));
export const countLine = (countId: number, input: CountLineInput) => call(client['stock-counts'][':id'].lines.$post({ param: id(countId), json: input }));
export const submitStockCount = (countId: number, uncountedAsZero: boolean) => call(client['stock-counts'][':id'].submit.$post({ param: id(countId), json: { uncountedAsZero } }));
export const decideStockCount = (countId: number, decision: 'approved' | 'returned', reason?: string) =>
  call(client['stock-counts'][':id'].decision.$post({ param: id(countId), json: { decision, ...(reason ? { reason } : {}) } }));
export const cancelStockCount = (countId: number) => call(client['stock-counts'][':id'].cancel.$post({ param: id(countId) }));
export const countStatus = (depotId: number) => call(client.depots[':depotId']['count-status'].$get({ param: depotParam(depotId) }));

// ---- non-conforming stock: expiry, batch holds and trace, write-offs (报损) ----
export type ExpirySummary = Awaited<ReturnType<typeof expirySummary>>;
export type ExpiredStock = Awaited<ReturnType<typeof expiredStock>>;
export type SweepResult = Awaited<ReturnType<typeof sweepExpired>>;
export type BatchHold = Awaited<ReturnType<typeof batchHolds>>['items'][number];
export type BatchTrace = Awaited<ReturnType<typeof batchTrace>>;
export type ProductTrace = Awaited<ReturnType<typeof productTrace>>;
export type WriteOff = Awaited<ReturnType<typeof writeOff>>;
export type WriteOffSummary = Awaited<ReturnType<typeof writeOffs>>['items'][number];
export type WriteOffCreate = z.input<typeof WriteOffCreateSchema>;
export type WriteOffResubmit = z.input<typeof WriteOffResubmitSchema>;
export type HoldCreate = z.input<typeof HoldCreateSchema>;
export type DisposalInput = z.input<typeof DisposalSchema>;

export const expirySummary = (depotId: number) => call(client.depots[':depotId']['expiry-summary'].$get({ param: depotParam(depotId) }));
export const expiredStock = (depotId: number) => call(client.depots[':depotId']['expired-stock'].$get({ param: depotParam(depotId) }));
export const sweepExpired = (depotId: number) => call(client.depots[':depotId']['expiry-sweep'].$post({ param: depotParam(depotId) }));
export const batchHolds = (depotId: number) => call(client.depots[':depotId']['batch-holds'].$get({ param: depotParam(depotId) }));
export const placeHold = (input: HoldCreate) => call(client['batch-holds'].$post({ json: input }));
export const releaseHold = (holdId: number, reason: string) => call(client['batch-holds'][':id'].release.$post({ param: id(holdId), json: { reason } }));
export const batchTrace = (batchId: number, depotId?: number) => call(client.batches[':id'].trace.$get({ param: id(batchId), query: asQuery({ depotId }) }));
export const productTrace = (productId: number, depotId?: number) => call(client.products[':id'].trace.$get({ param: id(productId), query: asQuery({ depotId }) }));
export const writeOffs = (depotId: number) => call(client['write-offs'].$get({ query: asQuery({ depotId }) }));
export const writeOff = (writeOffId: number) => call(client['write-offs'][':id'].$get({ param: id(writeOffId) }));
export const requestWriteOff = (input: WriteOffCreate) => call(client['write-offs'].$post({ json: input }));
export const decideWriteOff = (writeOffId: number, decision: 'approved' | 'returned', reason?: string) =>
  call(client['write-offs'][':id'].decision.$post({ param: id(writeOffId), json: { decision, ...(reason ? { reason } : {}) } }));
export const resubmitWriteOff = (writeOffId: number, input: WriteOffResubmit) => call(client['write-offs'][':id'].resubmit.$post({ param: id(writeOffId), json: input }));
export const withdrawWriteOff = (writeOffId: number) => call(client['write-offs'][':id'].withdraw.$post({ param: id(writeOffId) }));
export const disposeWriteOff = (writeOffId: number, input: DisposalInput) => call(client['write-offs'][':id'].disposal.$post({ param: id(writeOffId), json: input }));
