import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { makeWorld, snapshotCounts, expectLedgerConsistent, type World } from '../helpers/world.ts';
import { loginAs, type Client } from '../helpers/client.ts';
import { buildBatch, givenStock } from '../helpers/factories.ts';
import { ROLES } from '../../server/schemas/constants.ts';
import { createArea, createSensor, recordReading } from '../../server/services/climate.ts';
import { requestWriteOff } from '../../server/services/write-offs.ts';
import { placeHold } from '../../server/services/holds.ts';
import { openAllocationPlan, openDemandPlan } from '../../server/services/planning.ts';
import { registerPerson } from '../../server/services/people.ts';
import { fileReport } from '../../server/services/adverse-reactions.ts';

/**
 * Generated bodies, headers and paths against every mutating route: never a 500, every
 * refusal a problem+json with a code, and nothing changed by a refused request.
 */
let w: World;
let c: Client;
let valid: { depotId: number; childId: number; batchId: number; postingId: number; userId: number; productId: number; areaId: number; excursionId: number; sensorId: number; redBatchId: number; writeOffId: number; holdId: number; demandPlanId: number; allocationPlanId: number; reportId: number; signalId: number; personId: number };
beforeAll(async () => {
  w = await makeWorld();
  await w.addUser('fuzz', '640121', [...ROLES]);
  c = await loginAs(w, 'fuzz');
  const batch = buildBatch(w);
  valid = {
    depotId: w.depot('640121').id,
    childId: w.depot('640121100').id,
    batchId: batch.id,
    postingId: givenStock(w, '640121', batch.id, 50).postingId!,
    userId: w.actor('640121100-dispenser').userId,
    productId: w.db.$client.prepare("select id from products where code = 'KJ-0101'").pluck().get() as number,
    ...climateFixtures(),
    ...qualityFixtures(),
    ...planningFixtures(),
    ...adverseFixtures(batch.id),
    ...peopleFixtures(),
  };
});
afterAll(() => expectLedgerConsistent(w.db));

/** An area with one ended excursion and a sensor, for the climate routes. */
function climateFixtures() {
  const actor = w.actor('fuzz');
  const area = createArea(w.deps, actor, w.depot('640121').id, { name: '库房', kind: 'room' });
  const t = w.clock.now().getTime();
  recordReading(w.deps, actor, area.id, { takenAt: t - 20 * 60_000, temperatureC: 30, humidityPct: 50 });
  recordReading(w.deps, actor, area.id, { takenAt: t - 10 * 60_000, temperatureC: 20, humidityPct: 50 });
  const excursionId = w.db.$client.prepare('select id from climate_excursions').pluck().get() as number;
  return { areaId: area.id, excursionId, sensorId: createSensor(w.deps, actor, area.id, 'probe').id };
}

/** Red-zone stock with a write-off request on part of it, and a hold, for the non-conforming routes. */
function qualityFixtures() {
  const actor = w.actor('fuzz');
  const red = buildBatch(w);
  givenStock(w, '640121', red.id, 20, 'nonconforming');
  const writeOff = requestWriteOff(w.deps, actor, { depotId: w.depot('640121').id, lines: [{ batchId: red.id, quantity: 5, kind: 'expired' }] });
  const hold = placeHold(w.deps, actor, { depotId: w.depot('640121').id, batchId: red.id, reason: 'fuzz hold' });
  return { redBatchId: red.id, writeOffId: writeOff.id, holdId: hold.id };
}

/** A county demand plan and allocation plan for 2027 (the world's clock is in the fourth quarter of 2026). */
function planningFixtures() {
  const actor = w.actor('fuzz');
  const demand = openDemandPlan(w.deps, actor, { depotId: w.depot('640121').id, year: 2027 });
  const allocation = openAllocationPlan(w.deps, actor, { depotId: w.depot('640121').id, year: 2027 });
  return { demandPlanId: demand.id, allocationPlanId: allocation.id };
}

/** A person registered at the township below (issue 20), for the people routes. */
function peopleFixtures() {
  const p = registerPerson(w.deps, w.actor('640121100-dispenser'), { depotId: w.depot('640121100').id, name: 'fz', birthYearMonth: '1990-01', community: 'fz', method: 'oral', methodSince: '2026-10-01', consent: true, consentOn: '2026-10-01' });
  return { personId: p.id };
}

