import type { z } from '@hono/zod-openapi';
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
} from '../../server/schemas/api.ts';

/**
 * The typed client of the server's JSON API. Request and response types are inferred from the
 * server's zod schemas (types only: no zod in the bundle). Every non-2xx answer becomes an
 * ApiProblem carrying the problem+json `code`.
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

type Params = Record<string, string | number | boolean | undefined | null>;

function withQuery(path: string, query?: Params): string {
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

async function problemOf(res: Response): Promise<ApiProblem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<{ code: string; detail: string; errors: FieldError[]; data: Record<string, unknown> }>;
      if (typeof body.code === 'string') return new ApiProblem(body.code, res.status, body.detail ?? '', body.errors ?? [], body.data);
    } catch {
      // fall through: a JSON content type with an unreadable body
    }
  }
  const code = res.status >= 500 ? 'internal_error' : 'unexpected_response';
  return new ApiProblem(code, res.status, res.statusText || `HTTP ${res.status}`);
}

async function request<T>(method: string, path: string, options: { query?: Params; body?: unknown; auth?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(`/api${path}`, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    throw new ApiProblem('network_error', 0, error instanceof Error ? error.message : String(error));
  }
  if (!res.ok) {
    const problem = await problemOf(res);
    if (problem.status === 401 && problem.code === 'unauthenticated' && options.auth !== false) sessionLost?.();
    throw problem;
  }
  if (res.status === 204) return undefined as T;
  try {
    return (await res.json()) as T;
  } catch {
    throw new ApiProblem('unexpected_response', res.status, 'The answer is not JSON');
  }
}

// ---- auth ----
export const login = (username: string, password: string) =>
  request<Me>('POST', '/auth/login', { body: { username, password }, auth: false });
export const me = () => request<Me>('GET', '/auth/me', { auth: false });
export const logout = () => request<void>('POST', '/auth/logout', { auth: false });

// ---- depots ----
export const depot = (id: number) => request<DepotDetail>('GET', `/depots/${id}`);
export const children = (id: number) => request<{ items: Depot[] }>('GET', `/depots/${id}/children`);
export const searchDepots = (query: DepotQuery) => request<DepotPage>('GET', '/depots', { query });

// ---- catalogue and stock ----
export const products = () => request<{ items: Product[] }>('GET', '/products');
export const stock = (query: StockQuery) => request<StockPage>('GET', '/stock', { query });
export const stockCard = (query: StockCardQuery) => request<StockCard>('GET', '/stock/card', { query });

// ---- users ----
export const users = (query: UserQuery) => request<UserPage>('GET', '/users', { query });
export const createUser = (input: UserCreate) => request<User>('POST', '/users', { body: input });
export const updateUser = (id: number, input: UserUpdate) => request<User>('PATCH', `/users/${id}`, { body: input });
export const deactivateUser = (id: number) => request<User>('POST', `/users/${id}/deactivate`);
export const reactivateUser = (id: number) => request<User>('POST', `/users/${id}/reactivate`);
