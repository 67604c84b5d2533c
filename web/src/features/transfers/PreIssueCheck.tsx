import { useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type TransferOrder } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';

type Line = TransferOrder['lines'][number];
type Proposal = Line['proposals'][number];

let checklistCache: Promise<Record<string, string[]>> | null = null;

/**
 * The inspector's pre-issue check of a batch due one (S0:397): the dosage form's checklist, every
 * item unticked until checked; with every item ticked the whole free quantity passes. A batch
 * that fails is recorded from the quality screens.
 */
export function PreIssueButton({ order, line, proposal, onDone }: { order: TransferOrder; line: Line; proposal: Proposal; onDone: () => void }) {
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [items, setItems] = useState<string[] | null>(null);
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [unticked, setUnticked] = useState(false);
  const messageId = `pre-issue-${proposal.batchId}-message`;

  async function open() {
    setProblem(null);
    try {
      checklistCache ??= api.checklists() as Promise<Record<string, string[]>>;
      const [lists, products] = await Promise.all([checklistCache, api.products()]);
      const form = products.items.find((p) => p.id === line.productId)!.dosageForm;
      const list = lists[form] ?? [];
      setItems(list);
      setAnswers(Object.fromEntries(list.map((k) => [k, false])));
    } catch (e) {
      setProblem(toProblem(e));
    }
  }

  async function pass() {
    if (!items) return;
    if (items.some((k) => !answers[k])) return setUnticked(true);
    setProblem(null);
    try {
      await api.inspect({ depotId: order.fromDepotId, batchId: proposal.batchId, kind: 'pre_issue', checklist: answers, passedQuantity: proposal.available, failedQuantity: 0, nonconformities: [] });
      setItems(null);
      onDone();
    } catch (e) {
      setProblem(toProblem(e));
    }
  }

  if (!items)
    return (
      <>
        <button type="button" class="button small" data-testid={`pre-issue-inspect-${proposal.lot}`} onClick={() => void open()}>
          {t('button.passPreIssue')}
        </button>
        <ProblemMessage problem={problem} />
      </>
    );
  return (
    <form
      class="inspect-form"
      data-testid="pre-issue-form"
      onSubmit={(e) => {
        e.preventDefault();
        void pass();
      }}
    >
      <fieldset aria-invalid={unticked ? 'true' : undefined} aria-describedby={unticked ? messageId : undefined}>
        <legend>{t('inspect.checklist')}</legend>
        {items.map((k) => (
          <label key={k} class="check">
            <input type="checkbox" data-testid={`check-${k}`} checked={answers[k]} onChange={(e) => (setAnswers({ ...answers, [k]: e.currentTarget.checked }), setUnticked(false))} />
            {t(`check.${k}`)}
          </label>
        ))}
      </fieldset>
      {unticked && (
        <p id={messageId} class="field-error" role="alert" data-testid="pre-issue-unticked">
          {t('inspect.preIssueUnticked')}
        </p>
      )}
      <ProblemMessage problem={problem} />
      <button class="button primary small" data-testid="pre-issue-submit">
        {t('button.passPreIssue')}
      </button>{' '}
      <button type="button" class="button small" onClick={() => (setItems(null), setUnticked(false))}>
        {t('button.cancel')}
      </button>
    </form>
  );
}
