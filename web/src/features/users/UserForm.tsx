import type { ComponentChildren } from 'preact';
import { useSignal } from '@preact/signals';
import { ROLES, type Role } from '../../../../server/schemas/constants.ts';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type User, type UserUpdate } from '../../api.ts';
import { LANGS, has, t, type Lang } from '../../i18n/index.ts';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { FieldError, invalidProps, useFieldIds } from '../../components/FieldError.tsx';
import { usePanelFocus } from '../../components/focus.ts';

export type UserFormMode = { mode: 'create'; depotId: number; depotName: string } | { mode: 'edit'; user: User };

/** Creates a user at the selected depot, or changes one's name, password, roles and language. */
export function UserForm({ target, onDone, onCancel }: { target: UserFormMode; onDone: (user: User) => void; onCancel: () => void }) {
  const editing = target.mode === 'edit' ? target.user : undefined;
  const username = useSignal(editing?.username ?? '');
  const displayName = useSignal(editing?.displayName ?? '');
  const password = useSignal('');
  const locale = useSignal<Lang>(editing?.locale ?? 'zh-CN');
  const roles = useSignal<ReadonlySet<Role>>(new Set(editing?.roles ?? []));
  const pending = useSignal(false);
  const problem = useSignal<ApiProblem | null>(null);
  const ids = useFieldIds();
  const panel = usePanelFocus<HTMLFormElement>();

  const fieldError = (path: string) => problem.value?.errors.find((e) => e.path === path || e.path.startsWith(`${path}.`));

  function toggleRole(role: Role, on: boolean) {
    const next = new Set(roles.value);
    if (on) next.add(role);
    else next.delete(role);
    roles.value = next;
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (pending.value) return;
    pending.value = true;
    problem.value = null;
    const chosen = ROLES.filter((r) => roles.value.has(r));
    try {
      if (target.mode === 'create') {
        onDone(
          await api.createUser({
            username: username.value.trim(),
            displayName: displayName.value.trim(),
            password: password.value,
            depotId: target.depotId,
            roles: chosen,
            locale: locale.value,
          }),
        );
      } else {
        const user = target.user;
        const changes: UserUpdate = {};
        if (displayName.value.trim() !== user.displayName) changes.displayName = displayName.value.trim();
        if (password.value) changes.password = password.value;
        if (locale.value !== user.locale) changes.locale = locale.value;
        if (chosen.join() !== ROLES.filter((r) => user.roles.includes(r)).join()) changes.roles = chosen;
        onDone(Object.keys(changes).length === 0 ? user : await api.updateUser(user.id, changes));
      }
    } catch (error) {
      problem.value = toProblem(error);
    } finally {
      pending.value = false;
    }
  }

  /** The field's error message or, while it is fine, its hint describes it. */
  const describe = (name: string) => {
    const error = fieldError(name) !== undefined;
    return error ? invalidProps(ids(name), true) : { 'aria-describedby': ids(`${name}-hint`) };
  };

  return (
    <form class="panel user-form" data-testid="user-form" onSubmit={submit} noValidate ref={panel}>
      <h2>{editing ? t('label.editUser', { username: editing.username }) : t('label.createUser')}</h2>
      <ProblemMessage problem={problem.value} testid="user-form-problem" />
      <div class="form-grid">
        <Field label={t('label.username')} hint="hint.username" error={fieldError('username')?.message} id={ids('username')}>
          {editing ? (
            <input value={editing.username} readOnly data-testid="user-username" {...describe('username')} />
          ) : (
            <input
              data-testid="user-username"
              {...describe('username')}
              autocomplete="off"
              autocapitalize="none"
              spellcheck={false}
              value={username.value}
              onInput={(e) => (username.value = e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t('label.displayName')} hint="hint.displayName" error={fieldError('displayName')?.message} id={ids('displayName')}>
          <input data-testid="user-displayname" {...describe('displayName')} value={displayName.value} onInput={(e) => (displayName.value = e.currentTarget.value)} />
        </Field>
        <Field
          label={editing ? t('label.newPassword') : t('label.password')}
          hint="hint.password"
          extra={editing ? t('label.keepPassword') : undefined}
          error={fieldError('password')?.message}
          id={ids('password')}
        >
          <input
            data-testid="user-password"
            {...describe('password')}
            type="password"
            autocomplete="new-password"
            value={password.value}
            onInput={(e) => (password.value = e.currentTarget.value)}
          />
        </Field>
        <Field label={t('label.depot')} error={fieldError('depotId')?.message} id={ids('depotId')}>
          <input value={editing ? editing.depotName : target.mode === 'create' ? target.depotName : ''} readOnly data-testid="user-depot" {...invalidProps(ids('depotId'), fieldError('depotId') !== undefined)} />
        </Field>
        <Field label={t('label.language')} error={fieldError('locale')?.message} id={ids('locale')}>
          <select data-testid="user-locale" {...invalidProps(ids('locale'), fieldError('locale') !== undefined)} value={locale.value} onChange={(e) => (locale.value = e.currentTarget.value as Lang)}>
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset class={`roles${fieldError('roles') ? ' invalid' : ''}`} data-testid="user-roles" aria-describedby={fieldError('roles') ? ids('roles') : undefined}>
        <legend>{t('label.roles')}</legend>
        {ROLES.map((role) => (
          <label key={role} class="check">
            <input
              type="checkbox"
              data-testid={`user-role-${role}`}
              checked={roles.value.has(role)}
              onChange={(e) => toggleRole(role, e.currentTarget.checked)}
            />
            <span>{t(`role.${role}`)}</span>
          </label>
        ))}
        {fieldError('roles') && (
          <p class="field-error" id={ids('roles')} data-testid="field-error-roles">
            {t('hint.roles')}
          </p>
        )}
      </fieldset>
      <div class="actions">
        <button type="submit" class="button primary" data-testid="user-submit" disabled={pending.value}>
          {t('button.save')}
        </button>
        <button type="button" class="button" data-testid="user-cancel" onClick={onCancel}>
          {t('button.cancel')}
        </button>
      </div>
    </form>
  );
}

/** `id`: of the error message (and `${id}-hint` of the hint) that the field points at. */
function Field({
  label,
  hint,
  extra,
  error,
  id,
  children,
}: {
  label: string;
  hint?: 'hint.username' | 'hint.password' | 'hint.displayName';
  extra?: string;
  error?: string;
  id: string;
  children: ComponentChildren;
}) {
  const testid = hint ? `field-error-${hint.slice(5)}` : 'field-error';
  return (
    <label class={`field${error ? ' invalid' : ''}`}>
      <span>{label}</span>
      {children}
      {error ? (
        <FieldError id={id} testid={testid}>
          {hint && has(hint) ? t(hint) : error}
        </FieldError>
      ) : (
        (hint || extra) && (
          <small class="hint" id={`${id}-hint`}>
            {[extra, hint && t(hint)].filter(Boolean).join(' · ')}
          </small>
        )
      )}
    </label>
  );
}
