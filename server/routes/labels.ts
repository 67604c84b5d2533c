import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Deps } from '../deps.ts';
import { router, problems, session } from '../http/openapi.ts';
import { labelAsPdf, labelAsPng, labelAsSvg, labelSheet, labelSheetPdf, type LabelRef } from '../services/labels.ts';
import { LabelQuerySchema, LabelSheetQuerySchema, LABEL_SIZES } from '../schemas/api.ts';
import { STORAGE_ZONES } from '../schemas/constants.ts';
import type { PrinterDpi } from '../../labels/layouts.ts';

const tags = ['labels'];
const id = z.coerce.number().int().positive();
const image = {
  description:
    'The label as SVG (barcode and text, in millimetres); with format=png its barcode as PNG, one pixel a printer dot at `dpi`; with format=pdf the label as a PDF page of its size, fonts embedded',
  content: {
    'image/svg+xml': { schema: z.string() },
    'image/png': { schema: z.string().openapi({ format: 'binary' }) },
    'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
  },
};
const printing =
  ' Drawn for the printer: every barcode module is a whole number of dots at `dpi` (default 203 for the 50×30 and 100×50 mm thermal labels, 300 for the 70×37 and 99×38 mm sheet labels) and at least 0.25 mm, with the quiet zones the symbology requires (Code 128 10 modules, DataMatrix 1, QR 4). A label no barcode can carry at that size is refused (422 label_unencodable).';

const batch = createRoute({
  method: 'get',
  path: '/batches/{id}',
  tags,
  operationId: 'getBatchLabel',
  summary: 'Batch label: GS1 DataMatrix (01)(17)(10) when the product has a GTIN, else the internal batch label',
  description:
    'Any logged-in user; the depot named on the label (`depotId`, default your own) must be yours or below yours (403 out_of_scope). The DataMatrix carries (01) GTIN, (17) expiry and (10) lot when the product has a GTIN, else the internal label FP1:B:<id>, which also serves a lot GS1 (10) cannot carry (over 20 characters, or characters outside the GS1 set such as Chinese or spaces); the Chinese product name, lot, expiry and depot are printed in words. A GTIN failing its check digit is refused (422 label_unencodable).' +
    printing,
  security: session,
  request: { params: z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) }), query: LabelQuerySchema },
  responses: { 200: image, ...problems.read },
});
const zone = createRoute({
  method: 'get',
  path: '/zones/{depotId}/{zone}',
  tags,
  operationId: 'getZoneLabel',
  summary: 'Zone label in the zone colour: a barcode the scan field reads as "move here"',
  description:
    'Any logged-in user, for their own depot or one below it (403 out_of_scope). The label of a zone in its colour (pending yellow, qualified green, non-conforming red) with a Code 128 of FP1:Z:<depot>:<zone>, which a zone move scans as its destination; where a Code 128 of 0.25 mm modules does not fit the label (50×30 and 70×37 mm), a DataMatrix of the same text.' +
    printing,
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
  description: 'Any logged-in user who can read the receipt’s depot, or either end of the transfer order (403 out_of_scope). A QR code of FP1:D:<type>:<id> with the document number, for the carton or the paper copy.' + printing,
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
    'Any logged-in user; every label on the sheet is checked as its own label route checks it (403 out_of_scope, 404 for an unknown batch or document). `items` lists the labels with their copies (at most 2,000 labels a sheet). HTML prints from the browser at the exact size; `format=pdf` downloads the same sheet with its fonts embedded. Barcodes are drawn for the printer (`dpi`, default 203 for the thermal rolls, 300 for the A4 sheets): whole dots a module, at least 0.25 mm, standard quiet zones. A label no barcode can carry does not stop the sheet: its cell says why (HTML: `.label-problem`, and `data-problems` on the body counts them) and the others print.',
  security: session,
  request: { query: LabelSheetQuerySchema },
  responses: {
    200: { description: 'Printable HTML, or with format=pdf a PDF download', content: { 'text/html': { schema: z.string() }, 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...problems.read,
  },
});

async function answer(c: Context, deps: Deps, ref: LabelRef, query: { format: 'svg' | 'png' | 'pdf'; size: keyof typeof LABEL_SIZES; dpi?: PrinterDpi }) {
  const actor = c.get('actor');
  const size = LABEL_SIZES[query.size];
  const dpi = query.dpi ?? size.printerDpi;
  if (query.format === 'png') return c.body(new Uint8Array(labelAsPng(deps, actor, ref, size, dpi)), 200, { 'content-type': 'image/png' });
  if (query.format === 'pdf') {
    const pdf = await labelAsPdf(deps, actor, ref, size, dpi);
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="label-${ref.kind}-${query.size}.pdf"` });
  }
  return c.body(labelAsSvg(deps, actor, ref, size, dpi), 200, { 'content-type': 'image/svg+xml; charset=utf-8' });
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
      const { layout, items, format, dpi } = c.req.valid('query');
      if (format === 'pdf') {
        const pdf = await labelSheetPdf(deps, c.get('actor'), layout, items, dpi);
        return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="labels-${layout}.pdf"` }) as never;
      }
      return c.html(labelSheet(deps, c.get('actor'), layout, items, dpi)) as never;
    });
