import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import { DispenseSchema, DispensingListQuerySchema, DispensingRowSchema, DispensingSchema, pageOf } from '../schemas/api.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import { dispense, listDispensings } from '../services/dispensing.ts';
import { dispensingRegister } from '../services/dispensing-register.ts';
import { sheetToHtml, sheetToPdf } from '../services/people-print.ts';
import { exportFileName, sheetToXlsx } from '../services/reports/export.ts';
import { DispensingRegisterQuerySchema } from '../schemas/people.ts';
import { ReportSheetSchema } from '../schemas/reports.ts';

const tags = ['dispensing'];

const list = createRoute({
  method: 'get',
  path: '/',
  tags,
  operationId: 'listDispensings',
  summary: 'The dispensing register of a depot, newest first',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope): what was handed out to people, by batch, with the recipient if noted, who dispensed it and when.',
  security: session,
  request: { query: DispensingListQuerySchema },
  responses: { 200: json(pageOf(DispensingRowSchema)), ...problems.read },
});
const create = createRoute({
  method: 'post',
  path: '/',
  tags,
  operationId: 'dispense',
  summary: 'Dispense to people (township, village): scan, quantity, pack and expiry confirmed',
  description:
    'A dispenser or storekeeper of the depot (403 out_of_scope, role_required), at township and village depots only (409 dispensing_not_here). The batch is scanned (`raw`: our batch label FP1:B:<id>, which goods without a GTIN carry, or a GS1 string with GTIN and lot) or chosen (`batchId`), and the answer records which (`entry`); a zone or document label is refused (422 not_a_batch_label). The stock leaves the qualified zone in one posting. The pack and the expiry must be confirmed as checked (422 pack_check_required), and an expired lot or a broken inner pack is never dispensed (422 batch_expired, 409 pack_broken: S0:398 对内包装破损和过有效期的药具严禁发放); nor is a lot on hold (409 batch_on_hold) or more than the zone holds (409 insufficient_stock). `personId` names the registered person it is for (GET /people; 404 person_not_found, 409 person_not_here for a person of another depot than this one or its villages, 409 person_closed): where the depot keeps a users register, pills, injections, IUDs and implants (`people.personRequiredMethods`) are dispensed only to a registered person (422 person_required), emergency pills and condoms stay anonymous.',
  security: sessionAndCsrf,
  request: { body: body(DispenseSchema) },
  responses: { 201: json(DispensingSchema), ...problems.change },
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const registerForm = createRoute({
  method: 'get',
  path: '/register',
  tags,
  operationId: 'getDispensingRegister',
  summary: 'The dispensing register (药具发放登记表, form 8.3) of a depot between two dates: JSON, printable HTML, PDF or XLSX',
  description:
    'Any reader of the depot (403 out_of_scope). One line a dispensing, oldest first: date, the person or anonymous, product, specification, lot, expiry, quantity and unit, who dispensed it; totals per unit. A registered person appears by name and case number only for dispensers and leaders of the depot and of the township directly above a village, elsewhere by case number; a free-text recipient of an anonymous dispensing likewise only there. A register showing names is recorded in the audit log. `format=html` is a page to print (A4 landscape), `pdf` the same with its fonts embedded, `xlsx` the form as a workbook; the JSON is the report sheet every report uses. Default period: this month to today.',
  security: session,
  request: { query: DispensingRegisterQuerySchema },
  responses: {
    200: {
      description: 'The register; with format=html a printable page, pdf or xlsx a download',
      content: {
        'application/json': { schema: ReportSheetSchema },
        'text/html': { schema: z.string() },
        'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
        [XLSX]: { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...problems.read,
  },
});

const download = (name: string, ext: string) => `attachment; filename="register.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** `writes`: the deps on the write connection, where a register showing names is audited (a GET reads on its own connection). */
export const dispensingRoutes = (deps: Deps, writes: Deps = deps) =>
  router()
    .openapi(list, (c) => c.json(listDispensings(deps, c.get('actor'), c.req.valid('query')), 200))
    .openapi(registerForm, async (c) => {
      const { format, lang, ...query } = c.req.valid('query');
      const sheet = dispensingRegister(deps, c.get('actor'), { ...query, format, lang }, writes.db);
      if (format === 'html') return c.html(sheetToHtml(sheet, lang)) as never;
      if (format === 'pdf') return c.body(new Uint8Array(await sheetToPdf(sheet, lang)), 200, { 'content-type': 'application/pdf', 'content-disposition': download(exportFileName(sheet, lang, 'xlsx').replace(/xlsx$/, 'pdf'), 'pdf') }) as never;
      if (format === 'xlsx') return c.body(new Uint8Array(await sheetToXlsx(sheet, lang)), 200, { 'content-type': XLSX, 'content-disposition': download(exportFileName(sheet, lang, 'xlsx'), 'xlsx') }) as never;
      return c.json(sheet, 200);
    })
    .openapi(create, (c) => c.json(dispense(deps, c.get('actor'), c.req.valid('json')), 201));
