import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Deps } from './deps.ts';
import { authenticate } from './http/auth.ts';
import { onError, problemResponse } from './http/problem.ts';
import { webApp } from './http/web-app.ts';
import { documentApi, router } from './http/openapi.ts';
import { apiDocs } from './http/api-docs.ts';
import { durableWrites, separateReads } from './http/durable-writes.ts';
import { idempotency } from './http/idempotency.ts';
import { jsonDepthLimit } from './http/json-depth.ts';
import { createLogger, requestLogging, type Logger } from './http/logging.ts';
import { healthRoutes, type ReadinessOptions } from './http/health.ts';
import { createGroupCommit } from '../db/group-commit.ts';
import { authRoutes } from './routes/auth.ts';
import { depotRoutes } from './routes/depots.ts';
import { catalogueRoutes } from './routes/catalogue.ts';
import { stockRoutes } from './routes/stock.ts';
import { userRoutes } from './routes/users.ts';
import { receiptRoutes } from './routes/receipts.ts';
import { inspectionRoutes } from './routes/inspections.ts';
import { transferRoutes } from './routes/transfers.ts';
import { dispensingRoutes } from './routes/dispensing.ts';
import { labelRoutes } from './routes/labels.ts';
import { zoneMoveRoutes } from './routes/zone-moves.ts';
import { climateRoutes } from './routes/climate.ts';
import { qualityRoutes } from './routes/quality.ts';
import { stockCountRoutes } from './routes/stock-counts.ts';
import { planningRoutes } from './routes/planning.ts';
import { dashboardRoutes } from './routes/dashboards.ts';
import { reportRoutes } from './routes/reports.ts';
import { reportSubmissionRoutes } from './routes/report-submissions.ts';
import { adverseReactionRoutes } from './routes/adverse-reactions.ts';
import { peopleRoutes } from './routes/people.ts';
import { supervisionRoutes } from './routes/supervision.ts';
import { assessmentRoutes } from './routes/assessment.ts';
import { trainingRoutes } from './routes/training.ts';
import { archiveRoutes } from './routes/archive.ts';
import { serviceDeskRoutes } from './routes/service-desk.ts';
import { facilityRoutes } from './routes/facilities.ts';

export interface AppOptions {
  /** The built web app (vite build); app routes fall back to index.html. */
  webDir?: string;
  /** Where the request lines and errors go; without one, only errors, on standard output (tests). */
  logger?: Logger;
  /** Free space the database's filesystem must keep for GET /api/ready to answer 200 (0 unless given). */
  minFreeDiskBytes?: number;
  /** Behind one trusted reverse proxy (TRUST_PROXY): the log's client address is the one it forwards. */
  trustProxy?: boolean;
}

/** `writes`: the deps on the write connection, where the readiness probe writes (a GET). */
function createApi(deps: Deps, readiness: ReadinessOptions, writes: Deps = deps) {
  return router()
    .route('/', healthRoutes(writes, readiness))
    .route('/auth', authRoutes(deps))
    .route('/depots', depotRoutes(deps))
    .route('/', catalogueRoutes(deps))
    .route('/', stockRoutes(deps))
    .route('/', userRoutes(deps))
    .route('/receipts', receiptRoutes(deps))
    .route('/', inspectionRoutes(deps))
    .route('/transfer-orders', transferRoutes(deps))
    .route('/dispensings', dispensingRoutes(deps, writes))
    .route('/labels', labelRoutes(deps))
    .route('/zone-moves', zoneMoveRoutes(deps))
    .route('/', climateRoutes(deps))
    .route('/', qualityRoutes(deps))
    .route('/', stockCountRoutes(deps))
    .route('/', planningRoutes(deps))
    .route('/', dashboardRoutes(deps))
    .route('/', reportRoutes(deps))
    .route('/', reportSubmissionRoutes(deps))
    .route('/', adverseReactionRoutes(deps, writes))
    .route('/', peopleRoutes(deps, writes))
    .route('/', supervisionRoutes(deps))
    .route('/', facilityRoutes(deps))
    .route('/', assessmentRoutes(deps))
    .route('/', trainingRoutes(deps))
    .route('/', serviceDeskRoutes(deps, writes))
    .route('/', archiveRoutes(deps, writes));
}

