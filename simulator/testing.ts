/**
 * Test helpers for the simulator's contract tests: a simulator on an ephemeral port with a
 * frozen clock, and small fetch wrappers that speak each vendor's auth.
 */
import {
  LIVECHAT_SERVICE_API_KEY,
  LIVECHAT_SERVICE_LOGIN,
  ROCKETCHAT_SERVICE_USER,
} from "./accounts";
import { createSimulator, type SimulatorOptions } from "./server";

/** Frozen clock for reproducible tests: history runs 2025-05-12 … 2026-06-15 (UTC days). */
export const TEST_NOW = Date.parse("2026-06-15T14:30:00Z");

export interface RunningSimulator {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts a simulator on an ephemeral port. Unless `opts` say otherwise, the Rocket.Chat rate
 * limiter is off and there is no global latency, whatever the environment says: contract tests
 * check bodies, not pacing.
 */
export async function startSimulator(
  now: number = TEST_NOW,
  opts: Omit<SimulatorOptions, "now"> = {},
): Promise<RunningSimulator> {
  const simulator = createSimulator({
    rocketchatRateLimit: { enabled: false },
    latencyMs: 0,
    ...opts,
    now: () => now,
  });
  const { url } = await simulator.listen(0);
  return { url, close: () => simulator.close() };
}

export interface JsonResponse {
  status: number;
  contentType: string | null;
  body: unknown;
}

export async function fetchJson(url: string, init?: RequestInit): Promise<JsonResponse> {
  const res = await fetch(url, init);
  const text = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get("content-type"),
    body: text === "" ? undefined : JSON.parse(text),
  };
}

export function basicAuth(login: string, apiKey: string): string {
  return `Basic ${Buffer.from(`${login}:${apiKey}`).toString("base64")}`;
}

/** LiveChat v2 request with the owner's credentials and `X-API-Version: 2`, unless overridden. */
export function livechatGet(
  base: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  return fetchJson(`${base}/livechat${path}`, {
    headers: {
      authorization: basicAuth(LIVECHAT_SERVICE_LOGIN, LIVECHAT_SERVICE_API_KEY),
      "x-api-version": "2",
      ...headers,
    },
  });
}

export const SERVICE_HEADERS = {
  "x-user-id": ROCKETCHAT_SERVICE_USER._id,
  "x-auth-token": ROCKETCHAT_SERVICE_USER.authToken,
};

/** Rocket.Chat request, by default as the static service account (a livechat-manager). */
export function rocketchatGet(
  base: string,
  path: string,
  headers: Record<string, string> = SERVICE_HEADERS,
): Promise<JsonResponse> {
  return fetchJson(`${base}/rocketchat${path}`, { headers });
}

export function rocketchatPost(
  base: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse> {
  return fetchJson(`${base}/rocketchat${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

export { fixtureBody } from "../tests/support/fixtures";

/** Narrows an unknown JSON body to a plain object (throws otherwise, failing the test). */
export function asRecord(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw new Error(`not an object: ${JSON.stringify(body)}`);
  return body as Record<string, unknown>;
}
