import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { isIP } from 'node:net';

export interface Client {
  /** The client's IP address; undefined without a socket (app.request() in tests). */
  address: string | undefined;
  /** Whether the client's own request was HTTPS (to the proxy, when one is trusted). */
  https: boolean;
}

/**
 * Who sent the request. Without a trusted proxy: the socket's peer, and the scheme the server
 * itself was reached by. With `trustProxy` (TRUST_PROXY=true) the server listens on 127.0.0.1
 * behind one reverse proxy that appends the peer it saw to X-Forwarded-For and sets
 * X-Forwarded-Proto (docs/deploy/nginx.conf): the right-most entry is the proxy's, those left
 * of it came from the client and may be forged. Example: `X-Forwarded-For: 10.1.1.1, 203.0.113.7`
 * → 203.0.113.7. A request that did not pass the proxy (a local health probe) has neither header.
 */
export function clientAddress(c: Context, trustProxy: boolean): Client {
  const socket = socketAddress(c);
  const direct = { address: socket, https: new URL(c.req.url).protocol === 'https:' };
  if (!trustProxy) return direct;
  const forwardedFor = lastEntry(c.req.header('x-forwarded-for'));
  const forwardedProto = lastEntry(c.req.header('x-forwarded-proto'))?.toLowerCase();
  return {
    address: forwardedFor !== undefined && isIP(forwardedFor) ? forwardedFor : socket,
    https: forwardedProto === undefined ? direct.https : forwardedProto === 'https',
  };
}

function lastEntry(header: string | undefined): string | undefined {
  const entry = header?.split(',').at(-1)?.trim();
  return entry ? entry : undefined;
}

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // app.request() in tests: no socket
  }
}
