import { readEnv } from './env.ts';
import { startServer } from './serve.ts';
import { DatabaseHeldError } from '../db/server-lock.ts';
import { demoLogins, DEMO_PASSWORD } from '../seed/demo.ts';
import { defaultConfig } from './config.ts';
import { createLogger } from './http/logging.ts';

const env = readEnv();
const logger = createLogger({ level: env.LOG_LEVEL });
const server = await startServer({
  port: env.PORT,
  host: env.HOST,
  dbFile: env.DB_FILE,
  seed: env.SEED,
  synchronous: env.DB_SYNCHRONOUS,
  webDir: env.WEB_DIR,
  config: { ...defaultConfig, cookieSecure: env.COOKIE_SECURE },
  jobs: env.JOBS,
  logger,
  minFreeDiskBytes: env.MIN_FREE_DISK_MB * 1024 * 1024,
  trustProxy: env.TRUST_PROXY,
}).catch((error: unknown) => {
  if (error instanceof DatabaseHeldError) logger.error({ dbFile: env.DB_FILE }, error.message);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') logger.error({ port: env.PORT }, `port ${env.PORT} is in use by another program: stop it or set PORT`);
  else throw error;
  process.exit(1);
});

logger.info({ url: server.url, dbFile: env.DB_FILE, synchronous: env.DB_SYNCHRONOUS }, 'Contraceptive supplies depot system listening');
if (env.SEED === 'demo') {
  console.log(`${server.seeded ? 'Seeded the demo.' : 'Demo data present.'} Demo logins (password ${DEMO_PASSWORD}):`);
  const logins = demoLogins();
  for (const tier of new Set(logins.map((l) => l.tier))) {
    console.log(`  ${tier.padEnd(8)} ${logins.filter((l) => l.tier === tier).map((l) => l.username).join('  ')}`);
  }
}

const shutdown = () => void server.close().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
