/**
 * Wraps a route handler so it runs only for a signed-in user (next-auth JWT session) and so
 * every failure becomes our error envelope. The session is checked here, in the handler,
 * never only in `proxy`.
 *
 * A dashboard or TV refreshes many widgets with the same session cookie, and decrypting it
 * (key derivation + JWE) is the largest cost of a cached answer. A session verified by
 * next-auth is therefore remembered for 10 s under a hash of the exact cookie value. Only
 * verified sessions are remembered; a changed or forged cookie is never found there. A
 * session that expires is accepted for at most 10 s past its last verification: in route
 * handlers `getServerSession` drops `expires` from the session, so the memo cannot stop at it.
 */
import "server-only";
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { getServerSession, type Session } from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "../auth";
import { errorJson, toErrorResponse } from "./errors";

const REMEMBER_MS = 10_000;
const verified = new LRUCache<string, Session>({
  max: 10_000,
  ttl: REMEMBER_MS,
  // The wall clock read on every check (lru-cache otherwise captures performance.now at load
  // and caches readings for 1 ms): cheap, and testable with fake timers.
  perf: { now: () => Date.now() },
  ttlResolution: 0,
});

/** The session cookie(s) of a request (next-auth splits large tokens into `.0`, `.1`…). */
function sessionCookieKey(request: NextRequest): string | null {
  const parts = request.cookies
    .getAll()
    .filter((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(c.name))
    .map((c) => `${c.name}=${c.value}`)
    .sort();
  if (parts.length === 0) return null;
  return createHash("sha256").update(parts.join(";")).digest("hex");
}

async function sessionOf(request: NextRequest): Promise<Session | null> {
  const key = sessionCookieKey(request);
  if (key === null) return null;
  const known = verified.get(key);
  if (known) return known;
  const session = await getServerSession(authOptions);
  if (session) verified.set(key, session);
  return session;
}

export function withSession<C>(
  handler: (request: NextRequest, context: C, session: Session) => Promise<Response>,
) {
  return async (request: NextRequest, context: C): Promise<Response> => {
    try {
      const session = await sessionOf(request);
      if (!session) return errorJson(401, "unauthenticated", "Sign in to use the Chatlens API.");
      return await handler(request, context, session);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
