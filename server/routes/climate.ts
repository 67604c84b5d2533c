import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/climate.ts';
import { IdParamSchema } from '../schemas/api.ts';
import { router, problem, problems, refused, session, sessionAndCsrf, sensorToken, json, body } from '../http/openapi.ts';
import { acknowledgeExcursion, createArea, createSensor, importCsvInSlices, ingestFromSensor, previewCsvInSlices, recordReading, revokeSensor, sweepClimate, updateArea } from '../services/climate.ts';
import { areaSeries, climateAlerts, climateOverview, getArea, getExcursion, listAreaExcursions, listAreas, monthlyRecord } from '../services/climate-reads.ts';

const tags = ['climate'];
const areaParams = { params: s.AreaParamSchema };

/** Who keeps a depot's climate log (services/climate.ts KEEPERS), as the descriptions name them. */
const KEEPERS = 'A storekeeper, inspector, leader or admin of its depot (403 out_of_scope, role_required)';

const list = createRoute({
  method: 'get',
  path: '/depots/{depotId}/storage-areas',
  tags,
  operationId: 'listStorageAreas',
  summary: 'A depot’s storage areas with their limits, latest reading and open excursions',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). Each area with the limits it keeps now (its own, tightened by any product stored in it that needs less), its sensors, its newest reading and how many excursions and missing logs are open.',
  security: session,
  request: { params: s.DepotParamSchema },
  responses: { 200: json(s.AreaListSchema), ...problems.read },
});
const create = createRoute({
  method: 'post',
  path: '/depots/{depotId}/storage-areas',
  tags,
  operationId: 'createStorageArea',
  summary: 'Set up a storage area (limits default to 5-25 °C, RH below 65 %)',
  description: `${KEEPERS}. Sets up a room, cabinet or refrigerator holding some of the depot’s zones, with its limits (default 5-25 °C and relative humidity below 65 %, S0:325, 380; the lowest below the highest, 422 validation_failed) and the longest expected time between readings (default a day), beyond which a missing log opens. Audited.`,
  security: sessionAndCsrf,
  request: { params: s.DepotParamSchema, body: body(s.AreaCreateSchema) },
  responses: { 201: json(s.AreaSchema), ...problems.change },
});
const one = createRoute({
  method: 'get',
  path: '/storage-areas/{id}',
  tags,
  operationId: 'getStorageArea',
  summary: 'One storage area',
  description: 'Any logged-in user, for an area of their own depot or one below it (403 out_of_scope): its depot, zones, own and effective limits, sensors (never their tokens) and newest reading.',
  security: session,
  request: areaParams,
  responses: { 200: json(s.AreaSchema), ...problems.read },
});
const update = createRoute({
  method: 'patch',
  path: '/storage-areas/{id}',
  tags,
  operationId: 'updateStorageArea',
  summary: 'Change an area’s name, limits, expected reading interval or whether it is in use',
  description: `${KEEPERS}. Fields left out keep their value. New limits apply from the last reading within them on: excursions found earlier stay as they were found. An area taken out of use takes no readings (409 area_inactive) and opens no missing logs. Audited.`,
  security: sessionAndCsrf,
  request: { ...areaParams, body: body(s.AreaUpdateSchema) },
  responses: { 200: json(s.AreaSchema), ...problems.change },
});
const addSensor = createRoute({
  method: 'post',
  path: '/storage-areas/{id}/sensors',
  tags,
  operationId: 'registerClimateSensor',
  summary: 'Register a networked sensor; its token is shown once',
  description: `${KEEPERS}. Creates a sensor for the area and answers its bearer token once: only its hash is kept, so a lost token means a new sensor. The sensor then posts readings to POST /climate/ingest. Audited.`,
  security: sessionAndCsrf,
  request: { ...areaParams, body: body(s.SensorCreateSchema) },
  responses: { 201: json(s.SensorCreatedSchema), ...problems.change },
});
const revoke = createRoute({
  method: 'post',
  path: '/climate-sensors/{id}/revoke',
  tags,
  operationId: 'revokeClimateSensor',
  summary: 'Revoke a sensor’s token',
  description: `${KEEPERS}. From now on the sensor’s posts are refused (401 sensor_token_revoked); its readings stay. Revoking twice changes nothing. Audited.`,
  security: sessionAndCsrf,
  request: { params: IdParamSchema },
  responses: { 200: json(s.SensorSchema), ...problems.change },
});
const record = createRoute({
  method: 'post',
  path: '/storage-areas/{id}/readings',
  tags,
  operationId: 'recordClimateReading',
  summary: 'Record one reading of the round (time defaults to now)',
  description: `${KEEPERS}, for an area in use (409 area_inactive). One reading of the twice-daily round (库房温湿度记录表, S0:510) by the user who read the instrument. Refuses an implausible reading (422 implausible_reading: -50 to 70 °C, 0 to 100 %) and one more than 5 minutes ahead of the server clock (422 reading_in_future); a reading at an instant the area already has is skipped as a duplicate. The answer lists the excursions the reading opened, extended or closed. Readings are append-only.`,
  security: sessionAndCsrf,
  request: { ...areaParams, body: body(s.ReadingCreateSchema) },
  responses: { 201: json(s.ReadingResultSchema), ...problems.change },
});
const preview = createRoute({
  method: 'post',
  path: '/storage-areas/{id}/readings/preview',
  tags,
  operationId: 'previewClimateCsv',
  summary: 'Read a data logger’s CSV without importing: layout, good rows, bad rows by line, duplicates',
  description: `${KEEPERS}. Nothing is written. Reads comma, semicolon or tab separated files with English or Chinese headers, ISO, Chinese, day-first or month-first dates (\`dateOrder\`) and °F, in the depot’s time zone unless the file or \`timeZone\` gives one; answers the layout it found, how many rows it would import, the rows the area already holds, the bad rows by line and a sample. A file it cannot read at all is 422 csv_unreadable; one past 4 MiB or 150,000 lines (the server's climateCsv setting) is refused unread with 413 payload_too_large.`,
  security: sessionAndCsrf,
  request: { ...areaParams, body: body(s.CsvImportSchema) },
  responses: { 200: json(s.CsvPreviewSchema), ...problems.change },
});
const importRoute = createRoute({
  method: 'post',
  path: '/storage-areas/{id}/readings/import',
  tags,
  operationId: 'importClimateCsv',
  summary: 'Import the good rows of a data logger’s CSV; duplicates skipped, bad rows reported by line',
  description: `${KEEPERS}, for an area in use (409 area_inactive). Reads the file as the preview does (the same limits) and imports its good rows in one transaction; rows the area already holds are skipped and bad rows are reported by line, none of them kept. The answer lists the excursions found in what was imported. A large file is read and written in slices of a few milliseconds, so other requests are answered meanwhile; changes sent while its rows are written wait for it.`,
  security: sessionAndCsrf,
  request: { ...areaParams, body: body(s.CsvImportSchema) },
  responses: { 201: json(s.CsvImportResultSchema), ...problems.change },
});
const series = createRoute({
  method: 'get',
  path: '/storage-areas/{id}/series',
  tags,
  operationId: 'getClimateSeries',
  summary: 'Readings of a range for the chart; each point keeps the minimum and maximum of what it stands for',
  description: 'Any logged-in user, for an area of their own depot or one below it (403 out_of_scope). The readings from `from` to `to` (epoch ms; 422 unless `to` is after `from`) cut into at most `points` spans, each with its minimum and maximum temperature and humidity so that no spike hides, with the limits and the excursions touching the range.',
  security: session,
  request: { ...areaParams, query: s.SeriesQuerySchema },
  responses: { 200: json(s.SeriesSchema), ...problems.read },
});
const excursions = createRoute({
  method: 'get',
  path: '/storage-areas/{id}/excursions',
  tags,
  operationId: 'listAreaExcursions',
  summary: 'An area’s excursions and missing logs, newest first',
  description: 'Any logged-in user, for an area of their own depot or one below it (403 out_of_scope): every period outside the limits (start, end, extreme) and every missing log, open or acknowledged, with the action recorded.',
  security: session,
  request: { ...areaParams, query: s.ExcursionListQuerySchema },
  responses: { 200: json(s.ExcursionListSchema), ...problems.read },
});
const monthly = createRoute({
  method: 'get',
  path: '/storage-areas/{id}/monthly',
  tags,
  operationId: 'getMonthlyClimateRecord',
  summary: 'The monthly temperature and humidity record (库房温湿度记录表)',
  description: 'Any logged-in user, for an area of their own depot or one below it (403 out_of_scope). The month in the shape of the paper form (S0:510): a row per day with the morning and afternoon readings, who took them, and the day’s excursions.',
  security: session,
  request: { ...areaParams, query: s.MonthQuerySchema },
  responses: { 200: json(s.MonthlyRecordSchema), ...problems.read },
});
const excursion = createRoute({
  method: 'get',
  path: '/climate/excursions/{id}',
  tags,
  operationId: 'getClimateExcursion',
  summary: 'One excursion with the batches it exposed',
  description: 'Any logged-in user, for an excursion of their own depot or one below it (403 out_of_scope). The batches that stood in the area during it, with their minutes of exposure: they must pass an inspection before they are issued.',
  security: session,
  request: { params: IdParamSchema },
  responses: { 200: json(s.ExcursionDetailSchema), ...problems.read },
});
const acknowledge = createRoute({
  method: 'post',
  path: '/climate/excursions/{id}/acknowledge',
  tags,
  operationId: 'acknowledgeClimateExcursion',
  summary: 'Acknowledge an excursion with the corrective action, or close a missing log as a sensor fault',
  description: `${KEEPERS}, once (409 excursion_already_acknowledged). Records the corrective action taken (S0:380), once readings are back within the limits (409 excursion_ongoing); a missing log may be closed at any time as "sensor missing or broken", and only a missing log (422 sensor_fault_only_for_gaps). The exposed batches still need their inspection before issue. Audited.`,
  security: sessionAndCsrf,
  request: { params: IdParamSchema, body: body(s.AcknowledgeSchema) },
  responses: { 200: json(s.ExcursionDetailSchema), ...problems.change },
});
const overview = createRoute({
  method: 'get',
  path: '/depots/{depotId}/climate-overview',
  tags,
  operationId: 'getClimateOverview',
  summary: 'Depots below with open excursions or missing logs, at a glance',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). Every depot of the subtree with its areas, open excursions, open missing logs and newest reading; a depot of a tier that keeps a store log with no area in use is marked as having no log at all.',
  security: session,
  request: { params: s.DepotParamSchema },
  responses: { 200: json(s.OverviewSchema), ...problems.read },
});
const alerts = createRoute({
  method: 'get',
  path: '/climate/alerts',
  tags,
  operationId: 'listClimateAlerts',
  summary: 'Open excursions and missing logs of your depot and the depots directly below',
  description: 'Any logged-in user. Those of your own depot if you are its storekeeper, inspector or leader, and those of the depots directly below yours for everyone at the depot above: what the dashboard shows as alerts.',
  security: session,
  responses: { 200: json(s.AlertsSchema), ...refused(401) },
});
const sweep = createRoute({
  method: 'post',
  path: '/climate/sweep',
  tags,
  operationId: 'sweepClimate',
  summary: 'Look for missing logs in your subtree now (the server also does it every few minutes)',
  description: 'Any logged-in user. Checks every area in use of your depot and the depots below it against its expected reading interval and opens a missing-log excursion where the last reading (or the setting up) is older; answers how many it opened. The server does the same over every depot every 15 minutes.',
  security: sessionAndCsrf,
  responses: { 200: json(s.SweepResultSchema), ...refused(401, 403, 413, 415, 422, 503) },
});
const ingest = createRoute({
  method: 'post',
  path: '/climate/ingest',
  tags,
  operationId: 'ingestSensorReadings',
  summary: 'Readings from a networked sensor, with its own token as "Authorization: Bearer <token>"; no session',
  description:
    'A networked sensor, with the bearer token it was registered with; no session and no CSRF token. Up to 2,000 readings at once for the sensor’s area, times as epoch milliseconds or ISO 8601 with an offset. Refuses a missing or unknown token (401 sensor_token_invalid), a revoked one (401 sensor_token_revoked), an area out of use (409 area_inactive), and the whole batch when one reading is implausible or in the future (422 implausible_reading, reading_in_future, naming it). Readings the area already has are counted as duplicates; a retry is therefore safe.',
  security: sensorToken,
  request: { body: body(s.IngestSchema) },
  responses: {
    200: json(s.IngestResultSchema),
    401: problem('Missing, unknown or revoked sensor token (sensor_token_invalid, sensor_token_revoked)'),
    409: problem('The sensor’s storage area is not in use (area_inactive)'),
    ...problems.body,
  },
});

