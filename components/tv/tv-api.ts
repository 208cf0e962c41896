/**
 * The TV's requests to its token-scoped API (client-safe). Every answer keeps the server's
 * clock (`Date` header) next to the browser's at receipt, so the age of a number is told in
 * server time: a TV whose clock is off by minutes (they often are) still says "2 min ago".
 */
import { queryOptions } from "@tanstack/react-query";
import { getJson } from "@/lib/queries/metrics";
import type { MetricId } from "@/lib/metrics/types";
import type { BoardView, ScreenConfig } from "@/lib/screens/service";
import type { ScreenRange } from "@/lib/screens/schema";
import type { TileAnswer } from "@/lib/screens/tv";

/** An answer with the clocks at its receipt (epoch ms). */
export interface Timed<T> {
  body: T;
  /** The server's clock when it answered (its `Date` header; 1 s resolution). */
  serverAt: number;
  /** The browser's clock when the answer arrived. */
  receivedAt: number;
}

/** `GET /api/screen/{token}`: the screen, its boards, team names, the build the server runs. */
export interface ScreenAnswer {
  screen: ScreenConfig;
  boards: BoardView[];
  /** `"<source>:<team id>" → name` for the boards' teams (those that could be named). */
  teams: Record<string, string>;
  appVersion: string;
}

/** Server time minus browser time (ms), as one answer saw it. */
export function skewOf(timed: Timed<unknown>): number {
  return timed.serverAt - timed.receivedAt;
}

async function getTimed<T>(url: string, signal: AbortSignal): Promise<Timed<T>> {
  let dateHeader: string | null = null;
  const body = await getJson<T>(url, signal, (res) => {
    dateHeader = res.headers.get("date");
  });
  const receivedAt = Date.now();
  const serverAt = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
  return { body, serverAt: Number.isNaN(serverAt) ? receivedAt : serverAt, receivedAt };
}

const base = (token: string) => `/api/screen/${encodeURIComponent(token)}`;

/** The query key of the screen's configuration. */
export const configKey = (token: string) => ["tv", "config", token] as const;

/**
 * The screen's configuration, refetched every refresh (its own interval, as last read), so
 * edits, a revocation or a replaced link reach the TV within one refresh.
 */
export function screenConfigQuery(token: string) {
  return queryOptions({
    queryKey: configKey(token),
    queryFn: ({ signal }) => getTimed<ScreenAnswer>(base(token), signal),
    refetchInterval: (query) => (query.state.data?.body.screen.refreshSeconds ?? 30) * 1000,
  });
}

/** One tile's numbers, refetched every refresh while its board is on screen. */
export function tileQuery(
  token: string,
  boardId: string,
  metric: MetricId,
  range: ScreenRange,
  refreshMs: number,
) {
  const query = new URLSearchParams({ board: boardId, range });
  return queryOptions({
    queryKey: ["tv", "tile", token, boardId, metric, range] as const,
    queryFn: ({ signal }) =>
      getTimed<TileAnswer>(`${base(token)}/metrics/${metric}?${query.toString()}`, signal),
    refetchInterval: refreshMs,
    // A board that comes back within one refresh shows what it had; later, it asks again.
    staleTime: Math.max(0, refreshMs - 1_000),
  });
}

/**
 * Reports that the TV is alive (`POST /api/screen/{token}/heartbeat`) with its build and the
 * errors since the last report. @returns the HTTP status (204 ok; 401/410 switched off), or
 * null when the server could not be reached.
 */
export async function sendHeartbeat(
  token: string,
  version: string,
  errors: readonly string[],
): Promise<number | null> {
  try {
    const res = await fetch(`${base(token)}/heartbeat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ version, errors }),
      keepalive: true,
    });
    return res.status;
  } catch {
    return null;
  }
}
