/**
 * Which field a refusal is about, so that the screen marks that field (aria-invalid, and
 * aria-describedby pointing at the message beside it): the scan itself unless the server named
 * another field (a validation error's path) or the code is about one.
 */
export type ScanFieldName = 'raw' | 'quantity' | 'productId' | 'lot' | 'expiresOn' | 'batchId' | 'reason' | 'recipient';

const BY_CODE: Record<string, ScanFieldName> = {
  exceeds_shipment: 'quantity',
  exceeds_available: 'quantity',
  insufficient_stock: 'quantity',
  over_pick: 'quantity',
  damaged_exceeds_count: 'quantity',
  expiry_required: 'expiresOn',
  lot_too_long: 'lot',
  lot_missing: 'lot',
  fefo_override_reason_required: 'reason',
  product_not_found: 'productId',
};

const FIELDS = new Set<string>(['raw', 'quantity', 'productId', 'lot', 'expiresOn', 'batchId', 'reason', 'recipient']);

export function problemField(problem: { code: string; errors?: readonly { path: string }[] } | null): ScanFieldName | null {
  if (!problem) return null;
  const path = problem.errors?.[0]?.path.split('.')[0];
  if (path && FIELDS.has(path)) return path as ScanFieldName;
  return BY_CODE[problem.code] ?? 'raw';
}

/** The attributes of a field the last refusal is about: invalid, described by the message. */
export const invalidProps = (about: boolean, messageId: string) => (about ? { 'aria-invalid': 'true' as const, 'aria-describedby': messageId } : {});
