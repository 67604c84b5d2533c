import type { World } from './world.ts';
import { PASSWORD } from './world.ts';

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A logged-in API user driving the app in-process through app.request(), cookie and CSRF token included. */
export interface Client {
  username: string;
  csrf: string;
  cookie: string;
  get<T = any>(path: string): Promise<Answer<T>>;
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer<T>>;
  patch<T = any>(path: string, body?: unknown): Promise<Answer<T>>;
  raw(path: string, init: RequestInit): Promise<Answer>;
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body, headers: res.headers };
}

export async function loginAs(world: World, username: string, password = PASSWORD): Promise<Client> {
  const res = await world.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const me = (await res.json()) as { csrfToken: string };
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    Promise.resolve(
      world.app.request(path, {
        method,
        headers: { cookie, 'x-csrf-token': me.csrfToken, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      }),
    ).then(answer);
  return {
    username,
    csrf: me.csrfToken,
    cookie,
    get: (path) => Promise.resolve(world.app.request(path, { headers: { cookie } })).then(answer),
    post: (path, body, headers) => send('POST', path, body, headers),
    patch: (path, body) => send('PATCH', path, body),
    raw: (path, init) =>
      Promise.resolve(world.app.request(path, { ...init, headers: { cookie, 'x-csrf-token': me.csrfToken, ...(init.headers as Record<string, string>) } })).then(answer),
  };
}

export async function anonymous(world: World, path: string, init: RequestInit = {}): Promise<Answer> {
  return answer(await world.app.request(path, init));
}
