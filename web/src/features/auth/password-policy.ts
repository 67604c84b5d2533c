import { PASSWORD_LENGTH } from '../../../../server/schemas/constants.ts';

/** What is wrong with a new password typed twice, field by field; empty when the server would take it. */
export interface PasswordIssues {
  password?: 'missing' | 'too_short' | 'too_long';
  repeat?: 'missing' | 'mismatch';
}

/**
 * The server's rule (PASSWORD_LENGTH: 8 to 200 characters, counted as the server counts them, in
 * UTF-16 units) and the two entries agreeing. Example: 'abc' is too short; 'fresh-pass-9' typed
 * again as 'fresh-pass-8' does not match.
 */
export function checkNewPassword(password: string, repeat: string): PasswordIssues {
  const issues: PasswordIssues = {};
  if (password === '') issues.password = 'missing';
  else if (password.length < PASSWORD_LENGTH.min) issues.password = 'too_short';
  else if (password.length > PASSWORD_LENGTH.max) issues.password = 'too_long';
  if (repeat === '') issues.repeat = 'missing';
  else if (repeat !== password) issues.repeat = 'mismatch';
  return issues;
}

export const hasIssues = (issues: PasswordIssues) => issues.password !== undefined || issues.repeat !== undefined;
