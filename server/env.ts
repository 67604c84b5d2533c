import { z } from 'zod';

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
  WEB_DIR: z.string().default('dist/web'),
  /** The background jobs (climate and expiry sweeps); `false` for a server that only answers requests (the benchmark). */
  JOBS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  LOG_REQUESTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  return EnvSchema.parse(source);
}
