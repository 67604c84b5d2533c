import { useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type Receipt } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';

const NONCONFORMITIES = ['expired', 'inner_pack_broken', 'count_differs_from_label', 'markings_missing', 'visible_defect'] as const;
let checklistCache: Promise<Record<string, string[]>> | null = null;

let forms = 0;

/**
 * The inspector's appearance check of one received lot (S0:387): checklist, passed, failed and
 * why. Every item starts unticked: a tick says the inspector looked and found it right. An
 * item left unticked is a defect, so some units must be recorded failed, with the reason.
 */
export function InspectLine({ receipt, batchId, max, onDone }: { receipt: Receipt; batchId: number; max: number; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<string[]>([]);
  const [answers, setAnswers] = useState<Record<string, boolean>>({});
  const [failed, setFailed] = useState(0);
  const [kinds, setKinds] = useState<string[]>([]);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [refusal, setRefusal] = useState<'checklist' | 'nonconformities' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [id] = useState(() => `inspect-${++forms}`);
  const line = receipt.lines.find((l) => l.batchId === batchId)!;

  async function start() {
    checklistCache ??= api.checklists() as Promise<Record<string, string[]>>;
    const lists = await checklistCache;
    const product = (await api.products()).items.find((p) => p.id === line.productId)!;
    const list = lists[product.dosageForm] ?? [];
    setItems(list);
    setAnswers(Object.fromEntries(list.map((k) => [k, false])));
    setOpen(true);
  }

  if (done) return <span data-testid="inspected">{done}</span>;
  if (!open)
    return (
      <button class="button small" data-testid={`inspect-${line.lot}`} onClick={() => void start()}>
        {t('button.inspect')}
      </button>
    );
  const unticked = items.filter((k) => !answers[k]);
  const messageId = `${id}-message`;
  return (
    <form
      class="inspect-form"
      data-testid="inspect-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        if (unticked.length > 0 && failed === 0) return setRefusal('checklist');
        if (failed > 0 && kinds.length === 0) return setRefusal('nonconformities');
        setRefusal(null);
        try {
          await api.inspect({ depotId: receipt.depotId, batchId, kind: 'receipt', receiptId: receipt.id, checklist: answers, passedQuantity: max - failed, failedQuantity: failed, nonconformities: kinds as (typeof NONCONFORMITIES)[number][] });
          setDone(t('label.inspectedResult', { passed: max - failed, failed }));
          onDone();
        } catch (err) {
          setProblem(toProblem(err));
        }
      }}
    >
      <fieldset class="inspect-checklist" data-testid="inspect-checklist" aria-invalid={refusal === 'checklist' ? 'true' : undefined} aria-describedby={refusal === 'checklist' ? messageId : undefined}>
        <legend>{t('inspect.checklist')}</legend>
        {items.map((k) => (
          <label key={k} class="check">
            <input type="checkbox" data-testid={`check-${k}`} checked={answers[k]} onChange={(e) => (setAnswers({ ...answers, [k]: e.currentTarget.checked }), setRefusal(null))} />
            {t(`check.${k}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('label.failed')}
        <input
          type="number"
          min="0"
          max={max}
          data-testid="inspect-failed"
          value={failed}
          aria-invalid={refusal === 'checklist' ? 'true' : undefined}
          aria-describedby={refusal === 'checklist' ? messageId : undefined}
          onInput={(e) => (setFailed(Math.min(max, Math.max(0, Number(e.currentTarget.value) || 0))), setRefusal(null))}
        />
      </label>
      {failed > 0 && (
        <fieldset class="inspect-kinds" data-testid="inspect-kinds" aria-invalid={refusal === 'nonconformities' ? 'true' : undefined} aria-describedby={refusal === 'nonconformities' ? messageId : undefined}>
          <legend>{t('inspect.whyFailed')}</legend>
          {NONCONFORMITIES.map((k) => (
            <label key={k} class="check">
              <input type="checkbox" data-testid={`nc-${k}`} checked={kinds.includes(k)} onChange={(e) => (setKinds(e.currentTarget.checked ? [...kinds, k] : kinds.filter((x) => x !== k)), setRefusal(null))} />
              {t(`nonconformity.${k}`)}
            </label>
          ))}
        </fieldset>
      )}
      {refusal && (
        <p id={messageId} class="field-error" role="alert" data-testid="inspect-refusal" data-refusal={refusal}>
          {refusal === 'checklist' ? t('inspect.untickedItems', { count: unticked.length }) : t('inspect.nameWhy')}
        </p>
      )}
      <ProblemMessage problem={problem} />
      <button class="button primary small" data-testid="inspect-submit">
        {t('button.saveInspection')}
      </button>
    </form>
  );
}
