import type { Deps } from '../deps.ts';
import { findDepotPlace } from '../../db/queries/depots.ts';
import { findBatch, findProduct } from '../../db/queries/catalogue.ts';
import { findReceipt } from '../../db/queries/receipts.ts';
import { findOrder } from '../../db/queries/transfers.ts';
import { barcodePng, drawLabel, labelSvg, LabelError, type LabelContent, type LabelSize } from '../../labels/render.ts';
import { sheetHtml } from '../../labels/sheet.ts';
import { labelPdf, sheetPdf } from '../../labels/pdf.ts';
import type { PrinterDpi, SheetLayoutName } from '../../labels/layouts.ts';
import { DomainError } from '../domain/errors.ts';
import { assertCanRead, type Actor } from '../auth/scope.ts';
import type { StorageZone } from '../schemas/constants.ts';

export type LabelRef =
  | { kind: 'batch'; id: number; depotId?: number }
  | { kind: 'zone'; depotId: number; zone: StorageZone }
  | { kind: 'document'; documentType: 'receipt' | 'transfer_order' | 'shipment'; id: number };

function readableDepot(deps: Deps, actor: Actor, depotId: number) {
  const depot = findDepotPlace(deps.db, depotId);
  if (!depot) throw new DomainError('depot_not_found', `No depot ${depotId}`);
  assertCanRead(actor, depot);
  return depot;
}

/** What a label shows, from the database; the depot named on a batch label is the reader's unless given. */
export function labelContent(deps: Deps, actor: Actor, ref: LabelRef): LabelContent {
  switch (ref.kind) {
    case 'batch': {
      const batch = findBatch(deps.db, ref.id);
      if (!batch) throw new DomainError('batch_not_found', `No batch ${ref.id}`);
      const product = findProduct(deps.db, batch.productId)!;
      const depot = readableDepot(deps, actor, ref.depotId ?? actor.depotId);
      return { kind: 'batch', batchId: batch.id, gtin: product.gtin, lot: batch.lot, expiresOn: batch.expiresOn, productNameZh: product.nameZh, productCode: product.code, depotName: depot.name };
    }
    case 'zone': {
      const depot = readableDepot(deps, actor, ref.depotId);
      return { kind: 'zone', depotCode: depot.code, depotName: depot.name, zone: ref.zone };
    }
    case 'document': {
      if (ref.documentType === 'receipt') {
        const receipt = findReceipt(deps.db, ref.id);
        if (!receipt) throw new DomainError('receipt_not_found', `No receipt ${ref.id}`);
        const depot = readableDepot(deps, actor, receipt.depotId);
        return { kind: 'document', documentType: 'receipt', id: receipt.id, number: receipt.number, depotName: depot.name };
      }
      const order = findOrder(deps.db, ref.id);
      if (!order) throw new DomainError('transfer_order_not_found', `No transfer order ${ref.id}`);
      const ends = [order.fromDepotId, order.toDepotId].map((id) => findDepotPlace(deps.db, id)!);
      if (!ends.some((d) => d.path.startsWith(actor.depotPath))) assertCanRead(actor, ends[0]!);
      return { kind: 'document', documentType: ref.documentType, id: order.id, number: order.number, depotName: ends[0]!.name };
    }
  }
}

/** A label no barcode can carry as a clear refusal (422 label_unencodable) rather than a broken image or a 500. */
function rendering<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof LabelError) throw new DomainError(e.code, e.detail);
    throw e;
  }
}

/** Without `dpi`, for the 203 dpi thermal printer. */
export function labelAsSvg(deps: Deps, actor: Actor, ref: LabelRef, size: LabelSize, dpi: PrinterDpi = 203): string {
  const content = labelContent(deps, actor, ref);
  return rendering(() => labelSvg(content, size, dpi));
}

/** The label alone on a page of its size, for a label printer. */
export function labelAsPdf(deps: Deps, actor: Actor, ref: LabelRef, size: LabelSize, dpi: PrinterDpi): Promise<Buffer> {
  const content = labelContent(deps, actor, ref);
  return rendering(() => labelPdf(content, size, dpi, '标签'));
}

/** The label's barcode as it prints on a label of `size` at `dpi`: one pixel a printer dot. */
export function labelAsPng(deps: Deps, actor: Actor, ref: LabelRef, size: LabelSize, dpi: PrinterDpi): Buffer {
  const content = labelContent(deps, actor, ref);
  return rendering(() => barcodePng(drawLabel(content, size, dpi).barcode!));
}

type SheetItems = readonly { ref: LabelRef; copies: number }[];
const sheetLabels = (deps: Deps, actor: Actor, items: SheetItems) => items.flatMap(({ ref, copies }) => Array<LabelContent>(copies).fill(labelContent(deps, actor, ref)));

/**
 * A printable sheet of labels, each repeated its number of copies. A label that cannot be drawn
 * marks its own cell; an unknown or out-of-scope item still refuses the whole sheet.
 */
export function labelSheet(deps: Deps, actor: Actor, layout: SheetLayoutName, items: SheetItems, dpi?: PrinterDpi): string {
  const labels = sheetLabels(deps, actor, items);
  return sheetHtml(layout, labels, `标签 ${labels.length}`, dpi);
}

/** The same sheet as a PDF with its fonts embedded, for download. */
export function labelSheetPdf(deps: Deps, actor: Actor, layout: SheetLayoutName, items: SheetItems, dpi?: PrinterDpi): Promise<Buffer> {
  const labels = sheetLabels(deps, actor, items);
  return sheetPdf(layout, labels, `标签 ${labels.length}`, dpi);
}