/** Three serious adverse-reaction reports on one lot at the township below: a report for the county to confirm, and a signal at the region. */
function adverseFixtures(batchId: number) {
  const dispenser = w.actor('640121100-dispenser');
  const file = () => fileReport(w.deps, dispenser, { depotId: w.depot('640121100').id, batchId, birthYear: 1990, community: 'fz', useStartedOn: '2026-10-01', onsetOn: '2026-11-01', description: 'fz', outcome: 'improving', criteria: ['hospitalisation'] });
  const report = file();
  file();
  return { reportId: report.id, signalId: file().signalId! };
}

const idOr = (id: () => number) => fc.oneof(pathId, fc.constant(0).map(() => String(id())));

const RUNS = process.env.FP_LONG ? 1000 : 60;

const weird = fc.oneof(
  fc.jsonValue(),
  fc.string(),
  fc.constantFrom(null, true, -1, 0, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, '', ' ', 'NaN', '1e9', '2028-13-45', '../../etc/passwd', '\u0000', '𠀀'.repeat(300), 'x'.repeat(10_000)),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
);

/** A valid body with one field replaced, removed or added. */
const mutated = (base: Record<string, unknown>) =>
  fc.tuple(fc.constantFrom(...Object.keys(base), 'extra'), weird, fc.boolean()).map(([key, value, drop]) => {
    const copy: Record<string, unknown> = { ...base };
    if (drop) delete copy[key];
    else copy[key] = value;
    return JSON.stringify(copy);
  });

const rawBodies = fc.oneof(
  fc.json(),
  fc.string(),
  fc.constantFrom('{', '{"depotId":', '[', 'null', '""', '{"lines":[{]}', '\uFEFF{}', '{"a":1}{"b":2}'),
);

const pathId = fc.oneof(fc.integer({ min: -5, max: 1_000_000 }).map(String), fc.constantFrom('0', '-1', '1e9', 'abc', '%00', '..%2F', '9'.repeat(30), ''));

interface Target {
  name: string;
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: fc.Arbitrary<string>;
  body: fc.Arbitrary<string>;
}

