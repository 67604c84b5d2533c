import { createRoute } from '@hono/zod-openapi';
import { statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Db } from '../../db/client.ts';
import type { GroupCommit } from '../../db/group-commit.ts';
import { migrationStatus, probeWrite } from '../../db/queries/readiness.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../domain/errors.ts';
import { HealthSchema, ReadinessSchema, type Readiness, type ReadinessChecks } from '../schemas/health.ts';
import { json, problem, router } from './openapi.ts';

export interface ReadinessOptions {
  /** The group commit of the app's writes (db/group-commit.ts); the probe waits for its open transaction. */
  groupCommit: GroupCommit;
  /** Free space the database's filesystem must keep, in bytes. */
  minFreeBytes: number;
}

/** A locked database fails the probe at once instead of after the connection's 5 s busy timeout. */
const PROBE_BUSY_TIMEOUT_MS = 100;
const RETRY_AFTER_SECONDS = 10;

/**
 * Whether the server can do its work: the database connection is open and writable, every
 * shipped migration is applied, and the database's filesystem keeps the minimum free space.
 */
export async function checkReadiness(db: Db, options: ReadinessOptions): Promise<Readiness> {
  const disk = await checkDisk(db, options.minFreeBytes);
  const database = await checkDatabase(db, options.groupCommit);
  const checks: ReadinessChecks = { database, migrations: checkMigrations(db), disk };
  return { ok: Object.values(checks).every((check) => check.ok), checks };
}

async function checkDatabase(db: Db, groupCommit: GroupCommit): Promise<ReadinessChecks['database']> {
  const client = db.$client;
  if (!client.open) return { ok: false, reason: 'closed' };
  try {
    // Not inside the shared transaction of the writes in flight: a failed statement there
    // (SQLITE_BUSY) may roll it back, and group commit would then acknowledge writes it lost.
    // Once committed, nothing runs on the connection between this check and the probe.
    for (let waits = 0; client.inTransaction; waits++) {
      if (waits === 3) return { ok: false, reason: 'busy' };
      await groupCommit.durable();
    }
    probeWrite(db, PROBE_BUSY_TIMEOUT_MS);
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: reasonOf(e) };
  }
}

function checkMigrations(db: Db): ReadinessChecks['migrations'] {
  try {
    const { applied, expected, missing } = migrationStatus(db);
    return { ok: missing.length === 0, applied, expected, missing };
  } catch (e) {
    return { ok: false, applied: 0, expected: 0, missing: [], reason: db.$client.open ? reasonOf(e) : 'closed' };
  }
}

async function checkDisk(db: Db, minFreeBytes: number): Promise<ReadinessChecks['disk']> {
  if (db.$client.memory) return { ok: true, freeBytes: null, minFreeBytes, reason: 'in_memory' };
  try {
    const fs = await statfs(dirname(resolve(db.$client.name)));
    const freeBytes = fs.bavail * fs.bsize;
    return freeBytes >= minFreeBytes ? { ok: true, freeBytes, minFreeBytes } : { ok: false, freeBytes, minFreeBytes, reason: 'low_space' };
  } catch (e) {
    return { ok: false, freeBytes: null, minFreeBytes, reason: reasonOf(e) };
  }
}

function reasonOf(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return 'error';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'locked';
  if (code.startsWith('SQLITE_READONLY')) return 'read_only';
  return code;
}

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['operations'],
  operationId: 'getHealth',
  summary: 'Liveness: the process is up',
  description: 'Answers 200 while the process runs; reads nothing from the database. Public: no session needed.',
  security: [],
  responses: { 200: json(HealthSchema, 'The process is up') },
});

const ready = createRoute({
  method: 'get',
  path: '/ready',
  tags: ['operations'],
  operationId: 'getReadiness',
  summary: 'Readiness: the database is open and writable, migrated, and its disk has room',
  description:
    'Probes the database connection with a write that is rolled back (a locked database fails within a fraction of a second), compares the applied migrations with the shipped journal, and checks the free space of the database’s filesystem. Public: no session needed.',
  security: [],
  responses: {
    200: json(ReadinessSchema, 'Ready: every check passed'),
    503: {
      ...problem('Not ready (not_ready): `data.failing` names the failed checks and `data.checks` holds them all; ask again after Retry-After seconds'),
      headers: { 'Retry-After': { description: 'Seconds to wait before asking again', schema: { type: 'integer' } } },
    },
  },
});

export const healthRoutes = (deps: Deps, readiness: ReadinessOptions) =>
  router()
    .openapi(health, (c) => c.json({ ok: true as const }, 200))
    .openapi(ready, async (c) => {
      const { ok, checks } = await checkReadiness(deps.db, readiness);
      if (ok) return c.json({ ok, checks }, 200);
      const failing = Object.entries(checks).flatMap(([name, check]) => (check.ok ? [] : [name]));
      c.header('Retry-After', String(RETRY_AFTER_SECONDS));
      throw new DomainError('not_ready', `Not ready: ${failing.join(', ')}`, { failing, checks });
    });
