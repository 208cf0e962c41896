/**
 * Transport-neutral request/response types for the vendor emulations, plus the rule that every
 * body leaves the simulator only after passing the zod schema the app's clients use.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { z } from "zod";

export interface SimRequest {
  method: string;
  /** Path below the vendor prefix, e.g. `/reports/chats/total_chats` (no query string). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined when there was none); `invalidJson` when it did not parse. */
  body: unknown;
  invalidJson: boolean;
  /** The peer's address (`req.socket.remoteAddress`; never X-Forwarded-For), for rate limiting. */
  clientIp?: string;
}

export interface SimResponse {
  status: number;
  body: unknown;
  /** Extra response headers (e.g. Rocket.Chat's `X-RateLimit-*`). */
  headers?: Record<string, string>;
}

/** Thrown when the simulator is about to send a body its own schemas reject: a simulator bug (→ 500). */
export class SimulatorBugError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SimulatorBugError";
  }
}

/** Validates `body` against `schema` and wraps it as a response; sends the original (unstripped) body. */
export function respond(status: number, schema: z.ZodType, body: unknown): SimResponse {
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new SimulatorBugError(
      `response for status ${status} does not match its schema: ${result.error.message}`,
      {
        cause: result.error,
      },
    );
  }
  return { status, body };
}

/** First value of a header (Node joins most duplicates, but some arrive as arrays). */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
