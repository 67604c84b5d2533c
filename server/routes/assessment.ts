import { createRoute, z } from '@hono/zod-openapi';
import type { Deps } from '../deps.ts';
import * as s from '../schemas/assessment.ts';
import { IdParamSchema } from '../schemas/api.ts';
import { router, problems, session, sessionAndCsrf, json, body } from '../http/openapi.ts';
import * as svc from '../services/assessment.ts';
import { sheetToHtml, sheetToPdf } from '../services/people-print.ts';
import { exportFileName, sheetToXlsx } from '../services/reports/export.ts';

const tags = ['assessment'];
const idParams = { params: IdParamSchema };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RUNS = 'A leader of the depot that organised the round (403 out_of_scope for any other depot, role_required), while the round is open (409 round_finalised).';

const rubrics = createRoute({
  method: 'get',
  path: '/assessment-rubrics',
  tags,
  operationId: 'listAssessmentRubrics',
  summary: 'The stored versions of the assessment rubric, newest first',
  description: 'Any logged-in user. Version 1 is the example shipped with the product, built from the regulation’s own duties of each level (`example: true`); the official 《宁夏计划生育药具考核评估标准》 is issued separately (S0:485) and is stored as a new version.',
  security: session,
  responses: { 200: json(s.RubricListSchema), ...problems.read },
});
const rubric = createRoute({
  method: 'get',
  path: '/assessment-rubrics/{version}',
  tags,
  operationId: 'getAssessmentRubric',
  summary: 'One version of the rubric: the items of each tier, computed by the system or scored by the assessor',
  description: 'Any logged-in user (404 rubric_not_found). Each computed item names its indicator and the rule that turns its value into points (share of a target, done or not, a loss under a limit); each assessor item its guidance.',
  security: session,
  request: { params: s.VersionParamSchema },
  responses: { 200: json(s.RubricSchema), ...problems.read },
});
const createRubric = createRoute({
  method: 'post',
  path: '/assessment-rubrics',
  tags,
  operationId: 'createAssessmentRubric',
  summary: 'Store a new version of the rubric (the next number); versions are never edited',
  description: 'A leader of the region (403 forbidden elsewhere, role_required). Each tier’s items have distinct keys and add up to 100 points (422 rubric_invalid). A version used by a round is immutable (a database trigger refuses any change); changes are a new version. Audited.',
  security: sessionAndCsrf,
  request: { body: body(s.RubricCreateSchema) },
  responses: { 201: json(s.RubricSchema), ...problems.change },
});
const rounds = createRoute({
  method: 'get',
  path: '/assessment-rounds',
  tags,
  operationId: 'listAssessmentRounds',
  summary: 'The assessment rounds the user’s depot organised, is assessed in, or that depots below it organised, newest year first',
  description: 'Any logged-in user: the rounds organised by their depot, those organised above it whose scope covers their depot, and those organised by depots below it. Each with its status, whether its results are stale, and its scoring progress.',
  security: session,
  responses: { 200: json(s.RoundListSchema), ...problems.read },
});
const createRound = createRoute({
  method: 'post',
  path: '/assessment-rounds',
  tags,
  operationId: 'createAssessmentRound',
  summary: 'Open an assessment round for a year over the depot’s subtree, or a part of it, on a rubric version',
  description: 'A leader (403 role_required) of a depot with depots below it. The rubric version must be stored (422 rubric_version_unknown); `scopeDepotId` must lie in the leader’s subtree and hold depots to assess (422 round_scope_invalid). Every city, county, township and village of the scope is assessed, the organiser excepted. Audited.',
  security: sessionAndCsrf,
  request: { body: body(s.RoundCreateSchema) },
  responses: { 201: json(s.RoundSchema), ...problems.change },
});
const round = createRoute({
  method: 'get',
  path: '/assessment-rounds/{id}',
  tags,
  operationId: 'getAssessmentRound',
  summary: 'A round: its rubric, scope, status, depots per level and how many assessor items are scored',
  description: 'Users of the organiser and the depots above it, and of any depot in the scope (403 out_of_scope; 404 assessment_round_not_found).',
  security: session,
  request: idParams,
  responses: { 200: json(s.RoundSchema), ...problems.read },
});
const score = createRoute({
  method: 'post',
  path: '/assessment-rounds/{id}/scores',
  tags,
  operationId: 'scoreAssessmentItem',
  summary: 'An assessor scores an assessor item of a depot, with a note; scoring again replaces it',
  description:
    'A leader, planner or inspector of the organising depot. A depot never scores itself, whatever roles its user holds (403 assess_own_depot); another depot 403 out_of_scope; 403 role_required. The round is open (409 round_finalised); the depot is assessed in it (422 depot_not_in_round); the item is an assessor item of the depot’s tier (422 assessment_item_unknown: computed items are filled by the system); the score is from 0 to the item’s points (422 assessment_score_out_of_range). Audited with the score it replaced. Answers the depot’s sheet.',
  security: sessionAndCsrf,
  request: { ...idParams, body: body(s.ScoreSchema) },
  responses: { 200: json(s.SheetSchema), ...problems.change },
});
const compute = createRoute({
  method: 'post',
  path: '/assessment-rounds/{id}/compute',
  tags,
  operationId: 'computeAssessmentRound',
  summary: 'Compute the round: the system fills the computed items, then scores every depot from the villages up',
  description: `${RUNS} For every depot of the scope: the computed indicators of the year with their inputs (reports on time, climate compliance, FEFO compliance, yearly count done, expiry losses, adverse-reaction reporting), its own score, and above the villages the mean of 2-3 children drawn with a seeded generator (seed from the round and depot, stored) weighted 50/50 with its own (configurable); ranks and award grades per level. May be run again until the round is finalised. Audited.`,
  security: sessionAndCsrf,
  request: idParams,
  responses: { 200: json(s.RoundSchema), ...problems.change },
});
const finalise = createRoute({
  method: 'post',
  path: '/assessment-rounds/{id}/finalise',
  tags,
  operationId: 'finaliseAssessmentRound',
  summary: 'Finalise the round: computed once more with every score given, then frozen',
  description: `${RUNS} Unscored assessor items count 0 and their sheets say so. After this nothing in the round changes: database triggers refuse changes to the round, its scores and its results. Audited.`,
  security: sessionAndCsrf,
  request: idParams,
  responses: { 200: json(s.RoundSchema), ...problems.change },
});
const ranking = createRoute({
  method: 'get',
  path: '/assessment-rounds/{id}/ranking',
  tags,
  operationId: 'getAssessmentRanking',
  summary: 'The ranking of one level of a round as last computed, with own scores, sampled children and award grades',
  description: 'Read as the round is (403 out_of_scope; 404 assessment_round_not_found). Equal results share a rank. Empty before the round is computed.',
  security: session,
  request: { ...idParams, query: s.RankingQuerySchema },
  responses: { 200: json(s.RankingSchema), ...problems.read },
});
const sheet = createRoute({
  method: 'get',
  path: '/assessment-rounds/{id}/depots/{depotId}',
  tags,
  operationId: 'getAssessmentSheet',
  summary: 'A depot’s sheet in a round: computed items with their inputs, assessor items with score and note, result, sample and seed',
  description: 'The organiser and the depots above it see every sheet; a depot in the scope sees its own and those below it (403 out_of_scope; 422 depot_not_in_round).',
  security: session,
  request: { params: s.SheetParamSchema },
  responses: { 200: json(s.SheetSchema), ...problems.read },
});
const form = createRoute({
  method: 'get',
  path: '/assessment-rounds/{id}/depots/{depotId}/form',
  tags,
  operationId: 'getAssessmentSheetForm',
  summary: 'A depot’s assessment sheet to print (HTML), or as PDF or XLSX',
  description: 'Read as the sheet is. One row an item with its points, score and basis (the computed figures, or the assessor’s note), the result and the sample under it, and signature lines.',
  security: session,
  request: { params: s.SheetParamSchema, query: s.SheetFormQuerySchema },
  responses: {
    200: {
      description: 'The form: HTML to print, or a PDF or XLSX download',
      content: { 'text/html': { schema: z.string() }, 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) }, [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...problems.read,
  },
});

export const assessmentRoutes = (deps: Deps) =>
  router()
    .openapi(rubrics, (c) => c.json(svc.listRubrics(deps), 200))
    .openapi(rubric, (c) => c.json(svc.getRubric(deps, c.req.valid('param').version), 200))
    .openapi(createRubric, (c) => c.json(svc.createRubric(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(rounds, (c) => c.json(svc.listRounds(deps, c.get('actor')), 200))
    .openapi(createRound, (c) => c.json(svc.createRound(deps, c.get('actor'), c.req.valid('json')), 201))
    .openapi(round, (c) => c.json(svc.getRound(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(score, (c) => c.json(svc.scoreItem(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200))
    .openapi(compute, (c) => c.json(svc.computeRoundResults(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(finalise, (c) => c.json(svc.finaliseRound(deps, c.get('actor'), c.req.valid('param').id), 200))
    .openapi(ranking, (c) => c.json(svc.roundRanking(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('query').tier), 200))
    .openapi(sheet, (c) => c.json(svc.depotSheet(deps, c.get('actor'), c.req.valid('param').id, c.req.valid('param').depotId), 200))
    .openapi(form, async (c) => {
      const { id, depotId } = c.req.valid('param');
      const { format, lang } = c.req.valid('query');
      const sheet = svc.depotSheetForm(deps, c.get('actor'), id, depotId);
      if (format === 'html') return c.html(sheetToHtml(sheet, lang)) as never;
      const file = format === 'pdf' ? await sheetToPdf(sheet, lang) : await sheetToXlsx(sheet, lang);
      const name = exportFileName(sheet, lang, 'xlsx').replace(/xlsx$/, format);
      return c.body(new Uint8Array(file), 200, { 'content-type': format === 'pdf' ? 'application/pdf' : XLSX, 'content-disposition': `attachment; filename="form.${format}"; filename*=UTF-8''${encodeURIComponent(name)}` }) as never;
    });
