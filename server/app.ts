import { Hono } from 'hono';
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
import { durableWrites } from './http/durable-writes.ts';
import { idempotency } from './http/idempotency.ts';
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

function createApi(deps: Deps, readiness: ReadinessOptions) {
  return router()
    .route('/', healthRoutes(deps, readiness))
    .route('/auth', authRoutes(deps))
    .route('/depots', depotRoutes(deps))
    .route('/', catalogueRoutes(deps))
    .route('/', stockRoutes(deps))
    .route('/', userRoutes(deps))
    .route('/receipts', receiptRoutes(deps))
    .route('/', inspectionRoutes(deps))
    .route('/transfer-orders', transferRoutes(deps))
    .route('/dispensings', dispensingRoutes(deps))
    .route('/labels', labelRoutes(deps))
    .route('/zone-moves', zoneMoveRoutes(deps))
    .route('/', climateRoutes(deps))
    .route('/', qualityRoutes(deps))
    .route('/', stockCountRoutes(deps))
    .route('/', planningRoutes(deps))
    .route('/', dashboardRoutes(deps))
    .route('/', reportRoutes(deps));
}

export function createApp(deps: Deps, options: AppOptions = {}) {
  const groupCommit = createGroupCommit(deps.db);
  const logger = options.logger ?? createLogger({ level: 'error' });
  const api = createApi(deps, { groupCommit, minFreeBytes: options.minFreeDiskBytes ?? 0 });
  documentApi(api);

  const app = new Hono()
    .use(requestLogging(logger, options.trustProxy ?? false))
    .use(secureHeaders({ contentSecurityPolicy: undefined }))
    .use('/api/*', bodyLimit({ maxSize: 5 * 1024 * 1024, onError: (c) => problemResponse(c, 'payload_too_large', 413, 'The body is too large') }))
    .use('/api/*', durableWrites(groupCommit, logger))
    .use('/api/*', authenticate(deps))
    .use('/api/*', idempotency(deps))
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
