import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_LENGTH } from '../schemas/constants.ts';

/**
 * The 49,000 most common passwords of public breach corpora, as the zxcvbn-ts project maintains
 * them (@zxcvbn-ts/language-common), compared without case.
 */
const COMMON = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

export type PasswordFlaw = 'too_short' | 'too_long' | 'contains_username' | 'common';

/**
 * What makes a new password unacceptable (NIST SP 800-63B: length, and not a known or guessable
 * one), or undefined. Example: for user `county-storekeeper`, `password123` is common,
 * `county-storekeeper!` contains the username, `quiet-river-42` is fine.
 */
export function passwordFlaw(password: string, username: string): PasswordFlaw | undefined {
  if (password.length < PASSWORD_LENGTH.min) return 'too_short';
  if (password.length > PASSWORD_LENGTH.max) return 'too_long';
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) return 'contains_username';
  if (COMMON.has(password.toLowerCase())) return 'common';
  return undefined;
}