const targets = (): Target[] => [
  { name: 'POST /api/opening-balances', method: 'POST', path: fc.constant('/api/opening-balances'), body: fc.oneof(rawBodies, mutated({ depotId: valid.depotId, lines: [{ batchId: valid.batchId, quantity: 1 }] }), mutated({ depotId: valid.depotId, lines: [{ batch: { productCode: 'KJ-0101', lot: 'F1', expiresOn: '2020-01-01' }, quantity: 1 }] })) },
  { name: 'POST /api/opening-balances/import', method: 'POST', path: pathId.map((id) => `/api/opening-balances/import?depotId=${id}`), body: fc.oneof(fc.string(), fc.array(fc.array(fc.string({ maxLength: 12 }), { maxLength: 7 }), { maxLength: 5 }).map((rows) => ['product_code,lot,expires_on,zone,quantity,unit_price', ...rows.map((r) => r.join(','))].join('\n'))) },
  { name: 'POST /api/postings/{id}/reverse', method: 'POST', path: pathId.map((id) => `/api/postings/${id}/reverse`), body: fc.oneof(rawBodies, mutated({ reason: 'fuzz' })) },
  { name: 'POST /api/users', method: 'POST', path: fc.constant('/api/users'), body: fc.oneof(rawBodies, mutated({ username: 'fz.user', displayName: 'f', password: 'password-1', depotId: valid.depotId, roles: ['dispenser'] })) },
  { name: 'PATCH /api/users/{id}', method: 'PATCH', path: pathId.map((id) => `/api/users/${id}`), body: fc.oneof(rawBodies, mutated({ displayName: 'f', roles: ['dispenser'] })) },
  { name: 'POST /api/users/{id}/deactivate', method: 'POST', path: pathId.map((id) => `/api/users/${id}/deactivate`), body: rawBodies },
  { name: 'POST /api/users/{id}/reactivate', method: 'POST', path: pathId.map((id) => `/api/users/${id}/reactivate`), body: rawBodies },
  { name: 'POST /api/auth/logout', method: 'POST', path: fc.constant('/api/auth/logout'), body: rawBodies },
  { name: 'POST /api/receipts', method: 'POST', path: fc.constant('/api/receipts'), body: fc.oneof(rawBodies, mutated({ depotId: valid.depotId, supplierName: 's', deliveryNote: 'n', expectedLines: [{ productId: valid.productId, quantity: 1 }] })) },
  { name: 'POST /api/receipts/{id}/scans', method: 'POST', path: pathId.map((id) => `/api/receipts/${id}/scans`), body: fc.oneof(rawBodies, mutated({ raw: ']d201069012345678921728011510FZ', quantity: 1 }), mutated({ productId: valid.productId, lot: 'FZ', expiresOn: '2028-01-31' })) },
  { name: 'POST /api/receipts/{id}/scans/undo', method: 'POST', path: pathId.map((id) => `/api/receipts/${id}/scans/undo`), body: rawBodies },
  { name: 'PUT /api/receipts/{id}/lines/{batchId}', method: 'PUT', path: fc.tuple(pathId, idOr(() => valid.batchId)).map(([id, batchId]) => `/api/receipts/${id}/lines/${batchId}`), body: fc.oneof(rawBodies, mutated({ quantity: 1 })) },
  { name: 'DELETE /api/receipts/{id}/lines/{batchId}', method: 'DELETE', path: fc.tuple(pathId, idOr(() => valid.batchId)).map(([id, batchId]) => `/api/receipts/${id}/lines/${batchId}`), body: rawBodies },
  { name: 'POST /api/receipts/{id}/cancel', method: 'POST', path: pathId.map((id) => `/api/receipts/${id}/cancel`), body: fc.oneof(rawBodies, mutated({ reason: 'fuzz' })) },
  { name: 'POST /api/receipts/{id}/count', method: 'POST', path: pathId.map((id) => `/api/receipts/${id}/count`), body: rawBodies },
  { name: 'POST /api/receipts/{id}/sign', method: 'POST', path: pathId.map((id) => `/api/receipts/${id}/sign`), body: fc.oneof(rawBodies, mutated({ role: 'planner' })) },
  { name: 'POST /api/receipts/{id}/discrepancies', method: 'POST', path: pathId.map((id) => `/api/receipts/${id}/discrepancies`), body: fc.oneof(rawBodies, mutated({ kind: 'damaged', batchId: valid.batchId, quantity: 1 })) },
  { name: 'POST /api/inspections', method: 'POST', path: fc.constant('/api/inspections'), body: fc.oneof(rawBodies, mutated({ depotId: valid.depotId, batchId: valid.batchId, kind: 'storage', checklist: {}, passedQuantity: 1, failedQuantity: 0 })) },
  { name: 'POST /api/transfer-orders', method: 'POST', path: fc.constant('/api/transfer-orders'), body: fc.oneof(rawBodies, mutated({ fromDepotId: valid.depotId, toDepotId: valid.childId, basis: 'temporary', lines: [{ productId: valid.productId, quantity: 1 }] })) },
  { name: 'POST /api/transfer-orders/{id}/decision', method: 'POST', path: pathId.map((id) => `/api/transfer-orders/${id}/decision`), body: fc.oneof(rawBodies, mutated({ decision: 'declined', reason: 'r' })) },
  { name: 'POST /api/transfer-orders/{id}/picks', method: 'POST', path: pathId.map((id) => `/api/transfer-orders/${id}/picks`), body: fc.oneof(rawBodies, mutated({ raw: `FP1:B:${valid.batchId}`, quantity: 1, reason: 'r' })) },
  { name: 'POST /api/transfer-orders/{id}/dispatch', method: 'POST', path: pathId.map((id) => `/api/transfer-orders/${id}/dispatch`), body: rawBodies },
  { name: 'POST /api/transfer-orders/{id}/cancel', method: 'POST', path: pathId.map((id) => `/api/transfer-orders/${id}/cancel`), body: rawBodies },
  { name: 'POST /api/transfer-orders/{id}/receive', method: 'POST', path: pathId.map((id) => `/api/transfer-orders/${id}/receive`), body: rawBodies },
  { name: 'POST /api/zone-moves', method: 'POST', path: fc.constant('/api/zone-moves'), body: fc.oneof(rawBodies, mutated({ depotId: valid.depotId, batchId: valid.batchId, fromZone: 'qualified', toZone: 'pending', quantity: 1 })) },
  { name: 'POST /api/depots/{depotId}/storage-areas', method: 'POST', path: idOr(() => valid.depotId).map((id) => `/api/depots/${id}/storage-areas`), body: fc.oneof(rawBodies, mutated({ name: 'fz', kind: 'cabinet', minC: 2, maxC: 8, maxRh: 60, expectedIntervalMinutes: 30 })) },
  { name: 'PATCH /api/storage-areas/{id}', method: 'PATCH', path: idOr(() => valid.areaId).map((id) => `/api/storage-areas/${id}`), body: fc.oneof(rawBodies, mutated({ maxC: 24, active: true })) },
  { name: 'POST /api/storage-areas/{id}/sensors', method: 'POST', path: idOr(() => valid.areaId).map((id) => `/api/storage-areas/${id}/sensors`), body: fc.oneof(rawBodies, mutated({ name: 'probe' })) },
  { name: 'POST /api/climate-sensors/{id}/revoke', method: 'POST', path: idOr(() => valid.sensorId).map((id) => `/api/climate-sensors/${id}/revoke`), body: rawBodies },
  { name: 'POST /api/storage-areas/{id}/readings', method: 'POST', path: idOr(() => valid.areaId).map((id) => `/api/storage-areas/${id}/readings`), body: fc.oneof(rawBodies, mutated({ takenAt: '2026-11-22T07:00:00Z', temperatureC: 20, humidityPct: 50 })) },
  { name: 'POST /api/storage-areas/{id}/readings/preview', method: 'POST', path: idOr(() => valid.areaId).map((id) => `/api/storage-areas/${id}/readings/preview`), body: fc.oneof(rawBodies, mutated({ csv: 'timestamp,temperature,humidity\n2026-11-20 09:00,20,50', timeZone: 'UTC', dateOrder: 'auto' })) },
  { name: 'POST /api/storage-areas/{id}/readings/import', method: 'POST', path: idOr(() => valid.areaId).map((id) => `/api/storage-areas/${id}/readings/import`), body: fc.oneof(rawBodies, mutated({ csv: 'timestamp,temperature,humidity\n2026-11-20 09:00,20,50', timeZone: 'UTC' }), fc.array(fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }), { maxLength: 6 }).map((rows) => JSON.stringify({ csv: ['time,temp,rh', ...rows.map((r) => r.join(','))].join('\n') }))) },
  { name: 'POST /api/climate/excursions/{id}/acknowledge', method: 'POST', path: idOr(() => valid.excursionId).map((id) => `/api/climate/excursions/${id}/acknowledge`), body: fc.oneof(rawBodies, mutated({ action: 'fz', resolution: 'sensor_fault' })) },
  { name: 'POST /api/climate/sweep', method: 'POST', path: fc.constant('/api/climate/sweep'), body: rawBodies },
  { name: 'POST /api/climate/ingest', method: 'POST', path: fc.constant('/api/climate/ingest'), body: fc.oneof(rawBodies, mutated({ readings: [{ takenAt: 1, temperatureC: 20 }] })) },
  { name: 'POST /api/depots/{depotId}/expiry-sweep', method: 'POST', path: idOr(() => valid.depotId).map((id) => `/api/depots/${id}/expiry-sweep`), body: rawBodies },
  { name: 'POST /api/batch-holds', method: 'POST', path: fc.constant('/api/batch-holds'), body: fc.oneof(rawBodies, mutated({ depotId: valid.depotId, batchId: valid.batchId, reason: 'fz hold' })) },
  { name: 'POST /api/batch-holds/{id}/release', method: 'POST', path: idOr(() => valid.holdId).map((id) => `/api/batch-holds/${id}/release`), body: fc.oneof(rawBodies, mutated({ reason: 'fz release' })) },
  { name: 'POST /api/write-offs', method: 'POST', path: fc.constant('/api/write-offs'), body: fc.oneof(rawBodies, mutated({ depotId: valid.depotId, note: 'n', lines: [{ batchId: valid.redBatchId, quantity: 1, kind: 'expired' }] })) },
  { name: 'POST /api/write-offs/{id}/decision', method: 'POST', path: idOr(() => valid.writeOffId).map((id) => `/api/write-offs/${id}/decision`), body: fc.oneof(rawBodies, mutated({ decision: 'returned', reason: 'fz' })) },
  { name: 'POST /api/write-offs/{id}/resubmit', method: 'POST', path: idOr(() => valid.writeOffId).map((id) => `/api/write-offs/${id}/resubmit`), body: fc.oneof(rawBodies, mutated({ lines: [{ batchId: valid.redBatchId, quantity: 1, kind: 'expired' }] })) },
  { name: 'POST /api/write-offs/{id}/withdraw', method: 'POST', path: idOr(() => valid.writeOffId).map((id) => `/api/write-offs/${id}/withdraw`), body: rawBodies },
  { name: 'POST /api/write-offs/{id}/disposal', method: 'POST', path: idOr(() => valid.writeOffId).map((id) => `/api/write-offs/${id}/disposal`), body: fc.oneof(rawBodies, mutated({ method: 'destroy', witnesses: [{ username: 'fuzz', password: 'nope' }, { username: '640121-leader', password: 'x' }] })) },
  { name: 'POST /api/demand-plans', method: 'POST', path: fc.constant('/api/demand-plans'), body: fc.oneof(rawBodies, mutated({ depotId: valid.childId, year: 2027 })) },
  { name: 'PATCH /api/demand-plans/{id}', method: 'PATCH', path: idOr(() => valid.demandPlanId).map((id) => `/api/demand-plans/${id}`), body: fc.oneof(rawBodies, mutated({ lines: [{ productId: valid.productId, quantity: 5, reason: 'fz' }] })) },
  { name: 'POST /api/demand-plans/{id}/sign', method: 'POST', path: idOr(() => valid.demandPlanId).map((id) => `/api/demand-plans/${id}/sign`), body: rawBodies },
  { name: 'POST /api/demand-plans/{id}/submit', method: 'POST', path: idOr(() => valid.demandPlanId).map((id) => `/api/demand-plans/${id}/submit`), body: rawBodies },
  { name: 'POST /api/demand-plans/{id}/return', method: 'POST', path: idOr(() => valid.demandPlanId).map((id) => `/api/demand-plans/${id}/return`), body: fc.oneof(rawBodies, mutated({ comment: 'fz comment' })) },
  { name: 'POST /api/depots/{depotId}/usage-figures', method: 'POST', path: idOr(() => valid.childId).map((id) => `/api/depots/${id}/usage-figures`), body: fc.oneof(rawBodies, mutated({ year: 2026, half: 1, figures: [{ method: 'oral', users: 3 }] })) },
  { name: 'POST /api/allocation-plans', method: 'POST', path: fc.constant('/api/allocation-plans'), body: fc.oneof(rawBodies, mutated({ depotId: valid.depotId, year: 2028 })) },
  { name: 'PATCH /api/allocation-plans/{id}', method: 'PATCH', path: idOr(() => valid.allocationPlanId).map((id) => `/api/allocation-plans/${id}`), body: fc.oneof(rawBodies, mutated({ lines: [{ childDepotId: valid.childId, productId: valid.productId, allocated: 0 }] })) },
  { name: 'POST /api/allocation-plans/{id}/issue', method: 'POST', path: idOr(() => valid.allocationPlanId).map((id) => `/api/allocation-plans/${id}/issue`), body: rawBodies },
  { name: 'PATCH /api/products/{id}', method: 'PATCH', path: idOr(() => valid.productId).map((id) => `/api/products/${id}`), body: fc.oneof(rawBodies, mutated({ cypPerUnit: 0.05, annualUsePerUser: 12 })) },
  { name: 'POST /api/dispensings', method: 'POST', path: fc.constant('/api/dispensings'), body: fc.oneof(rawBodies, mutated({ depotId: valid.depotId, raw: `FP1:B:${valid.batchId}`, quantity: 1, packIntact: true, expiryChecked: true }), mutated({ depotId: valid.childId, batchId: valid.batchId, quantity: 1, packIntact: true, expiryChecked: true, personId: valid.personId })) },
  { name: 'POST /api/people', method: 'POST', path: fc.constant('/api/people'), body: fc.oneof(rawBodies, mutated({ depotId: valid.depotId, name: 'fz', birthYearMonth: '1990-01', community: 'fz', contact: '1', method: 'iud', methodSince: '2026-10-01', consent: true, consentOn: '2026-10-01' })) },
  { name: 'POST /api/people/{id}/status', method: 'POST', path: idOr(() => valid.personId).map((id) => `/api/people/${id}/status`), body: fc.oneof(rawBodies, mutated({ status: 'switched', on: '2026-11-01', method: 'iud', reason: 'fz' })) },
  { name: 'POST /api/people/{id}/follow-ups', method: 'POST', path: idOr(() => valid.personId).map((id) => `/api/people/${id}/follow-ups`), body: fc.oneof(rawBodies, mutated({ on: '2026-11-01', outcome: 'side_effects', sideEffects: 'fz', switchedTo: 'iud', stopReason: 'fz' })) },
  { name: 'POST /api/people/{id}/close', method: 'POST', path: idOr(() => valid.personId).map((id) => `/api/people/${id}/close`), body: fc.oneof(rawBodies, mutated({ reason: 'fz' })) },
  { name: 'POST /api/depots/{depotId}/people-erasure', method: 'POST', path: idOr(() => valid.depotId).map((id) => `/api/depots/${id}/people-erasure`), body: rawBodies },
  { name: 'POST /api/adverse-reactions', method: 'POST', path: fc.constant('/api/adverse-reactions'), body: fc.oneof(rawBodies, mutated({ depotId: valid.childId, raw: `FP1:B:${valid.batchId}`, birthYear: 1990, community: 'fz', useStartedOn: '2026-10-01', onsetOn: '2026-11-01', description: 'fz', outcome: 'recovered', criteria: ['death'] })) },
  { name: 'POST /api/adverse-reactions/{id}/confirm', method: 'POST', path: idOr(() => valid.reportId).map((id) => `/api/adverse-reactions/${id}/confirm`), body: fc.oneof(rawBodies, mutated({ decision: 'confirmed', criteria: ['hospitalisation'], diagnosingBody: 'health_body', institution: 'fz 医院', diagnostician: 'fz', diagnosedOn: '2026-11-02' })) },
  { name: 'POST /api/adverse-reactions/{id}/submit', method: 'POST', path: idOr(() => valid.reportId).map((id) => `/api/adverse-reactions/${id}/submit`), body: rawBodies },
  { name: 'POST /api/adverse-signals/{id}/hold', method: 'POST', path: idOr(() => valid.signalId).map((id) => `/api/adverse-signals/${id}/hold`), body: rawBodies },
];

