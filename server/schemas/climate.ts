import { z } from '@hono/zod-openapi';
import { STORAGE_ZONES } from './constants.ts';

/** Storage climate: areas, sensors, readings, excursions. Instants are epoch milliseconds (UTC). */

const id = z.coerce.number().int().positive();
const epochMs = z.number().int().nonnegative().openapi({ description: 'epoch milliseconds, UTC' });
/** An instant as epoch milliseconds or an ISO 8601 date-time with its offset. */
const instant = z
  .union([z.number().int().nonnegative(), z.iso.datetime({ offset: true })])
  .transform((v) => (typeof v === 'number' ? v : Date.parse(v)))
  .openapi({ description: 'epoch milliseconds, or ISO 8601 with offset (2026-11-23T09:00:00+08:00)' });
const celsius = z.number().finite().openapi({ description: '°C' });
const percent = z.number().finite().openapi({ description: 'relative humidity, %' });

export const AREA_KINDS = ['room', 'cabinet', 'refrigerator'] as const;
export const EXCURSION_KIND_NAMES = ['temperature_high', 'temperature_low', 'humidity_high', 'gap'] as const;

export const AreaParamSchema = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) });
export const DepotParamSchema = z.object({ depotId: id.openapi({ param: { name: 'depotId', in: 'path' } }) });

export const AreaCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(60),
    kind: z.enum(AREA_KINDS),
    zones: z.array(z.enum(STORAGE_ZONES)).min(1).max(3).optional(),
    minC: z.number().min(-30).max(40).optional(),
    maxC: z.number().min(-30).max(50).optional(),
    maxRh: z.number().min(10).max(100).optional(),
    expectedIntervalMinutes: z.number().int().min(1).max(10_080).optional(),
  })
  .openapi('StorageAreaCreate');

export const AreaUpdateSchema = AreaCreateSchema.partial().extend({ active: z.boolean().optional() }).openapi('StorageAreaUpdate');

const LimitsSchema = z.object({ minC: z.number(), maxC: z.number(), maxRh: z.number(), rhAtLimitBreaches: z.boolean(), limitedBy: z.array(z.string()) }).openapi('ClimateLimits');
const ReadingSchema = z.object({ takenAt: epochMs, temperatureC: z.number(), humidityPct: z.number().nullable() }).openapi('ClimateReading');

export const SensorSchema = z
  .object({ id: z.number().int(), areaId: z.number().int(), name: z.string(), tokenHint: z.string(), createdBy: z.number().int(), createdAt: z.string(), revokedAt: z.string().nullable(), lastSeenAt: z.string().nullable() })
  .openapi('ClimateSensor');

export const AreaSchema = z
  .object({
    id: z.number().int(),
    depotId: z.number().int(),
    name: z.string(),
    kind: z.enum(AREA_KINDS),
    zones: z.array(z.string()),
    minC: z.number(),
    maxC: z.number(),
    maxRh: z.number(),
    expectedIntervalMinutes: z.number().int(),
    active: z.boolean(),
    createdAt: z.string(),
    limits: LimitsSchema,
    latest: ReadingSchema.nullable(),
    sensors: z.array(SensorSchema),
    depot: z.object({ id: z.number().int(), name: z.string(), code: z.string() }).optional(),
  })
  .openapi('StorageArea');

export const AreaListSchema = z.object({ items: z.array(AreaSchema.extend({ openExcursions: z.number().int(), openGaps: z.number().int() })) }).openapi('StorageAreaList');

export const SensorCreateSchema = z.strictObject({ name: z.string().trim().min(1).max(60) }).openapi('ClimateSensorCreate');
export const SensorCreatedSchema = SensorSchema.extend({ token: z.string().openapi({ description: 'shown once; send as Authorization: Bearer <token>' }) }).openapi('ClimateSensorCreated');

export const ReadingCreateSchema = z
  .strictObject({ takenAt: instant.optional(), temperatureC: celsius, humidityPct: percent.nullable().default(null) })
  .openapi('ClimateReadingCreate');

export const IngestSchema = z
  .strictObject({ readings: z.array(z.strictObject({ takenAt: instant, temperatureC: celsius, humidityPct: percent.nullable().default(null) })).min(1).max(2000) })
  .openapi('ClimateIngest');

export const CsvImportSchema = z
  .strictObject({
    csv: z.string().min(1).max(5_000_000),
    timeZone: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'not an IANA time zone')
      .optional(),
    dateOrder: z.enum(['auto', 'dmy', 'mdy']).optional(),
  })
  .openapi('ClimateCsvImport');

const CsvRowErrorSchema = z.object({ line: z.number().int(), code: z.string(), message: z.string(), raw: z.string() });

export const CsvPreviewSchema = z
  .object({
    layout: z.object({
      delimiter: z.string(),
      headerLine: z.number().int(),
      timestamp: z.array(z.string()),
      temperature: z.string(),
      humidity: z.string().nullable(),
      fahrenheit: z.boolean(),
      dateOrder: z.enum(['dmy', 'mdy', 'ymd']),
      timeZone: z.string(),
    }),
    importable: z.number().int(),
    duplicates: z.number().int(),
    errors: z.array(CsvRowErrorSchema),
    from: epochMs.nullable(),
    to: epochMs.nullable(),
    sample: z.array(ReadingSchema.extend({ line: z.number().int() })),
  })
  .openapi('ClimateCsvPreview');

