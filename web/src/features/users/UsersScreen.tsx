import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import * as api from '../../api.ts';
import { ApiProblem, toProblem, type User } from '../../api.ts';
import { t } from '../../i18n/index.ts';
import { navigate, paths, withQuery } from '../../router.ts';
import { Pager } from '../../components/Pager.tsx';
import { ProblemMessage } from '../../components/ProblemMessage.tsx';
import { details } from '../depots/depot-state.ts';
import { isAdmin } from '../auth/session.ts';
import { PAGE_SIZE, userList } from './users-state.ts';
import { UserForm, type UserFormMode } from './UserForm.tsx';

const SEARCH_DELAY_MS = 300;

type Pending = { user: User; action: 'deactivate' | 'reactivate' };

/** Users of the selected depot and the depots below it (admin only). */
export function UsersScreen({ depotId, query }: { depotId: number; query: URLSearchParams }) {
  if (!isAdmin.value) return <ProblemMessage problem={new ApiProblem('role_required', 403, '')} />;
  return <UsersAdmin depotId={depotId} query={query} />;
}

function UsersAdmin({ depotId, query }: { depotId: number; query: URLSearchParams }) {
  const q = query.get('q') ?? '';
  const page = Number(query.get('page')) || 1;
  const params = { depotId, q: q || undefined, page, pageSize: PAGE_SIZE };
  const key = JSON.stringify(params);
  useEffect(() => {
    void userList.load(params);
  }, [key]);

  const search = useSignal(q);
  const form = useSignal<UserFormMode | null>(null);
  const confirming = useSignal<Pending | null>(null);
  const rowProblem = useSignal<{ userId: number; problem: ApiProblem } | null>(null);
  const notice = useSignal<string | null>(null);
  const working = useSignal(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    search.value = q;
    form.value = null;
    confirming.value = null;
    rowProblem.value = null;
    notice.value = null;
  }, [depotId]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const { data, problem, loading } = userList.state.value;
  const reload = () => void userList.load(params, { force: true });

  function onSearch(value: string) {
    search.value = value;
    clearTimeout(timer.current);
    timer.current = setTimeout(
      () => navigate(paths.users(depotId, withQuery(query, { q: value.trim(), page: undefined })), { replace: true }),
      SEARCH_DELAY_MS,
    );
  }

  function openCreate() {
    const detail = details.value.get(depotId);
    const depotName = detail && !(detail instanceof ApiProblem) ? detail.name : String(depotId);
    notice.value = null;
    form.value = { mode: 'create', depotId, depotName };
  }

  async function confirm(pending: Pending) {
    working.value = true;
    rowProblem.value = null;
    try {
      const changed = pending.action === 'deactivate' ? await api.deactivateUser(pending.user.id) : await api.reactivateUser(pending.user.id);
      confirming.value = null;
      notice.value = t(pending.action === 'deactivate' ? 'label.userDeactivated' : 'label.userReactivated', { username: changed.username });
      reload();
    } catch (error) {
      confirming.value = null;
      rowProblem.value = { userId: pending.user.id, problem: toProblem(error) };
    } finally {
      working.value = false;
    }
  }

  return (
    <section class="screen" data-testid="users-screen" data-state={loading ? 'loading' : problem ? 'error' : 'ready'}>
      <div class="toolbar">
        <input
          type="search"
          class="grow"
          data-testid="users-search"
          aria-label={t('label.searchUsers')}
          placeholder={t('label.searchUsers')}
          value={search.value}
          onInput={(e) => onSearch(e.currentTarget.value)}
        />
        <button type="button" class="button primary" data-testid="user-create" onClick={openCreate}>
          {t('button.create')}
        </button>
      </div>

      {notice.value && (
        <p class="notice" role="status" data-testid="notice">
          {notice.value}
        </p>
      )}

      {form.value && (
        <UserForm
          key={form.value.mode === 'edit' ? form.value.user.id : 'new'}
          target={form.value}
          onCancel={() => (form.value = null)}
          onDone={(user) => {
            notice.value = t(form.value?.mode === 'create' ? 'label.userCreated' : 'label.userSaved', { username: user.username });
            form.value = null;
            reload();
          }}
        />
      )}

      <ProblemMessage problem={problem} onRetry={reload} />
      {!data && loading && <p class="note">{t('label.loading')}</p>}
      {data && (
        <>
          <div class="table-wrap">
            <table class="data users-table" data-testid="users-table" aria-busy={loading}>
              <thead>
                <tr>
                  <th>{t('label.username')}</th>
                  <th>{t('label.displayName')}</th>
                  <th>{t('label.depot')}</th>
                  <th>{t('label.roles')}</th>
                  <th>{t('label.status')}</th>
                  <th>{t('label.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.length === 0 && (
                  <tr>
                    <td colSpan={6} class="empty" data-testid="users-empty">
                      {t('label.empty')}
                    </td>
                  </tr>
                )}
                {data.items.map((user) => (
                  <UserRow
                    key={user.id}
                    user={user}
                    asking={confirming.value?.user.id === user.id ? confirming.value.action : null}
                    failed={rowProblem.value?.userId === user.id ? rowProblem.value.problem : null}
                    working={working.value}
                    onEdit={() => {
                      notice.value = null;
                      form.value = { mode: 'edit', user };
                    }}
                    onAsk={(action) => {
                      rowProblem.value = null;
                      confirming.value = action ? { user, action } : null;
                    }}
                    onConfirm={(action) => void confirm({ user, action })}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => navigate(paths.users(depotId, withQuery(query, { page: p })))} />
        </>
      )}
    </section>
  );
}

type Action = Pending['action'];

function UserRow(props: {
  user: User;
  asking: Action | null;
  failed: ApiProblem | null;
  working: boolean;
  onEdit: () => void;
  onAsk: (action: Action | null) => void;
  onConfirm: (action: Action) => void;
}) {
  const { user, asking, failed } = props;
  return (
    <tr data-testid="user-row" data-username={user.username} data-active={String(user.active)} class={user.active ? '' : 'inactive'}>
      <td class="code">{user.username}</td>
      <td>{user.displayName}</td>
      <td>{user.depotName}</td>
      <td>
        <span class="chips">
          {user.roles.map((role) => (
            <span key={role} class="chip" data-role={role}>
              {t(`role.${role}`)}
            </span>
          ))}
        </span>
      </td>
      <td>
        <span class={user.active ? 'status active' : 'status inactive'} data-testid="user-status">
          {user.active ? t('label.active') : t('label.inactive')}
        </span>
      </td>
      <td>
        <div class="row-actions">
          {asking ? (
            <div class="confirm" role="group" data-testid="user-confirm">
              <span>{t(asking === 'deactivate' ? 'label.confirmDeactivate' : 'label.confirmReactivate', { name: user.displayName })}</span>
              <button type="button" class="button small danger" data-testid="confirm-yes" disabled={props.working} onClick={() => props.onConfirm(asking)}>
                {t('button.confirm')}
              </button>
              <button type="button" class="button small" data-testid="confirm-no" onClick={() => props.onAsk(null)}>
                {t('button.cancel')}
              </button>
            </div>
          ) : (
            <>
              <button type="button" class="button small" data-testid="user-edit" onClick={props.onEdit}>
                {t('button.edit')}
              </button>
              {user.active ? (
                <button type="button" class="button small danger-outline" data-testid="user-deactivate" onClick={() => props.onAsk('deactivate')}>
                  {t('button.deactivate')}
                </button>
              ) : (
                <button type="button" class="button small" data-testid="user-reactivate" onClick={() => props.onAsk('reactivate')}>
                  {t('button.reactivate')}
                </button>
              )}
            </>
          )}
          {failed && <ProblemMessage problem={failed} testid="user-row-problem" />}
        </div>
      </td>
    </tr>
  );
}