const contentType = fc.constantFrom('application/json', 'text/plain', 'text/csv', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '');
const csrf = fc.oneof({ weight: 5, arbitrary: fc.constant('valid') }, fc.constantFrom('', 'forged'), fc.string({ maxLength: 40 }));
const idemKey = fc.option(fc.oneof(fc.string({ maxLength: 120 }), fc.stringMatching(/^[\w.:-]{8,20}$/)), { nil: undefined });

describe('generated bad input against every mutating route (fast-check)', () => {
  const names = [
    'POST /api/opening-balances', 'POST /api/opening-balances/import', 'POST /api/postings/{id}/reverse', 'POST /api/users', 'PATCH /api/users/{id}',
    'POST /api/users/{id}/deactivate', 'POST /api/users/{id}/reactivate', 'POST /api/auth/logout', 'POST /api/receipts', 'POST /api/receipts/{id}/scans',
    'POST /api/receipts/{id}/scans/undo', 'PUT /api/receipts/{id}/lines/{batchId}', 'DELETE /api/receipts/{id}/lines/{batchId}', 'POST /api/receipts/{id}/cancel',
    'POST /api/receipts/{id}/count', 'POST /api/receipts/{id}/sign', 'POST /api/receipts/{id}/discrepancies', 'POST /api/inspections', 'POST /api/transfer-orders',
    'POST /api/transfer-orders/{id}/decision', 'POST /api/transfer-orders/{id}/picks', 'POST /api/transfer-orders/{id}/dispatch', 'POST /api/transfer-orders/{id}/cancel',
    'POST /api/transfer-orders/{id}/receive', 'POST /api/dispensings', 'POST /api/zone-moves',
    'POST /api/depots/{depotId}/storage-areas', 'PATCH /api/storage-areas/{id}', 'POST /api/storage-areas/{id}/sensors', 'POST /api/climate-sensors/{id}/revoke',
    'POST /api/storage-areas/{id}/readings', 'POST /api/storage-areas/{id}/readings/preview', 'POST /api/storage-areas/{id}/readings/import',
    'POST /api/climate/excursions/{id}/acknowledge', 'POST /api/climate/sweep', 'POST /api/climate/ingest',
    'POST /api/depots/{depotId}/expiry-sweep', 'POST /api/batch-holds', 'POST /api/batch-holds/{id}/release', 'POST /api/write-offs',
    'POST /api/write-offs/{id}/decision', 'POST /api/write-offs/{id}/resubmit', 'POST /api/write-offs/{id}/withdraw', 'POST /api/write-offs/{id}/disposal',
    'POST /api/demand-plans', 'PATCH /api/demand-plans/{id}', 'POST /api/demand-plans/{id}/sign', 'POST /api/demand-plans/{id}/submit', 'POST /api/demand-plans/{id}/return',
    'POST /api/depots/{depotId}/usage-figures', 'POST /api/allocation-plans', 'PATCH /api/allocation-plans/{id}', 'POST /api/allocation-plans/{id}/issue',
    'PATCH /api/products/{id}',
    'POST /api/adverse-reactions', 'POST /api/adverse-reactions/{id}/confirm', 'POST /api/adverse-reactions/{id}/submit', 'POST /api/adverse-signals/{id}/hold',
  ];
  it.each(names)('%s: never 500, always problem+json, nothing changed when refused', async (name) => {
    const target = targets().find((t) => t.name === name)!;
    await fc.assert(
      fc.asyncProperty(target.path, target.body, contentType, csrf, idemKey, async (path, body, type, token, key) => {
        // Headers carry only what HTTP allows: fast-check strings may hold anything.
        const headerSafe = (s: string) => s.replace(/[^\x20-\x7e]/g, '');
        const headers: Record<string, string> = { cookie: c.cookie, 'x-csrf-token': token === 'valid' ? c.csrf : headerSafe(token) };
        if (type) headers['content-type'] = type;
        if (key !== undefined) headers['idempotency-key'] = headerSafe(key);
        const before = snapshotCounts(w.db);
        const res = await Promise.resolve(w.app.request(path, { method: target.method, headers, body })).then(async (r) => ({ status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() }));
        expect(res.status, `${target.method} ${path} ${body.slice(0, 200)} → ${res.text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 300) {
          expect(res.type).toContain('application/problem+json');
          expect(typeof JSON.parse(res.text).code).toBe('string');
          const after = snapshotCounts(w.db);
          // A stored idempotent refusal is the one write a refused request may leave.
          expect({ ...after, idempotency_keys: 0 }).toEqual({ ...before, idempotency_keys: 0 });
        }
        if (target.name === 'POST /api/auth/logout' && res.status === 204) c = await loginAs(w, 'fuzz');
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('login: refuses garbage with 4xx problem+json; only the password-attempts table may change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(rawBodies, mutated({ username: 'fuzz', password: 'nope' })), contentType, async (body, type) => {
        const before = snapshotCounts(w.db);
        const res = await w.app.request('/api/auth/login', { method: 'POST', headers: type ? { 'content-type': type } : {}, body });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 300) {
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          expect({ ...snapshotCounts(w.db), login_attempts: 0 }).toEqual({ ...before, login_attempts: 0 });
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