const ExcursionRefSchema = z.object({ id: z.number().int(), kind: z.enum(EXCURSION_KIND_NAMES), created: z.boolean() });

export const CsvImportResultSchema = z
  .object({ imported: z.number().int(), duplicates: z.number().int(), errors: z.array(CsvRowErrorSchema), excursions: z.array(ExcursionRefSchema) })
  .openapi('ClimateCsvImportResult');

export const ReadingResultSchema = z.object({ added: z.number().int(), duplicates: z.number().int(), excursions: z.array(ExcursionRefSchema) }).openapi('ClimateReadingResult');
export const IngestResultSchema = z.object({ accepted: z.number().int(), duplicates: z.number().int(), excursions: z.array(ExcursionRefSchema) }).openapi('ClimateIngestResult');

export const ExcursionSchema = z
  .object({
    id: z.number().int(),
    areaId: z.number().int(),
    depotId: z.number().int(),
    kind: z.enum(EXCURSION_KIND_NAMES),
    startAt: epochMs,
    endAt: epochMs.nullable(),
    minutes: z.number().int(),
    extreme: z.number().nullable(),
    readings: z.number().int(),
    status: z.enum(['open', 'acknowledged']),
    resolution: z.enum(['corrective_action', 'sensor_fault']).nullable(),
    action: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
  })
  .openapi('ClimateExcursion');

export const ExcursionDetailSchema = ExcursionSchema.extend({
  areaName: z.string(),
  exposures: z.array(z.object({ batchId: z.number().int(), minutes: z.number().int(), lot: z.string(), expiresOn: z.string(), productCode: z.string(), productNameZh: z.string(), productNameEn: z.string() })),
}).openapi('ClimateExcursionDetail');

export const ExcursionListSchema = z.object({ items: z.array(ExcursionSchema) }).openapi('ClimateExcursionList');
export const ExcursionListQuerySchema = z.object({ status: z.enum(['open', 'acknowledged']).optional() });

export const AcknowledgeSchema = z
  .strictObject({ action: z.string().trim().min(2).max(500), resolution: z.enum(['corrective_action', 'sensor_fault']).default('corrective_action') })
  .openapi('ClimateAcknowledge');

export const SeriesQuerySchema = z.object({
  // A coerced number with a minimum of 0 reads as nullable to the doc generator, which then leaves it optional.
  from: z.coerce.number().int().nonnegative().openapi({ param: { required: true } }),
  to: z.coerce.number().int().positive(),
  points: z.coerce.number().int().min(10).max(5000).default(1000),
});

export const SeriesSchema = z
  .object({
    areaId: z.number().int(),
    from: epochMs,
    to: epochMs,
    readings: z.number().int(),
    limits: LimitsSchema,
    t: z.array(epochMs),
    minC: z.array(z.number()),
    maxC: z.array(z.number()),
    minRh: z.array(z.number().nullable()),
    maxRh: z.array(z.number().nullable()),
    excursions: z.array(ExcursionSchema),
  })
  .openapi('ClimateSeries');

export const MonthQuerySchema = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM') });

const DayReadingSchema = ReadingSchema.extend({ source: z.string(), recordedBy: z.string().nullable(), sensor: z.string().nullable() }).nullable();

export const MonthlyRecordSchema = z
  .object({
    area: z.object({ id: z.number().int(), name: z.string(), kind: z.string() }),
    depot: z.object({ id: z.number().int(), name: z.string(), code: z.string() }),
    month: z.string(),
    timeZone: z.string(),
    limits: LimitsSchema,
    rows: z.array(
      z.object({
        date: z.string(),
        am: DayReadingSchema,
        pm: DayReadingSchema,
        readings: z.number().int(),
        minC: z.number().nullable(),
        maxC: z.number().nullable(),
        minRh: z.number().nullable(),
        maxRh: z.number().nullable(),
        outOfRange: z.boolean(),
        missing: z.boolean(),
        actions: z.array(z.string()),
        recorders: z.array(z.string()),
      }),
    ),
    excursions: z.array(ExcursionSchema),
    breaches: z.number().int(),
    readings: z.number().int(),
  })
  .openapi('ClimateMonthlyRecord');

export const OverviewSchema = z
  .object({
    depotId: z.number().int(),
    depots: z.number().int(),
    withOpenExcursions: z.number().int(),
    withMissingLogs: z.number().int(),
    items: z.array(
      z.object({
        id: z.number().int(),
        code: z.string(),
        name: z.string(),
        tier: z.string(),
        parentId: z.number().int().nullable(),
        depth: z.number().int(),
        areas: z.number().int(),
        lastReadingAt: epochMs.nullable(),
        openExcursions: z.number().int(),
        openGaps: z.number().int(),
        noLog: z.boolean().openapi({ description: 'a tier that keeps a store log, without any storage area in use' }),
        attention: z.boolean(),
      }),
    ),
  })
  .openapi('ClimateOverview');

export const AlertsSchema = z
  .object({ items: z.array(ExcursionSchema.extend({ areaName: z.string(), depotName: z.string().nullable(), own: z.boolean() })) })
  .openapi('ClimateAlerts');

export const SweepResultSchema = z.object({ checkedAt: z.string(), opened: z.number().int() }).openapi('ClimateSweepResult');
