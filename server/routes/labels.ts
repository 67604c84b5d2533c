import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Deps } from '../deps.ts';
import { router, problems } from '../http/openapi.ts';
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
  summary: 'Batch label: GS1 DataMatrix (01)(17)(10) when the product has a GTIN, else the internal batch label',
  request: { params: z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) }), query: LabelQuerySchema },
  responses: { 200: image, ...problems },
});
const zone = createRoute({
  method: 'get',
  path: '/zones/{depotId}/{zone}',
  tags,
  summary: 'Zone label in the zone colour: Code 128 the scan field reads as "move here"',
  request: {
    params: z.object({ depotId: id.openapi({ param: { name: 'depotId', in: 'path' } }), zone: z.enum(STORAGE_ZONES).openapi({ param: { name: 'zone', in: 'path' } }) }),
    query: LabelQuerySchema.omit({ depotId: true }),
  },
  responses: { 200: image, ...problems },
});
const document = createRoute({
  method: 'get',
  path: '/documents/{documentType}/{id}',
  tags,
  summary: 'Document label: a QR code that opens the receipt or transfer order',
  request: {
    params: z.object({
      documentType: z.enum(['receipt', 'transfer_order', 'shipment']).openapi({ param: { name: 'documentType', in: 'path' } }),
      id: id.openapi({ param: { name: 'id', in: 'path' } }),
    }),
    query: LabelQuerySchema.omit({ depotId: true }),
  },
  responses: { 200: image, ...problems },
});
const sheet = createRoute({
  method: 'get',
  path: '/sheet',
  tags,
  summary: 'A printable sheet (HTML with @page at the exact size) of labels: A4 3×8 or 2×7, thermal 50×30 or 100×50 mm',
  request: { query: LabelSheetQuerySchema },
  responses: {
    200: { description: 'Printable HTML, or with format=pdf a PDF download', content: { 'text/html': { schema: z.string() }, 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...problems,
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
