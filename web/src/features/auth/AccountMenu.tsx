import { useEffect, useRef, useState } from 'preact/hooks';
import type { Me } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { PasswordForm } from './PasswordForm.tsx';
import './account.css';

/**
 * The user's name, depot and roles in the header, as a button that opens what a user does for
 * themselves: change their own password. Escape or a click elsewhere closes it.
 */
export function AccountMenu({ me }: { me: Me }) {
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    first.current?.focus();
    const away = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  return (
    <div
      class="account"
      ref={wrapper}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          toggle.current?.focus();
        }
      }}
    >
      <button
        ref={toggle}
        type="button"
        class="user-menu account-toggle"
        data-testid="user-menu"
        aria-expanded={open}
        aria-controls="account-menu"
        onClick={() => setOpen(!open)}
      >
        {/* A phone has room for the icon only: the name stays for screen readers, and the menu shows it. */}
        <svg class="account-icon" aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
          <path fill="currentColor" d="M12 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10Zm0 2c-4.4 0-9 2.2-9 5v3h18v-3c0-2.8-4.6-5-9-5Z" />
        </svg>
        <span class="user-name" data-testid="user-name">
          {me.user.displayName}
        </span>
        <span class="user-depot" data-testid="user-depot">
          {me.depot.name} · {t(`tier.${me.depot.tier}`)}
        </span>
        <span class="user-roles" data-testid="user-roles">
          {me.user.roles.map((role) => (
            <span key={role} class="chip" data-role={role}>
              {t(`role.${role}`)}
            </span>
          ))}
        </span>
      </button>
      {open && (
        <div id="account-menu" class="popover account-menu" data-testid="account-menu">
          <p class="account-who">
            <strong>{me.user.displayName}</strong> ({me.user.username})
            <br />
            {me.depot.name} · {t(`tier.${me.depot.tier}`)} · {me.user.roles.map((role) => t(`role.${role}`)).join('、')}
          </p>
          <ul>
            <li>
              <button
                ref={first}
                type="button"
                class="button"
                data-testid="password-change-open"
                onClick={() => {
                  setOpen(false);
                  setChanging(true);
                }}
              >
                {t('button.changePassword')}
              </button>
            </li>
          </ul>
        </div>
      )}
      {changing && (
        <PasswordDialog
          onClose={() => {
            setChanging(false);
            setTimeout(() => toggle.current?.focus());
          }}
        />
      )}
    </div>
  );
}

/** The voluntary change, as a modal dialog: the page behind is inert, Escape cancels. */
function PasswordDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const done = useRef<HTMLButtonElement>(null);
  const [changed, setChanged] = useState(false);

  useEffect(() => {
    const el = dialog.current!;
    if (!el.open) el.showModal();
    return () => {
      if (el.open) el.close();
    };
  }, []);
  useEffect(() => {
    if (changed) done.current?.focus();
  }, [changed]);

  return (
    <dialog
      ref={dialog}
      class="password-dialog"
      aria-labelledby="password-dialog-title"
      data-testid="password-dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="password-dialog-title">{t('button.changePassword')}</h2>
      {changed ? (
        <>
          <p class="notice" role="status" data-testid="password-changed">
            {t('label.passwordChanged')}
          </p>
          <button ref={done} type="button" class="button primary" data-testid="password-dialog-close" onClick={onClose}>
            {t('button.close')}
          </button>
        </>
      ) : (
        <PasswordForm
          autoFocus
          onDone={() => setChanged(true)}
          actions={
            <button type="button" class="button" data-testid="password-cancel" onClick={onClose}>
              {t('button.cancel')}
            </button>
          }
        />
      )}
    </dialog>
  );
}
