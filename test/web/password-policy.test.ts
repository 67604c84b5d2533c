import { describe, it, expect } from 'vitest';
import { checkNewPassword, hasIssues } from '../../web/src/features/auth/password-policy.ts';
import { UserUpdateSchema } from '../../server/schemas/api.ts';

describe('checkNewPassword', () => {
  it('takes what the server takes, typed the same twice', () => {
    expect(checkNewPassword('fresh-pass-9', 'fresh-pass-9')).toEqual({});
    expect(hasIssues(checkNewPassword('fresh-pass-9', 'fresh-pass-9'))).toBe(false);
  });

  it('names the field at fault: empty, too short or too long, and a second entry that differs', () => {
    expect(checkNewPassword('', '')).toEqual({ password: 'missing', repeat: 'missing' });
    expect(checkNewPassword('abc', 'abc')).toEqual({ password: 'too_short' });
    expect(checkNewPassword('x'.repeat(201), 'x'.repeat(201))).toEqual({ password: 'too_long' });
    expect(checkNewPassword('fresh-pass-9', 'fresh-pass-8')).toEqual({ repeat: 'mismatch' });
  });

  it('draws the line exactly where the server’s schema does', () => {
    for (const length of [7, 8, 200, 201]) {
      const password = 'p'.repeat(length);
      expect(hasIssues(checkNewPassword(password, password)), `length ${length}`).toBe(!UserUpdateSchema.safeParse({ password }).success);
    }
  });
});
