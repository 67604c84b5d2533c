import type { ApiProblem } from '../api.ts';
import { has, t } from '../i18n/index.ts';

/** Only failures that may pass (network, server) are worth a retry button. */
const isTransient = (problem: ApiProblem) => problem.status === 0 || problem.status >= 500;

/** A failure of the server or the network, not the user's: its request id is worth quoting to whoever runs the server. */
const quotableId = (problem: ApiProblem) => (isTransient(problem) ? problem.requestId : undefined);

/** The problem's scalar data, for messages that name what they are about (e.g. the receipt {receiptNumber}). */
const paramsOf = (data: Record<string, unknown> | undefined) =>
  Object.fromEntries(Object.entries(data ?? {}).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));

const words = (problem: ApiProblem) => {
  const key = `error.${problem.code}`;
  return has(key) ? t(key, paramsOf(problem.data)) : problem.detail || t('error.unexpected_response');
};

/** The user's words for a problem: its translated code, else the server's detail; with the request id when quotable. */
export function problemText(problem: ApiProblem): string {
  const id = quotableId(problem);
  return id ? t('label.withRequestId', { message: words(problem), id }) : words(problem);
}

/** `id`: for the fields the problem is about to point at it (aria-describedby). */
export function ProblemMessage({ problem, testid = 'problem', onRetry, id: elementId }: { problem: ApiProblem | undefined | null; testid?: string; onRetry?: () => void; id?: string }) {
  if (!problem) return null;
  const id = quotableId(problem);
  return (
    <div class="problem" role="alert" id={elementId} data-testid={testid} data-code={problem.code}>
      <span>{words(problem)}</span>
      {id && (
        <small class="request-id" data-testid={`${testid}-request-id`}>
          {t('label.requestId')} <code>{id}</code>
        </small>
      )}
      {onRetry && isTransient(problem) && (
        <button type="button" class="button small" onClick={onRetry}>
          {t('button.retry')}
        </button>
      )}
    </div>
  );
}
