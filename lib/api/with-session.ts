/**
 * Wraps a route handler so it runs only for a signed-in user (next-auth JWT session) and so
 * every failure becomes our error envelope. The session is checked here, in the handler,
 * never only in `proxy`.
 */
import "server-only";
import { getServerSession, type Session } from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "../auth";
import { errorJson, toErrorResponse } from "./errors";

export function withSession<C>(
  handler: (request: NextRequest, context: C, session: Session) => Promise<Response>,
) {
  return async (request: NextRequest, context: C): Promise<Response> => {
    try {
      const session = await getServerSession(authOptions);
      if (!session) return errorJson(401, "unauthenticated", "Sign in to use the Chatlens API.");
      return await handler(request, context, session);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
