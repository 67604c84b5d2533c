import { createRoute } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/climate.ts';
import { IdParamSchema } from '../schemas/api.ts';
import { router, problems, json, body } from '../http/openapi.ts';
import { acknowledgeExcursion, createArea, createSensor, importCsv, ingestFromSensor, previewCsv, recordReading, revokeSensor, sweepClimate, updateArea } from '../services/climate.ts';
import { areaSeries, climateAlerts, climateOverview, getArea, getExcursion, listAreaExcursions, listAreas, monthlyRecord } from '../services/climate-reads.ts';

const tags = ['climate'];
const areaParams = { params: s.AreaParamSchema };

const list = createRoute({ method: 'get', path: '/depots/{depotId}/storage-areas', tags, summary: 'A depot’s storage areas with their limits, latest reading and open excursions', request: { params: s.DepotParamSchema }, responses: { 200: json(s.AreaListSchema), ...problems } });
const create = createRoute({ method: 'post', path: '/depots/{depotId}/storage-areas', tags, summary: 'Set up a storage area (limits default to 5-25 °C, RH below 65 %)', request: { params: s.DepotParamSchema, body: body(s.AreaCreateSchema) }, responses: { 201: json(s.AreaSchema), ...problems } });
const one = createRoute({ method: 'get', path: '/storage-areas/{id}', tags, summary: 'One storage area', request: areaParams, responses: { 200: json(s.AreaSchema), ...problems } });
const update = createRoute({ method: 'patch', path: '/storage-areas/{id}', tags, summary: 'Change an area’s name, limits, expected reading interval or whether it is in use', request: { ...areaParams, body: body(s.AreaUpdateSchema) }, responses: { 200: json(s.AreaSchema), ...problems } });
const addSensor = createRoute({ method: 'post', path: '/storage-areas/{id}/sensors', tags, summary: 'Register a networked sensor; its token is shown once', request: { ...areaParams, body: body(s.SensorCreateSchema) }, responses: { 201: json(s.SensorCreatedSchema), ...problems } });
const revoke = createRoute({ method: 'post', path: '/climate-sensors/{id}/revoke', tags, summary: 'Revoke a sensor’s token', request: { params: IdParamSchema }, responses: { 200: json(s.SensorSchema), ...problems } });
const record = createRoute({ method: 'post', path: '/storage-areas/{id}/readings', tags, summary: 'Record one reading of the round (time defaults to now)', request: { ...areaParams, body: body(s.ReadingCreateSchema) }, responses: { 201: json(s.ReadingResultSchema), ...problems } });
const preview = createRoute({ method: 'post', path: '/storage-areas/{id}/readings/preview', tags, summary: 'Read a data logger’s CSV without importing: layout, good rows, bad rows by line, duplicates', request: { ...areaParams, body: body(s.CsvImportSchema) }, responses: { 200: json(s.CsvPreviewSchema), ...problems } });
const importRoute = createRoute({ method: 'post', path: '/storage-areas/{id}/readings/import', tags, summary: 'Import the good rows of a data logger’s CSV; duplicates skipped, bad rows reported by line', request: { ...areaParams, body: body(s.CsvImportSchema) }, responses: { 201: json(s.CsvImportResultSchema), ...problems } });
const series = createRoute({ method: 'get', path: '/storage-areas/{id}/series', tags, summary: 'Readings of a range for the chart; each point keeps the minimum and maximum of what it stands for', request: { ...areaParams, query: s.SeriesQuerySchema }, responses: { 200: json(s.SeriesSchema), ...problems } });
const excursions = createRoute({ method: 'get', path: '/storage-areas/{id}/excursions', tags, summary: 'An area’s excursions and missing logs, newest first', request: { ...areaParams, query: s.ExcursionListQuerySchema }, responses: { 200: json(s.ExcursionListSchema), ...problems } });
const monthly = createRoute({ method: 'get', path: '/storage-areas/{id}/monthly', tags, summary: 'The monthly temperature and humidity record (库房温湿度记录表)', request: { ...areaParams, query: s.MonthQuerySchema }, responses: { 200: json(s.MonthlyRecordSchema), ...problems } });
const excursion = createRoute({ method: 'get', path: '/climate/excursions/{id}', tags, summary: 'One excursion with the batches it exposed', request: { params: IdParamSchema }, responses: { 200: json(s.ExcursionDetailSchema), ...problems } });
const acknowledge = createRoute({ method: 'post', path: '/climate/excursions/{id}/acknowledge', tags, summary: 'Acknowledge an excursion with the corrective action, or close a missing log as a sensor fault', request: { params: IdParamSchema, body: body(s.AcknowledgeSchema) }, responses: { 200: json(s.ExcursionDetailSchema), ...problems } });
const overview = createRoute({ method: 'get', path: '/depots/{depotId}/climate-overview', tags, summary: 'Depots below with open excursions or missing logs, at a glance', request: { params: s.DepotParamSchema }, responses: { 200: json(s.OverviewSchema), ...problems } });
const alerts = createRoute({ method: 'get', path: '/climate/alerts', tags, summary: 'Open excursions and missing logs of your depot and the depots directly below', responses: { 200: json(s.AlertsSchema), ...problems } });
const sweep = createRoute({ method: 'post', path: '/climate/sweep', tags, summary: 'Look for missing logs in your subtree now (the server also does it every few minutes)', responses: { 200: json(s.SweepResultSchema), ...problems } });
const ingest = createRoute({
  method: 'post',
  path: '/climate/ingest',
  tags,
  summary: 'Readings from a networked sensor, with its own token as "Authorization: Bearer <token>"; no session',
  request: { body: body(s.IngestSchema) },
  responses: { 200: json(s.IngestResultSchema), ...problems },
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
    .openapi(preview, (c) => {
      const { csv, ...options } = c.req.valid('json');
      const { fresh: _, ...result } = previewCsv(deps, c.get('actor'), c.req.valid('param').id, csv, options);
      return c.json(result, 200);
    })
    .openapi(importRoute, (c) => {
      const { csv, ...options } = c.req.valid('json');
      return c.json(importCsv(deps, c.get('actor'), c.req.valid('param').id, csv, options), 201);
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
