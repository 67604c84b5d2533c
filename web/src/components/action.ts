import { useState } from 'preact/hooks';
import { toProblem, type ApiProblem } from '../api.ts';

/**
 * A button's or a form's call to the server: `busy` while it runs (the control is disabled), the
 * refusal kept in `problem` to show beside it. `run` answers the call's result, or undefined when
 * it was refused. Busy stays on after a success: the caller usually moves on (the row goes, the
 * form closes), and a second click must not send it again meanwhile.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  async function run<T>(call: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setProblem(null);
    try {
      return await call();
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
      return undefined;
    }
  }
  return { busy, problem, run };
}