/**
 * A strict Content-Security-Policy: scripts, styles and connections from this server only, no
 * inline script, never framed; images and the camera's stream also from blob:/data: URLs (label
 * previews, the scanner). Inline styles only on the pages the server writes itself (below).
 */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};
function securityHeaders(): MiddlewareHandler {
  const common = { xFrameOptions: 'DENY', referrerPolicy: 'same-origin' } as const;
  const app = secureHeaders({ ...common, contentSecurityPolicy: CSP });
  const inlineStyles = secureHeaders({ ...common, contentSecurityPolicy: { ...CSP, styleSrc: ["'self'", "'unsafe-inline'"] } });
  // Pages the server writes itself with their own inline styles and no script: the API reference
  // the printable label sheets (labels/sheet.ts places each label by a style attribute) and the
  // printable people's forms (dispensing register, follow-up form and summary) and adverse-reaction
  // forms, the supervision record, the equipment maintenance log, the archive index and the service desk's monthly summary (their own <style>).
  const styled = (path: string) =>
    path.startsWith('/api/docs') ||
    path.startsWith('/api/labels/') ||
    path === '/api/dispensings/register' ||
    /^\/api\/(people\/\d+\/follow-up-form|depots\/\d+\/follow-up-summary)$/.test(path) ||
    /^\/api\/adverse-reactions\/(\d+\/)?sheet$/.test(path) ||
    /^\/api\/supervision-visits\/\d+\/record$/.test(path) ||
    /^\/api\/equipment\/\d+\/maintenance-log$/.test(path) ||
    /^\/api\/depots\/\d+\/service-summary$/.test(path) ||
    path === '/api/archive/sheet';
  return (c, next) => (styled(c.req.path) ? inlineStyles(c, next) : app(c, next));
}

/**
 * API answers are never kept by a browser or a proxy: the CSRF token, users, the audit log and
 * exports carry personal data. The API reference's static files keep their own caching.
 */
function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (!c.req.path.startsWith('/api/docs/assets/')) c.header('Cache-Control', 'no-store');
  };
}

export function createApp(deps: Deps, options: AppOptions = {}) {
  const groupCommit = createGroupCommit(deps.db);
  const logger = options.logger ?? createLogger({ level: 'error' });
  // The caller's own object, so that a later change of its config (tests do it) reaches every route.
  deps.groupCommit = groupCommit;
  const writes = deps;
  const { deps: routed, reads } = separateReads(writes);
  const api = createApi(routed, { groupCommit, minFreeBytes: options.minFreeDiskBytes ?? 0 }, writes);
  documentApi(api);

  const app = new Hono()
    .use(requestLogging(logger, options.trustProxy ?? false))
    .use(securityHeaders())
    .use('/api/*', noStore())
    // Login needs a name and a password: a few kilobytes, before anyone is known.
    .use('/api/auth/login', bodyLimit({ maxSize: 4 * 1024, onError: (c) => problemResponse(c, 'payload_too_large', 413, 'The body is too large') }))
    .use('/api/*', bodyLimit({ maxSize: 5 * 1024 * 1024, onError: (c) => problemResponse(c, 'payload_too_large', 413, 'The body is too large') }))
    .use('/api/*', jsonDepthLimit())
    .use('/api/*', durableWrites(groupCommit, logger))
    .use('/api/*', authenticate(deps))
    .use('/api/*', idempotency(deps))
    .use('/api/*', reads)
    .route('/api/docs', apiDocs)
    .route('/api', api);

  app.all('/api/*', (c) => problemResponse(c, 'not_found', 404, `No route ${c.req.method} ${c.req.path}`));
  if (options.webDir && existsSync(join(options.webDir, 'index.html'))) {
    app.get('*', webApp(options.webDir));
  }
  app.notFound((c) => problemResponse(c, 'not_found', 404, `No route ${c.req.method} ${c.req.path}`));
  app.onError(onError);
  return app;
}

/** The API's route types, for the typed web client (hono/client). */
export type AppType = ReturnType<typeof createApi>;
