import { z } from 'zod';
import { LOG_LEVELS } from './http/logging.ts';

/** Settings from the environment, parsed once. Nothing else reads process.env. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DB_FILE: z.string().default('data/fp-supplies.db'),
  /** `demo` seeds the demo on an empty database; `none` leaves it empty (see `npm run init`). */
  SEED: z.enum(['demo', 'none']).default('demo'),
  /** SQLite synchronous mode in WAL. FULL: every acknowledged posting survives power loss. */
  DB_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /**
   * `true` behind one reverse proxy (docs/deploy/nginx.conf) with HOST=127.0.0.1: the client's
   * address and scheme come from its X-Forwarded-For and X-Forwarded-Proto (server/http/client-address.ts).
   * Without the proxy in front, anyone could forge them.
   */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  WEB_DIR: z.string().default('dist/web'),
  /** The background jobs (climate and expiry sweeps); `false` for a server that only answers requests (the benchmark). */
  JOBS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** `info` writes one JSON line per request; `warn` or `error` only the failures (server/http/logging.ts). */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** GET /api/ready answers 503 when the database's filesystem has less free space than this. */
  MIN_FREE_DISK_MB: z.coerce.number().int().min(0).default(512),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  return EnvSchema.parse(source);
}
