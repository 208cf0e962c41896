/**
 * The one place Chatlens talks HTTP to an upstream vendor.
 *
 * Every call: has a timeout (AbortSignal.timeout), never follows redirects (a redirect to
 * another host would carry Rocket.Chat's `X-Auth-Token` along), parses JSON itself, validates
 * the body with the caller's zod schema, and maps every failure to a typed `UpstreamError`.
 * Error messages carry the endpoint and the upstream's own error text, never credentials: an
 * upstream that echoes the key or token it was sent ("invalid token abc…") has it redacted, since
 * the message reaches the browser in the error envelope (lib/api/errors.ts).
 */
import "server-only";
import type { z } from "zod";
import { UpstreamError, kindForStatus, parseRetryAfter, type UpstreamVendor } from "./errors";

export interface UpstreamRequest<S extends z.ZodType> {
  vendor: UpstreamVendor;
  method: "GET" | "POST";
  /** Base URL without trailing slash, e.g. `https://api.livechatinc.com` or `https://chat.example.com`. */
  baseUrl: string;
  /** Path with already-encoded segments, e.g. `/reports/chats/total_chats`. */
  path: string;
  /** Array values repeat the key (`tag[]=a&tag[]=b`). */
  query?: Record<string, string | readonly string[] | undefined>;
  headers: Record<string, string>;
  jsonBody?: unknown;
  timeoutMs: number;
  schema: S;
  /** Extracts the vendor's error text from a parsed error body. */
  describeError: (body: unknown) => string | undefined;
  /** Sees every answer's status and headers (rate-limit bookkeeping), before the body is read. */
  observe?: (status: number, headers: Headers) => void;
}

/** A validated upstream answer and its size in bytes (the cache bounds its memory by it). */
export interface UpstreamAnswer<T> {
  value: T;
  bytes: number;
}

const VENDOR_NAME: Record<UpstreamVendor, string> = {
  livechat: "LiveChat",
  rocketchat: "Rocket.Chat",
};

function retryAfterSeconds(headers: Headers): number | undefined {
  const fromHeader = parseRetryAfter(headers.get("retry-after"));
  if (fromHeader !== undefined) return fromHeader;
  // Rocket.Chat sends X-RateLimit-Reset as an absolute epoch in milliseconds, not seconds.
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (Number.isFinite(reset) && reset > 0)
    return Math.max(0, Math.ceil((reset - Date.now()) / 1000));
  return undefined;
}

function summariseIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}

/** The credential strings a request carries (header values and a Basic header's decoded parts). */
function credentialsOf(headers: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower !== "authorization" && lower !== "x-auth-token") continue;
    found.push(value);
    const basic = /^Basic\s+(\S+)$/i.exec(value)?.[1];
    if (basic) {
      const decoded = Buffer.from(basic, "base64").toString("utf8");
      found.push(basic, decoded, decoded.slice(decoded.indexOf(":") + 1));
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(value)?.[1];
    if (bearer) found.push(bearer);
  }
  // Longest first, so a whole header goes before its parts; very short values are not secrets
  // worth mangling the message for.
  return found.filter((v) => v.length >= 8).sort((a, b) => b.length - a.length);
}

/** `text` with every credential of the request replaced by `[redacted]`. */
export function redactCredentials(text: string, headers: Record<string, string>): string {
  let out = text;
  for (const secret of credentialsOf(headers)) out = out.split(secret).join("[redacted]");
  return out;
}

/** `GET /chats/<id>`: the endpoint of a request, with ids and logins masked (safe to log). */
export function endpointOf(method: string, path: string): string {
  return `${method} ${path.replace(/\/[^/]*@[^/]*$/, "/<login>").replace(/^\/chats\/[^/]+$/, "/chats/<id>")}`;
}

/**
 * Performs one upstream request and returns the validated body.
 * @throws UpstreamError for every failure (HTTP status, timeout, network, JSON, shape).
 */
export async function requestJson<S extends z.ZodType>(
  req: UpstreamRequest<S>,
): Promise<z.output<S>> {
  return (await fetchUpstream(req)).value;
}

/**
 * Like `requestJson`, also returning the body's size.
 * @throws UpstreamError
 */
export async function fetchUpstream<S extends z.ZodType>(
  req: UpstreamRequest<S>,
): Promise<UpstreamAnswer<z.output<S>>> {
  const endpoint = endpointOf(req.method, req.path);
  const vendorName = VENDOR_NAME[req.vendor];
  const url = new URL(req.baseUrl + req.path);
  for (const [k, v] of Object.entries(req.query ?? {})) {
    if (v === undefined) continue;
    if (typeof v === "string") url.searchParams.set(k, v);
    else for (const item of v) url.searchParams.append(k, item);
  }

  const fail = (
    init: Omit<ConstructorParameters<typeof UpstreamError>[0], "vendor" | "endpoint">,
  ) => new UpstreamError({ vendor: req.vendor, endpoint, ...init });

  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method,
      headers: {
        accept: "application/json",
        ...(req.jsonBody === undefined ? {} : { "content-type": "application/json" }),
        ...req.headers,
      },
      body: req.jsonBody === undefined ? undefined : JSON.stringify(req.jsonBody),
      redirect: "manual",
      signal: AbortSignal.timeout(req.timeoutMs),
      cache: "no-store",
    });
  } catch (cause) {
    const name = cause instanceof Error ? cause.name : "";
    if (name === "TimeoutError" || name === "AbortError") {
      throw fail({
        kind: "timeout",
        message: `${vendorName} did not answer ${endpoint} within ${req.timeoutMs} ms`,
        cause,
      });
    }
    throw fail({
      kind: "network",
      message: `${vendorName} could not be reached (${endpoint})`,
      cause,
    });
  }

  req.observe?.(res.status, res.headers);
  let text: string;
  try {
    text = await res.text();
  } catch (cause) {
    const name = cause instanceof Error ? cause.name : "";
    throw fail({
      kind: name === "TimeoutError" || name === "AbortError" ? "timeout" : "network",
      message: `${vendorName} broke off the answer to ${endpoint}`,
      status: res.status,
      cause,
    });
  }

  if (res.status >= 300 && res.status < 400) {
    throw fail({
      kind: "unexpected_shape",
      status: res.status,
      message: `${vendorName} answered ${endpoint} with a redirect (${res.status}); redirects are not followed`,
    });
  }

  let body: unknown;
  let jsonOk = true;
  try {
    body = text.length === 0 ? undefined : JSON.parse(text);
  } catch {
    jsonOk = false;
  }

  if (!res.ok) {
    const described = jsonOk ? req.describeError(body) : undefined;
    const detail = described === undefined ? undefined : redactCredentials(described, req.headers);
    throw fail({
      kind: kindForStatus(res.status),
      status: res.status,
      retryAfterSeconds: retryAfterSeconds(res.headers),
      message: `${vendorName} answered ${endpoint} with ${res.status}${detail ? `: ${detail.slice(0, 200)}` : ""}`,
    });
  }
  if (!jsonOk || body === undefined) {
    throw fail({
      kind: "invalid_json",
      status: res.status,
      message: `${vendorName} sent a body that is not JSON for ${endpoint}`,
    });
  }
  const parsed = req.schema.safeParse(body);
  if (!parsed.success) {
    throw fail({
      kind: "unexpected_shape",
      status: res.status,
      message: `${vendorName} sent an unexpected shape for ${endpoint}: ${summariseIssues(parsed.error)}`,
      cause: parsed.error,
    });
  }
  return { value: parsed.data, bytes: text.length };
}
