/**
 * Every refusal the product can give, as a stable snake_case code. The web app translates
 * `error.<code>`; API clients can switch on it. HTTP status is decided here, once.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  malformed_json: 400,
  validation_failed: 422,
  unauthenticated: 401,
  invalid_credentials: 401,
  login_throttled: 429,
  csrf_failed: 403,
  forbidden: 403,
  out_of_scope: 403,
  role_required: 403,
  not_found: 404,
  depot_not_found: 404,
  product_not_found: 404,
  batch_not_found: 404,
  user_not_found: 404,
  posting_not_found: 404,
  username_taken: 409,
  insufficient_stock: 409,
  batch_conflict: 409,
  already_reversed: 409,
  cannot_reverse_reversal: 409,
  cannot_reverse_transfer: 409,
  self_deactivation: 409,
  user_inactive: 409,
  empty_document: 422,
  idempotency_key_reused: 422,
  payload_too_large: 413,
  invalid_barcode: 422,
  invalid_check_digit: 422,
  unknown_gtin: 404,
  gtin_missing: 422,
  expiry_required: 422,
  batch_expired: 422,
  receipt_not_found: 404,
  receipt_not_open: 409,
  receipt_not_counted: 409,
  already_signed: 409,
  same_signer: 409,
  product_code_taken: 409,
  gtin_taken: 409,
  transfer_order_not_found: 404,
  pick_not_found: 404,
  not_a_child_depot: 422,
  product_not_on_order: 422,
  lot_missing: 422,
  approval_pending: 409,
  approval_declined: 409,
  approval_not_required: 409,
  already_decided: 409,
  self_approval: 409,
  order_closed: 409,
  batch_not_qualified: 409,
  over_pick: 409,
  fefo_override_reason_required: 422,
  pre_issue_check_required: 409,
  shipment_not_dispatched: 409,
  shipment_already_received: 409,
  lot_mismatch: 409,
  exceeds_shipment: 409,
  damaged_exceeds_count: 422,
  dispensing_not_here: 409,
  pack_check_required: 422,
  pack_broken: 409,
  lot_too_long: 422,
  qualified_by_inspection_only: 409,
  nonconforming_leaves_by_write_off: 409,
  storage_unavailable: 503,
  storage_area_not_found: 404,
  sensor_not_found: 404,
  sensor_token_invalid: 401,
  sensor_token_revoked: 401,
  implausible_reading: 422,
  reading_in_future: 422,
  csv_unreadable: 422,
  excursion_not_found: 404,
  excursion_ongoing: 409,
  excursion_already_acknowledged: 409,
  sensor_fault_only_for_gaps: 422,
  area_inactive: 409,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly data?: Record<string, unknown>,
    readonly errors?: FieldError[],
  ) {
    super(detail);
    this.name = 'DomainError';
    this.status = ERROR_STATUS[code];
  }
}
