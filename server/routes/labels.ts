import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Deps } from '../deps.ts';
import { router, problems, session } from '../http/openapi.ts';
import { labelAsPng, labelAsSvg, labelSheet, labelSheetPdf, type LabelRef } from '../services/labels.ts';
import { LabelQuerySchema, LabelSheetQuerySchema, LABEL_SIZES } from '../schemas/api.ts';
import { STORAGE_ZONES } from '../schemas/constants.ts';

const tags = ['labels'];
const id = z.coerce.number().int().positive();
const image = {
  description: 'The label as SVG (barcode and text, in millimetres) or, with format=png, the barcode as PNG',
  content: { 'image/svg+xml': { schema: z.string() }, 'image/png': { schema: z.string().openapi({ format: 'binary' }) } },
};

const batch = createRoute({
  method: 'get',
  path: '/batches/{id}',
  tags,
  operationId: 'getBatchLabel',
  summary: 'Batch label: GS1 DataMatrix (01)(17)(10) when the product has a GTIN, else the internal batch label',
  description:
    'Any logged-in user; the depot named on the label (`depotId`, default your own) must be yours or below yours (403 out_of_scope). The DataMatrix carries (01) GTIN, (17) expiry and (10) lot when the product has a GTIN, else the internal label FP1:B:<id>; the Chinese product name, lot, expiry and depot are printed in words. A lot longer than GS1 (10) holds is refused (422 lot_too_long), never drawn broken.',
  security: session,
  request: { params: z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) }), query: LabelQuerySchema },
  responses: { 200: image, ...problems.read },
});
const zone = createRoute({
  method: 'get',
  path: '/zones/{depotId}/{zone}',
  tags,
  operationId: 'getZoneLabel',
  summary: 'Zone label in the zone colour: Code 128 the scan field reads as "move here"',
  description: 'Any logged-in user, for their own depot or one below it (403 out_of_scope). The label of a zone in its colour (pending yellow, qualified green, non-conforming red) with a Code 128 of FP1:Z:<depot>:<zone>, which a zone move scans as its destination.',
  security: session,
  request: {
    params: z.object({ depotId: id.openapi({ param: { name: 'depotId', in: 'path' } }), zone: z.enum(STORAGE_ZONES).openapi({ param: { name: 'zone', in: 'path' } }) }),
    query: LabelQuerySchema.omit({ depotId: true }),
  },
  responses: { 200: image, ...problems.read },
});
const document = createRoute({
  method: 'get',
  path: '/documents/{documentType}/{id}',
  tags,
  operationId: 'getDocumentLabel',
  summary: 'Document label: a QR code that opens the receipt or transfer order',
  description: 'Any logged-in user who can read the receipt’s depot, or either end of the transfer order (403 out_of_scope). A QR code of FP1:D:<type>:<id> with the document number, for the carton or the paper copy.',
  security: session,
  request: {
    params: z.object({
      documentType: z.enum(['receipt', 'transfer_order', 'shipment']).openapi({ param: { name: 'documentType', in: 'path' } }),
      id: id.openapi({ param: { name: 'id', in: 'path' } }),
    }),
    query: LabelQuerySchema.omit({ depotId: true }),
  },
  responses: { 200: image, ...problems.read },
});
const sheet = createRoute({
  method: 'get',
  path: '/sheet',
  tags,
  operationId: 'getLabelSheet',
  summary: 'A printable sheet (HTML with @page at the exact size) of labels: A4 3×8 or 2×7, thermal 50×30 or 100×50 mm',
  description:
    'Any logged-in user; every label on the sheet is checked as its own label route checks it (403 out_of_scope, 404 for an unknown batch or document). `items` lists the labels with their copies (at most 2,000 labels a sheet). HTML prints from the browser at the exact size; `format=pdf` downloads the same sheet with its fonts embedded.',
  security: session,
  request: { query: LabelSheetQuerySchema },
  responses: {
    200: { description: 'Printable HTML, or with format=pdf a PDF download', content: { 'text/html': { schema: z.string() }, 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...problems.read,
  },
});

async function answer(c: Context, deps: Deps, ref: LabelRef, query: { format: 'svg' | 'png'; size: keyof typeof LABEL_SIZES }) {
  const actor = c.get('actor');
  if (query.format === 'png') return c.body(new Uint8Array(await labelAsPng(deps, actor, ref)), 200, { 'content-type': 'image/png' });
  return c.body(labelAsSvg(deps, actor, ref, LABEL_SIZES[query.size]), 200, { 'content-type': 'image/svg+xml; charset=utf-8' });
}

export const labelRoutes = (deps: Deps) =>
  router()
    .openapi(batch, async (c) => {
      const { id: batchId } = c.req.valid('param');
      const query = c.req.valid('query');
      return answer(c, deps, { kind: 'batch', id: batchId, depotId: query.depotId }, query) as never;
    })
    .openapi(zone, async (c) => answer(c, deps, { kind: 'zone', ...c.req.valid('param') }, c.req.valid('query')) as never)
    .openapi(document, async (c) => answer(c, deps, { kind: 'document', ...c.req.valid('param') }, c.req.valid('query')) as never)
    .openapi(sheet, async (c) => {
      const { layout, items, format } = c.req.valid('query');
      if (format === 'pdf') {
        const pdf = await labelSheetPdf(deps, c.get('actor'), layout, items);
        return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="labels-${layout}.pdf"` }) as never;
      }
      return c.html(labelSheet(deps, c.get('actor'), layout, items)) as never;
    });
