import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openDb, closeDb, type Db } from '../db/client.ts';
import { holdServerLock } from '../db/server-lock.ts';
import { ensurePeriodTotals } from '../db/queries/period-totals.ts';
import { createApp } from './app.ts';
import { defaultConfig, systemClock, type Clock, type Config } from './config.ts';
import { isEmpty } from './services/bootstrap.ts';
import { seedDemo } from '../seed/demo.ts';
import { startJobs } from './jobs.ts';
import { createLogger, type Logger } from './http/logging.ts';
import type { Synchronous } from '../db/client.ts';

export interface ServeOptions {
  port: number;
  host?: string;
  dbFile: string;
  seed: 'demo' | 'none';
  synchronous?: Synchronous;
  webDir?: string;
  config?: Config;
  clock?: Clock;
  /** Run the background jobs (default on). */
  jobs?: boolean;
  /** Request lines and errors; only errors, on standard output, unless given. */
  logger?: Logger;
  /** Free space the database's filesystem must keep for GET /api/ready (0 unless given). */
  minFreeDiskBytes?: number;
  /** Behind one trusted reverse proxy: the log's client address is the one it forwards (TRUST_PROXY). */
  trustProxy?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  seeded: boolean;
  /** Stops accepting, waits for the requests under way, closes the database. `now`: ends every open connection at once, idle or not (a test's server, whose browser stays open). */
  close(options?: { now?: boolean }): Promise<void>;
}

/** Holds the database file against a second server, opens it (migrations applied), seeds the demo on an empty one, and serves the app. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const held = holdServerLock(options.dbFile);
  let db: Db;
  try {
    db = openDb(options.dbFile, { synchronous: options.synchronous });
  } catch (error) {
    held.release();
    throw error;
  }
  const config = options.config ?? defaultConfig;
  const clock = options.clock ?? systemClock;
  const seeded = options.seed === 'demo' && isEmpty(db);
  if (seeded) await seedDemo(db, config, clock);
  // A database whose stock history predates the reports' month totals gets them once.
  ensurePeriodTotals(db, config.timeZone);
  const app = createApp({ db, config, clock }, { webDir: options.webDir, logger: options.logger, minFreeDiskBytes: options.minFreeDiskBytes, trustProxy: options.trustProxy });
  const stopJobs = options.jobs === false ? () => {} : startJobs({ db, config, clock }, options.logger ?? createLogger({ level: 'error' }));
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: options.port, hostname: options.host ?? '0.0.0.0' }, () => resolve(s));
      // A port already taken (EADDRINUSE) or not ours to take (EACCES): the start fails, it does not hang.
      s.once('error', reject);
    });
  } catch (error) {
    stopJobs();
    closeDb(db);
    held.release();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    db,
    seeded,
    close: (closing = {}) =>
      new Promise<void>((resolve) => {
        stopJobs();
        server.close(() => {
          closeDb(db);
          held.release();
          resolve();
        });
        if (closing.now && 'closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
