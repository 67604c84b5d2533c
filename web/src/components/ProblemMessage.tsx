import type { ApiProblem } from '../api.ts';
import { has, t } from '../i18n/index.ts';

/** The user's words for a problem: its translated code, else the server's detail. */
export function problemText(problem: ApiProblem): string {
  const key = `error.${problem.code}`;
  return has(key) ? t(key) : problem.detail || t('error.unexpected_response');
}

/** Only failures that may pass (network, server) are worth a retry button. */
const isTransient = (problem: ApiProblem) => problem.status === 0 || problem.status >= 500;

export function ProblemMessage({ problem, testid = 'problem', onRetry }: { problem: ApiProblem | undefined | null; testid?: string; onRetry?: () => void }) {
  if (!problem) return null;
  return (
    <div class="problem" role="alert" data-testid={testid} data-code={problem.code}>
      <span>{problemText(problem)}</span>
      {onRetry && isTransient(problem) && (
        <button type="button" class="button small" onClick={onRetry}>
          {t('button.retry')}
        </button>
      )}
    </div>
  );
}
