import { describe, it, expect } from 'vitest';
import { invalidProps, problemField } from '../../web/src/features/receiving/problem-field.ts';

describe('problemField', () => {
  it('names the field a validation error points at', () => {
    expect(problemField({ code: 'validation_failed', errors: [{ path: 'quantity' }] })).toBe('quantity');
    expect(problemField({ code: 'validation_failed', errors: [{ path: 'expiresOn' }] })).toBe('expiresOn');
  });

  it('names the field a refusal is about by its code: more than shipped is the quantity, a missing expiry the expiry', () => {
    expect(problemField({ code: 'exceeds_shipment' })).toBe('quantity');
    expect(problemField({ code: 'expiry_required' })).toBe('expiresOn');
    expect(problemField({ code: 'fefo_override_reason_required' })).toBe('reason');
  });

  it('takes any other refusal to be about the scan itself', () => {
    expect(problemField({ code: 'lot_mismatch' })).toBe('raw');
    expect(problemField({ code: 'validation_failed', errors: [{ path: 'checklist.outer_pack_intact' }] })).toBe('raw');
    expect(problemField(null)).toBeNull();
  });
});

describe('invalidProps', () => {
  it('marks the field invalid and points it at the message, or leaves it alone', () => {
    expect(invalidProps(true, 'msg-1')).toEqual({ 'aria-invalid': 'true', 'aria-describedby': 'msg-1' });
    expect(invalidProps(false, 'msg-1')).toEqual({});
  });
});
