import { z } from '@hono/zod-openapi';

export const HealthSchema = z.object({ ok: z.literal(true) }).openapi('Health');

const reason = z.string().optional().openapi({ description: 'Why the check failed: locked, read_only, low_space, in_memory (disk not checked), or an SQLite or system error code' });

export const ReadinessChecksSchema = z
  .object({
    database: z.object({ ok: z.boolean(), reason }).openapi({ description: 'The connection is open and can take the write lock and change a page (rolled back)' }),
    migrations: z
      .object({
        ok: z.boolean(),
        applied: z.number().int(),
        expected: z.number().int(),
        missing: z.array(z.string()).openapi({ description: 'Tags of the migrations in the journal that the database has not applied' }),
        reason,
      })
      .openapi({ description: 'Every migration of the journal (db/migrations) is applied' }),
    disk: z
      .object({ ok: z.boolean(), freeBytes: z.number().int().nullable(), minFreeBytes: z.number().int(), reason })
      .openapi({ description: 'Free space on the database’s filesystem is at least the configured minimum (MIN_FREE_DISK_MB)' }),
  })
  .openapi('ReadinessChecks');

export const ReadinessSchema = z.object({ ok: z.boolean(), checks: ReadinessChecksSchema }).openapi('Readiness');

export type ReadinessChecks = z.infer<typeof ReadinessChecksSchema>;
export type Readiness = z.infer<typeof ReadinessSchema>;
