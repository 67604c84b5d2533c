import { useState } from 'preact/hooks';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type WriteOff } from '../../api.ts';
import { problemText } from '../../components/ProblemMessage.tsx';
import { invalidProps, useFieldIds } from '../../components/FieldError.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { t } from './i18n.ts';
import { consequencesOf, WriteOffConsequences } from './WriteOffConsequences.tsx';

type Method = 'destroy' | 'return_to_maker';
interface WitnessRow {
  key: number;
  username: string;
  password: string;
}

const MIN_WITNESSES = 2;
let nextKey = 1;
const blankRow = (): WitnessRow => ({ key: nextKey++, username: '', password: '' });

/**
 * Records the disposal of an approved write-off (不合格药具处理记录, S0:422): destroyed before two or
 * more witnesses who each type their own username and password here and now, or returned to the
 * maker when the goods never entered stock. The passwords leave the form's state as soon as they
 * are sent, whatever the answer.
 */
export function DisposalForm({ request, onDone }: { request: WriteOff; onDone: (w: WriteOff) => void }) {
  const [method, setMethod] = useState<Method>('destroy');
  const [place, setPlace] = useState('');
  const [detail, setDetail] = useState('');
  const [rows, setRows] = useState<WitnessRow[]>(() => Array.from({ length: MIN_WITNESSES }, blankRow));
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [missing, setMissing] = useState<ReadonlySet<number>>(new Set());
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const ids = useFieldIds();

  // A refusal about the witnesses no longer stands once they are changed.
  const edit = (next: WitnessRow[]) => {
    setRows(next);
    setProblem(null);
    setMissing(new Set());
  };
  const change = (key: number, patch: Partial<WitnessRow>) => edit(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const refused = typeof problem?.data?.username === 'string' ? problem.data.username.trim().toLowerCase() : null;

  const filled = method === 'destroy' ? rows.filter((r) => r.username.trim() !== '' || r.password !== '') : [];

  /** The form's own checks first, then the question naming what will be destroyed or returned. */
  function submit(e: Event) {
    e.preventDefault();
    const withoutPassword = filled.filter((r) => r.username.trim() === '' || r.password === '');
    if (withoutPassword.length > 0) {
      setMissing(new Set(withoutPassword.map((r) => r.key)));
      return;
    }
    setMissing(new Set());
    setAsking(true);
  }

  async function send() {
    setAsking(false);
    const witnesses = filled.map((r) => ({ username: r.username.trim(), password: r.password }));
    // The passwords are in the request now; the form forgets them before the answer comes.
    setRows(rows.map((r) => ({ ...r, password: '' })));
    setBusy(true);
    setProblem(null);
    try {
      onDone(await api.disposeWriteOff(request.id, { method, ...(place.trim() ? { place: place.trim() } : {}), ...(detail.trim() ? { detail: detail.trim() } : {}), witnesses }));
    } catch (err) {
      setProblem(toProblem(err));
      setBusy(false);
    }
  }

  return (
    <>
      <form class="panel disposal-form no-print" data-testid="disposal-form" autocomplete="off" onSubmit={submit}>
        <h2>{t('disposal.title')}</h2>
        <fieldset class="method-choice" data-testid="disposal-method">
          <legend>{t('disposal.method')}</legend>
          {(['destroy', 'return_to_maker'] as const).map((m) => (
            <label key={m} class="check">
              <input type="radio" name="disposal-method" value={m} data-testid={`disposal-method-${m}`} checked={method === m} onChange={() => (setMethod(m), setProblem(null))} />
              {t(`disposal.${m}`)}
            </label>
          ))}
        </fieldset>
        {method === 'return_to_maker' && <p class="notice attention">{t('disposal.returnHint')}</p>}
        <div class="form-grid">
          <label class="field">
            <span>{t('disposal.place')}</span>
            <input data-testid="disposal-place" maxLength={120} placeholder={t('disposal.placeHint')} value={place} onInput={(e) => setPlace(e.currentTarget.value)} />
          </label>
          <label class="field wide">
            <span>{t('disposal.detail')}</span>
            <input data-testid="disposal-detail" maxLength={500} placeholder={t('disposal.detailHint')} value={detail} onInput={(e) => setDetail(e.currentTarget.value)} />
          </label>
        </div>
        {method === 'destroy' && (
          <fieldset class="witnesses" data-testid="witnesses">
            <legend>{t('disposal.witnesses')}</legend>
            <p class="notice attention witness-note">{t('disposal.witnessNote')}</p>
            {rows.map((r, i) => {
              const bad = missing.has(r.key) || (refused !== null && r.username.trim().toLowerCase() === refused);
              const message = missing.has(r.key) ? ids(`missing-${r.key}`) : ids('problem');
              return (
                <div key={r.key} class={`witness-row${bad ? ' invalid' : ''}`} data-testid="witness-row">
                  <span class="witness-n">{t('disposal.witness', { n: i + 1 })}</span>
                  <label class="field">
                    <span>{t('label.username')}</span>
                    <input data-testid="witness-username" autocomplete="off" autocapitalize="off" spellcheck={false} maxLength={60} {...invalidProps(message, bad)} value={r.username} onInput={(e) => change(r.key, { username: e.currentTarget.value })} />
                  </label>
                  <label class="field">
                    <span>{t('label.password')}</span>
                    <input type="password" data-testid="witness-password" autocomplete="off" maxLength={200} {...invalidProps(message, bad)} value={r.password} onInput={(e) => change(r.key, { password: e.currentTarget.value })} />
                  </label>
                  {rows.length > 1 && (
                    <button type="button" class="button small" data-testid="witness-remove" onClick={() => edit(rows.filter((x) => x.key !== r.key))}>
                      {t('disposal.removeWitness')}
                    </button>
                  )}
                  {missing.has(r.key) && (
                    <span class="field-error" id={ids(`missing-${r.key}`)}>
                      {t('disposal.passwordMissing')}
                    </span>
                  )}
                </div>
              );
            })}
            {rows.length < 10 && (
              <button type="button" class="button" data-testid="witness-add" onClick={() => edit([...rows, blankRow()])}>
                {t('disposal.addWitness')}
              </button>
            )}
          </fieldset>
        )}
        {problem && (
          <div class="problem" role="alert" id={ids('problem')} data-testid="disposal-problem" data-code={problem.code}>
            <DisposalRefusal problem={problem} />
          </div>
        )}
        <div class="actions">
          <button class="button danger" data-testid="disposal-submit" disabled={busy}>
            {t(method === 'destroy' ? 'disposal.submitDestroy' : 'disposal.submitReturn')}
          </button>
        </div>
      </form>
      {asking && (
        // Outside the form: the dialog's own form would submit this one too.
        <ConfirmDialog
          testid="disposal-dialog"
          title={t(method === 'destroy' ? 'woConfirm.destroyTitle' : 'woConfirm.returnTitle', { number: request.number })}
          confirmLabel={t(method === 'destroy' ? 'disposal.submitDestroy' : 'disposal.submitReturn')}
          danger
          onCancel={() => setAsking(false)}
          onConfirm={() => void send()}
        >
          <WriteOffConsequences
            step={method === 'destroy' ? 'destroy' : 'return'}
            intro={method === 'destroy' ? t('woConfirm.destroyWhat', { witnesses: filled.map((r) => r.username.trim()).join('、') || '—' }) : t('woConfirm.returnWhat')}
            lines={consequencesOf(request)}
            totals={request.totalsByUnit}
            valueFen={request.totalValueFen}
          />
        </ConfirmDialog>
      )}
    </>
  );
}

/** The server's refusal, naming the witness or the lot it is about. */
function DisposalRefusal({ problem }: { problem: ApiProblem }) {
  const who = typeof problem.data?.username === 'string' ? problem.data.username : null;
  const lot = typeof problem.data?.lot === 'string' ? problem.data.lot : null;
  return (
    <span>
      {problemText(problem)}
      {who && <strong data-testid="disposal-problem-who"> （{who}）</strong>}
      {lot && <strong> （{t('label.lot')} {lot}）</strong>}
    </span>
  );
}