const bearer = (header: string | undefined) => header?.match(/^Bearer\s+(\S+)$/i)?.[1];

export const climateRoutes = (deps: Deps) =>
  router()
    .openapi(list, (c) => c.json(listAreas(deps, c.get('actor'), c.req.valid('param').depotId), 200))
    .openapi(create, (c) => {
      const area = createArea(deps, c.get('actor'), c.req.valid('param').depotId, c.req.valid('json'));
      return c.json(getArea(deps, c.get('actor'), area.id), 201);
    })
    .openapi(one, (c) => c.json(getArea(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(update, (c) => {
      const area = updateArea(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json'));
      return c.json(getArea(deps, c.get('actor'), area.id), 200);
    })
    .openapi(addSensor, (c) => c.json(createSensor(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json').name), 201))
    .openapi(revoke, (c) => c.json(revokeSensor(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(record, (c) => c.json(recordReading(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 201))
    .openapi(preview, async (c) => {
      const { csv, ...options } = c.req.valid('json');
      const { fresh: _, ...result } = await previewCsvInSlices(deps, c.get('actor'), c.req.valid('param').id, csv, options);
      return c.json(result, 200);
    })
    .openapi(importRoute, async (c) => {
      const { csv, ...options } = c.req.valid('json');
      return c.json(await importCsvInSlices(deps, c.get('actor'), c.req.valid('param').id, csv, options), 201);
    })
    .openapi(series, (c) => c.json(areaSeries(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('query')), 200))
    .openapi(excursions, (c) => c.json(listAreaExcursions(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('query').status), 200))
    .openapi(monthly, (c) => c.json(monthlyRecord(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('query').month), 200))
    .openapi(excursion, (c) => c.json(getExcursion(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(acknowledge, (c) => {
      acknowledgeExcursion(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json'));
      return c.json(getExcursion(deps, c.get('actor'), c.req.valid('param').id), 200);
    })
    .openapi(overview, (c) => c.json(climateOverview(deps, c.get('actor'), c.req.valid('param').depotId), 200))
    .openapi(alerts, (c) => c.json(climateAlerts(deps, c.get('actor')), 200))
    .openapi(sweep, (c) => c.json(sweepClimate(deps, c.get('actor').depotPath), 200))
    .openapi(ingest, (c) => c.json(ingestFromSensor(deps, bearer(c.req.header('authorization')), c.req.valid('json').readings), 200));
