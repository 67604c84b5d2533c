import { describe, it, expect } from 'vitest';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { clientAddress } from '../../server/http/client-address.ts';
import { readEnv } from '../../server/env.ts';

const app = (trustProxy: boolean) => new Hono().get('/who', (c) => c.json(clientAddress(c, trustProxy)));
/** The bindings @hono/node-server passes: the request's socket. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

async function who(trustProxy: boolean, headers: Record<string, string> = {}, peer = '127.0.0.1', url = 'http://localhost/who') {
  const res = await app(trustProxy).request(url, { headers }, from(peer));
  expect(res.status).toBe(200);
  return res.json();
}

describe('the client of a request', () => {
  it('is the socket’s peer, and the forwarded headers are ignored, unless TRUST_PROXY', async () => {
    expect(await who(false, { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' }, '198.51.100.2')).toEqual({ address: '198.51.100.2', https: false });
  });

  it('behind the trusted proxy is the right-most X-Forwarded-For entry, the one the proxy added', async () => {
    expect(await who(true, { 'x-forwarded-for': '10.1.1.1, 203.0.113.7', 'x-forwarded-proto': 'https' })).toEqual({ address: '203.0.113.7', https: true });
    expect(await who(true, { 'x-forwarded-for': '2001:db8::5', 'x-forwarded-proto': 'http' })).toEqual({ address: '2001:db8::5', https: false });
  });

  it('behind the trusted proxy falls back to the socket for a request that did not pass the proxy or an entry that is no address', async () => {
    expect(await who(true)).toEqual({ address: '127.0.0.1', https: false });
    expect(await who(true, { 'x-forwarded-for': '203.0.113.7, unknown' })).toEqual({ address: '127.0.0.1', https: false });
  });

  it('is HTTPS when the server itself was reached by HTTPS', async () => {
    expect(await who(false, {}, '127.0.0.1', 'https://localhost/who')).toEqual({ address: '127.0.0.1', https: true });
  });

  it('has no address in app.request() without a socket', async () => {
    const res = await app(true).request('/who', { headers: { 'x-forwarded-proto': 'https' } });
    expect(await res.json()).toEqual({ https: true });
  });

  it('is the loopback peer on a real socket', async () => {
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app(false).fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/who`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ address: '127.0.0.1', https: false });
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('trusts the proxy only when TRUST_PROXY=true', () => {
    expect(readEnv({}).TRUST_PROXY).toBe(false);
    expect(readEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(() => readEnv({ TRUST_PROXY: 'yes' })).toThrow();
  });
});
