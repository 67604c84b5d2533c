import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeWorld } from '../helpers/world.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { rebuildPeriodTotals } from '../../db/queries/period-totals.ts';
import { verifyLedger } from '../../server/services/verify-ledger.ts';
import { anonymous, loginAs } from '../helpers/client.ts';
import { compiledCli } from '../helpers/http.ts';

const dir = mkdtempSync(join(tmpdir(), 'fp-ledger-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const verifyCli = (dbFile: string) =>
  spawnSync(process.execPath, [compiledCli('verify')], { env: { ...process.env, DB_FILE: dbFile }, encoding: 'utf8' });

describe('the append-only ledger', () => {
  it('refuses UPDATE and DELETE of stock movements, postings and the audit log (triggers)', async () => {
    const w = await makeWorld();
    givenStock(w, '640121', buildBatch(w).id, 5);
    const sql = w.db.$client;
    for (const table of ['stock_movements', 'postings', 'audit_log']) {
      expect(() => sql.prepare(`update ${table} set id = id`).run(), table).toThrow(/append-only/);
      expect(() => sql.prepare(`delete from ${table}`).run(), table).toThrow(/append-only/);
    }
  });

  it('chains each movement to the previous one of its depot by SHA-256', async () => {
    const w = await makeWorld();
    const b = buildBatch(w);
    // Townships take opening stock straight into the qualified zone: one movement each.
    givenStock(w, '640121100', b.id, 5);
    givenStock(w, '640121101', b.id, 3);
    givenStock(w, '640121100', b.id, 7);
    const rows = w.db.$client.prepare('select depot_id as depotId, prev_hash as prevHash, hash from stock_movements order by id').all() as any[];
    expect(rows[0].prevHash).toBe('0'.repeat(64));
    expect(rows[1].prevHash).toBe('0'.repeat(64)); // first of the township's chain
    expect(rows[2].prevHash).toBe(rows[0].hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(3);
  });
});

describe('npm run verify', () => {
  it('passes a consistent database and names the rows of a balance changed behind the ledger’s back', async () => {
    const dbFile = join(dir, 'balance.db');
    const w = await makeWorld({ dbFile });
    const b = buildBatch(w);
    givenStock(w, '640121100', b.id, 5);
    const ok = verifyCli(dbFile);
    expect(ok.stdout).toContain('verify: OK');
    expect(ok.status).toBe(0);

    w.db.$client.prepare('update stock_balances set quantity = 6 where batch_id = ?').run(b.id);
    const { violations } = verifyLedger(w.db);
    expect(violations.map((v) => v.invariant)).toEqual(['balance_equals_movements']);
    const bad = verifyCli(dbFile);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`depot ${w.depot('640121100').id} qualified batch ${b.id}: balance 6 vs movements 5`);
    w.db.$client.close();
  });

  it('detects a tampered movement (hash chain) and a negative balance', async () => {
    const w = await makeWorld();
    const b = buildBatch(w);
    givenStock(w, '640121100', b.id, 5);
    givenStock(w, '640121100', b.id, 2);
    const sql = w.db.$client;
    sql.exec('drop trigger stock_movements_no_update');
    sql.prepare('update stock_movements set quantity = 4 where id = (select min(id) from stock_movements)').run();
    sql.prepare('update stock_balances set quantity = -1').run();
    const invariants = new Set(verifyLedger(w.db).violations.map((v) => v.invariant));
    // The month totals of the reports were written from the true movement, so they disagree too.
    expect(invariants).toEqual(new Set(['balance_equals_movements', 'no_negative_balance', 'balance_after_is_running_sum', 'hash_chain_intact', 'period_totals_equal_movements']));
  });

  it('detects report month totals that no longer equal the movements, and a rebuild mends them', async () => {
    const w = await makeWorld();
    const b = buildBatch(w);
    givenStock(w, '640121100', b.id, 5);
    expect(verifyLedger(w.db).violations).toEqual([]);
    // own row of the township, and one tree row for each of its four ancestors-or-self
    expect(w.db.$client.prepare(`select scope, count(*) as n from stock_period_totals group by scope order by scope`).all()).toEqual([
      { scope: 'own', n: 1 },
      { scope: 'tree', n: 4 },
    ]);
    w.db.$client.prepare(`update stock_period_totals set in_qty = 6 where scope = 'tree' and depot_id = ?`).run(w.depot('64').id);
    const violations = verifyLedger(w.db).violations;
    expect(violations.map((v) => v.invariant)).toEqual(['period_totals_equal_movements']);
    expect(violations[0].detail).toContain('table in 6/');
    rebuildPeriodTotals(w.db, w.deps.config.timeZone);
    expect(verifyLedger(w.db).violations).toEqual([]);
  });
});

describe('the API description', () => {
  it('is OpenAPI 3.1 with every route, and /api/docs serves its reference page locally', async () => {
    const w = await makeWorld();
    const doc = await anonymous(w, '/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths).sort()).toEqual(
      [
        '/openapi.json', '/health', '/ready',
        '/auth/login', '/auth/me', '/auth/logout', '/depots', '/depots/{id}', '/depots/{id}/children', '/products', '/products/{id}',
        '/batches', '/batches/{id}', '/stock', '/stock/card', '/postings/{id}', '/postings/{id}/reverse', '/opening-balances',
        '/opening-balances/import', '/opening-balances/{id}', '/opening-balances/{id}/confirm', '/opening-windows', '/opening-windows/{id}/close', '/reversal-requests', '/reversal-requests/{id}',
        '/reversal-requests/{id}/decide', '/receipts/{id}/lines/{batchId}/details', '/notifications/{id}/read', '/users', '/users/{id}', '/users/{id}/deactivate', '/users/{id}/reactivate', '/audit',
        '/receipts', '/receipts/{id}', '/receipts/{id}/scans', '/receipts/{id}/count', '/receipts/{id}/sign',
        '/receipts/{id}/scans/undo', '/receipts/{id}/lines/{batchId}', '/receipts/{id}/cancel',
        '/inspections', '/inspections/{id}', '/inspections/checklists', '/notifications', '/notifications/unread-count', '/receipts/{id}/discrepancies',
        '/transfer-orders', '/transfer-orders/{id}', '/transfer-orders/{id}/decision', '/transfer-orders/{id}/picks',
        '/transfer-orders/{id}/dispatch', '/transfer-orders/{id}/cancel', '/transfer-orders/{id}/receive', '/dispensings', '/transfer-orders/{id}/picks/{pickId}', '/labels/batches/{id}', '/labels/zones/{depotId}/{zone}', '/labels/documents/{documentType}/{id}', '/labels/sheet', '/zone-moves',
        '/depots/{depotId}/storage-areas', '/storage-areas/{id}', '/storage-areas/{id}/sensors', '/climate-sensors/{id}/revoke', '/storage-areas/{id}/readings',
        '/storage-areas/{id}/readings/preview', '/storage-areas/{id}/readings/import', '/storage-areas/{id}/series', '/storage-areas/{id}/excursions',
        '/storage-areas/{id}/monthly', '/climate/excursions/{id}', '/climate/excursions/{id}/acknowledge', '/depots/{depotId}/climate-overview',
        '/climate/alerts', '/climate/sweep', '/climate/ingest',
        '/depots/{depotId}/expired-stock', '/depots/{depotId}/expiry-summary', '/depots/{depotId}/expiry-sweep', '/batch-holds', '/batch-holds/{id}/release',
        '/depots/{depotId}/batch-holds', '/batches/{id}/trace', '/products/{id}/trace', '/write-offs', '/write-offs/{id}', '/write-offs/{id}/decision', '/write-offs/{id}/resubmit',
        '/write-offs/{id}/withdraw', '/write-offs/{id}/disposal',
        '/stock-counts', '/stock-counts/{id}', '/stock-counts/{id}/lines', '/stock-counts/{id}/submit', '/stock-counts/{id}/decision', '/stock-counts/{id}/cancel',
        '/depots/{depotId}/count-status',
        '/demand-plans', '/demand-plans/{id}', '/demand-plans/{id}/sign', '/demand-plans/{id}/submit', '/demand-plans/{id}/return', '/depots/{depotId}/demand-plans',
        '/depots/{depotId}/demand-consolidation', '/depots/{depotId}/usage-figures', '/allocation-plans', '/allocation-plans/{id}', '/allocation-plans/{id}/issue',
        '/depots/{depotId}/allocation-plans', '/depots/{depotId}/allocation-remaining',
        '/reports', '/reports/{report}',
        '/report-submissions', '/report-submissions/{id}', '/report-submissions/{id}/accept', '/report-submissions/{id}/return',
        '/depots/{depotId}/prepared-report', '/depots/{depotId}/report-summary', '/depots/{depotId}/report-status',
        '/depots/{depotId}/dashboard',
        '/people', '/people/{id}', '/people/{id}/status', '/people/{id}/close', '/people/{id}/follow-ups', '/people/{id}/follow-up-form', '/follow-ups/due',
        '/depots/{depotId}/people-register', '/depots/{depotId}/people-erasure', '/depots/{depotId}/user-counts', '/depots/{depotId}/follow-up-summary', '/dispensings/register',
        '/adverse-reactions', '/adverse-reactions/overdue', '/adverse-reactions/sheet', '/adverse-reactions/{id}', '/adverse-reactions/{id}/confirm', '/adverse-reactions/{id}/sheet',
        '/adverse-reactions/{id}/submit', '/adverse-signals', '/adverse-signals/{id}', '/adverse-signals/{id}/hold',
        '/supervision-visits', '/supervision-visits/{id}', '/supervision-visits/{id}/start', '/supervision-visits/{id}/checklist/{item}', '/supervision-visits/{id}/findings',
        '/supervision-visits/{id}/actions', '/supervision-visits/{id}/sign', '/supervision-visits/{id}/close', '/supervision-visits/{id}/cancel', '/supervision-visits/{id}/record',
        '/supervision-actions', '/supervision-actions/{id}/close', '/supervision-actions/{id}/verify', '/supervision-actions/{id}/reopen',
        '/assessment-rubrics', '/assessment-rubrics/{version}', '/assessment-rounds', '/assessment-rounds/{id}', '/assessment-rounds/{id}/scores',
        '/assessment-rounds/{id}/compute', '/assessment-rounds/{id}/finalise', '/assessment-rounds/{id}/ranking', '/assessment-rounds/{id}/depots/{depotId}',
        '/assessment-rounds/{id}/depots/{depotId}/form',
        '/trainings', '/trainings/{id}', '/education-sessions', '/education-sessions/{id}', '/training-cadence', '/training-requirements',
        '/training-requirements/{userId}', '/training-requirements/{userId}/waiver',
        '/depots/{depotId}/facility-profile', '/depots/{depotId}/facility-profile/history', '/equipment', '/equipment/{id}', '/equipment/{id}/maintenance',
        '/equipment/{id}/maintenance-log', '/equipment-requests', '/equipment-requests/{id}/decision', '/equipment-requests/{id}/withdraw',
        '/archive', '/archive/sheet', '/archive/retention', '/archive/retention-decisions', '/archive/{documentType}/{id}', '/archive/{documentType}/{id}/attachments',
        '/archive/attachments/{id}/content',
        '/service-requests', '/service-requests/{id}', '/service-requests/{id}/accept', '/service-requests/{id}/decline', '/service-requests/{id}/handover',
        '/service-requests/{id}/handover-targets', '/service-requests/{id}/reply', '/service-requests/{id}/resolve', '/depots/{depotId}/service-summary',
      ].sort(),
    );
    const page = await anonymous(w, '/api/docs');
    expect(page.status).toBe(200);
    for (const asset of (page.body as string).match(/\/api\/docs\/assets\/[\w.-]+/g)!) {
      expect((await w.app.request(asset)).status, asset).toBe(200);
    }
    expect((await anonymous(w, '/api/nothing/here')).body.code).toBe('unauthenticated');
    const unknown = await (await loginAs(w, '64-leader')).get('/api/nothing/here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
  });
});
