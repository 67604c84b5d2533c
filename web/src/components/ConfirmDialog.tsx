import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import './confirm-dialog.css';

let ids = 0;

/**
 * After the question, the cursor goes back to the scan field of the screen (or where it was): the
 * next carton is scanned without a click. Again after the browser's own handling of the closed
 * dialog, which may leave the focus on the page.
 */
function returnFocus(before: Element | null) {
  const focus = () => {
    const scan = document.querySelector<HTMLInputElement>('[data-scan-input]:not(:disabled)');
    const target = scan ?? (before instanceof HTMLElement && before.isConnected ? before : null);
    target?.focus({ preventScroll: true });
  };
  focus();
  setTimeout(() => {
    if (!document.activeElement || document.activeElement === document.body) focus();
  }, 0);
}

/**
 * The one question asked before an irreversible step, saying what will happen (what is
 * recorded short, what leaves the depot). A modal <dialog>: the page behind is inert, the focus
 * is inside, Escape cancels, and the focus goes back to the scan field afterwards. With
 * `reason`, the step needs a reason, typed here. The screen shows it while asking and removes it
 * on `onConfirm` or `onCancel`.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  danger,
  reason,
  onConfirm,
  onCancel,
  testid = 'confirm-dialog',
}: {
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
  reason?: { label: string; maxLength?: number };
  onConfirm: (reason: string) => void;
  onCancel: () => void;
  testid?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const first = useRef<HTMLInputElement & HTMLButtonElement>(null);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const [id] = useState(() => `confirm-${++ids}`);

  useEffect(() => {
    const before = document.activeElement;
    const el = dialog.current!;
    if (!el.open) el.showModal();
    first.current?.focus();
    return () => {
      if (el.open) el.close();
      returnFocus(before);
    };
  }, []);

  const needsReason = reason !== undefined;
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid={testid}
      onCancel={(e) => {
        // Escape: the screen closes it, so that its state and the dialog agree.
        e.preventDefault();
        onCancel();
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (needsReason && !text.trim()) {
            setMissing(true);
            first.current?.focus();
            return;
          }
          onConfirm(text.trim());
        }}
      >
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-body`} class="confirm-body" data-testid="dialog-body">
          {children}
        </div>
        {reason && (
          <label>
            {reason.label}
            <input
              ref={first}
              data-testid="dialog-reason"
              maxLength={reason.maxLength ?? 200}
              value={text}
              aria-required="true"
              aria-invalid={missing ? 'true' : undefined}
              aria-describedby={missing ? `${id}-missing` : undefined}
              onInput={(e) => {
                setText(e.currentTarget.value);
                setMissing(false);
              }}
            />
            {missing && (
              <span id={`${id}-missing`} class="field-error" role="alert" data-testid="dialog-reason-missing">
                {t('dialog.reasonRequired')}
              </span>
            )}
          </label>
        )}
        <div class="actions">
          <button ref={!reason && danger ? first : undefined} type="button" class="button" data-testid="dialog-cancel" onClick={onCancel}>
            {cancelLabel ?? t('button.cancel')}
          </button>
          <button ref={!reason && !danger ? first : undefined} type="submit" class={`button ${danger ? 'danger' : 'primary'}`} data-testid="dialog-confirm">
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
