import { computed, signal } from '@preact/signals';
import * as api from '../../api.ts';
import { toProblem, type ApiProblem, type Me } from '../../api.ts';
import type { DepotTier, Role } from '../../../../server/schemas/constants.ts';
import { adoptUserLocale } from '../../i18n/index.ts';
import { setDepotTimeZone } from '../../components/datetime.ts';
import { navigate } from '../../router.ts';

export const session = signal<Me | null>(null);
/** True until GET /api/auth/me has told whether a session exists. */
export const booting = signal(true);
/** Why the login screen is shown again: a lost session or an unreachable server. */
export const sessionNotice = signal<ApiProblem | null>(null);

export const isAdmin = computed(() => session.value?.user.roles.includes('admin') ?? false);

export const hasRole = (role: Role) => session.value?.user.roles.includes(role) ?? false;
/** A user writes only at its own depot; the screens offer actions there alone. */
export const atOwnDepot = (depotId: number) => session.value?.depot.id === depotId;
/** Township and village depots dispense to people (the server's default `dispensingTiers`). */
export const dispensesAt = (tier: DepotTier) => tier === 'township' || tier === 'village';
/** Region, city and county inspect goods on receipt (the server's default `goodsInInspectionTiers`). */
export const inspectsOnReceipt = (tier: DepotTier) => !dispensesAt(tier);

const endListeners: (() => void)[] = [];
/** Whose session was lost: the same user logging in again returns to the page they were on. */
let lostUserId: number | null = null;

/** Features register here to drop their cached reads when the session ends. */
export function onSessionEnd(listener: () => void) {
  endListeners.push(listener);
}

function adopt(me: Me) {
  api.setCsrfToken(me.csrfToken);
  adoptUserLocale(me.user.locale);
  setDepotTimeZone(me.timeZone);
  sessionNotice.value = null;
  session.value = me;
}

function end(notice: ApiProblem | null) {
  lostUserId = notice ? (session.value?.user.id ?? null) : null;
  api.setCsrfToken(null);
  for (const listener of endListeners) listener();
  sessionNotice.value = notice;
  session.value = null;
}

api.onSessionLost(() => {
  if (session.value) end(new api.ApiProblem('unauthenticated', 401, ''));
});

export async function boot() {
  try {
    adopt(await api.me());
  } catch (error) {
    const problem = toProblem(error);
    sessionNotice.value = problem.code === 'unauthenticated' ? null : problem;
  } finally {
    booting.value = false;
  }
}

/** Throws the ApiProblem (invalid_credentials, login_throttled, ...) for the form to show. */
export async function logIn(username: string, password: string) {
  const me = await api.login(username, password);
  if (lostUserId !== null && lostUserId !== me.user.id) navigate('#/', { replace: true });
  lostUserId = null;
  adopt(me);
}

export async function logOut() {
  try {
    await api.logout();
  } catch {
    // the session is gone either way
  }
  end(null);
  navigate('#/', { replace: true });
}
