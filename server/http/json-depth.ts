import type { MiddlewareHandler } from 'hono';
import { problemResponse } from './problem.ts';

/** No body of this API nests deeper than a handful of levels; 32 leaves room and stops a parser bomb early. */
export const MAX_JSON_DEPTH = 32;

/**
 * How deep a JSON text nests its objects and arrays, by one pass over the characters (strings
 * skipped); stops counting once past `limit`. Malformed text is left to JSON.parse to refuse.
 */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \\ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) depth--;
  }
  return deepest;
}

/**
 * Refuses a JSON body nested deeper than MAX_JSON_DEPTH (400 json_too_deep) before anything
 * parses it. The text read here is the one the route's validator parses afterwards (Hono keeps it).
 */
export function jsonDepthLimit(): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET' && /^application\/(.+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
      const text = await c.req.text();
      if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return problemResponse(c, 'json_too_deep', 400, `The body nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
    await next();
  };
}
