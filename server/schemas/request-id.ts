/**
 * Request ids, made by the server for each request and by the web app for each call it sends:
 * 12 characters of Crockford's base32 (no I, L, O or U), so that a user can read one aloud or
 * type it from a screenshot without mistaking 0 for O.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REQUEST_ID_LENGTH = 12;

/** A request id from REQUEST_ID_LENGTH random bytes; each byte gives 5 uniform bits (256 is a multiple of 32). */
export function requestIdFrom(random: Uint8Array): string {
  return Array.from(random.subarray(0, REQUEST_ID_LENGTH), (b) => ALPHABET[b & 31]).join('');
}

/**
 * An incoming X-Request-Id (from the web app, or a reverse proxy's own id) is kept only when it
 * is short and plain, so that it stays a searchable token in the logs and on the user's screen.
 */
export const isAcceptableRequestId = (id: string) => /^[\w.:-]{1,64}$/.test(id);
