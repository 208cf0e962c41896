"use client";

import {
  QueryCache,
  QueryClient,
  QueryClientProvider,
  useQuery,
  useQueryClient,
  type Query,
} from "@tanstack/react-query";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { SOURCE_NAMES } from "@/lib/metrics/definitions";
import { ApiError } from "@/lib/queries/metrics";
import { isRetryable } from "@/lib/queries/retry";
import { isQuietTime, type ScreenTheme } from "@/lib/screens/schema";
import {
  classifyFailure,
  keepError,
  rangeTitle,
  reloadReason,
  tileGrid,
  type ReloadReason,
} from "@/lib/screens/tv";
import type { BoardView } from "@/lib/screens/service";
import { errorMessage } from "@/components/ui/widget-states";
import {
  configKey,
  screenConfigQuery,
  sendHeartbeat,
  skewOf,
  type ScreenAnswer,
  type Timed,
} from "./tv-api";
import { TvMessage, type TvStopReason } from "./tv-message";
import { TvTile } from "./tv-tile";

/** How often the clock and the ages on screen move on (ms). */
const TICK_MS = 5_000;
/** How often the TV checks whether it should reload itself (ms). */
const RELOAD_CHECK_MS = 60_000;
const RELOADED_FOR_VERSION = "chatlens-tv-reloaded-for-version";
const LAST_RELOAD = "chatlens-tv-last-reload";

export interface TvScreenProps {
  token: string;
  /** The screen as the server read it for this page, or null when it could not (then the TV asks itself). */
  initial: ScreenAnswer | null;
  /** The reporting time zone: the clock and the quiet hours' "back at" are told in it. */
  timeZone: string;
  /** JS heap bound in MiB above which the TV reloads itself. */
  heapLimitMb: number;
  /** This bundle's build (`APP_VERSION`). */
  version: string;
}

interface Stop {
  reason: TvStopReason;
  detail: string;
}

/**
 * A wall-mounted screen: rotates its boards, refreshes every tile on the screen's interval,
 * and runs unattended for weeks.
 *
 * - Its own QueryClient: nothing else of the app shares or grows its cache; tiles of a board
 *   that is not on screen are inactive (no refetch) and dropped after 10 minutes.
 * - Revoked, replaced or invalid link (410/401 on any request, at the latest the screen's own
 *   configuration on the next refresh): everything stops and a whole-screen message says why.
 * - Failures keep the last good numbers, marked stale with their age, plus a banner naming
 *   what is down (our server, or LiveChat / Rocket.Chat); the next refresh recovers by itself.
 * - Heartbeat every refresh with the build and the errors since the last one.
 * - Reloads itself (only after the server answered) when the heap passes its bound, after a
 *   deploy, and daily when its quiet hours begin (see `reloadReason`).
 */
export function TvScreen(props: TvScreenProps) {
  const [stop, setStop] = useState<Stop | null>(null);
  const [errors] = useState(() => new ErrorLog());
  const [client] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({
          onError: (error, query) => {
            const kind = classifyFailure(error);
            if (kind === "switched_off" || kind === "invalid") {
              setStop({ reason: kind, detail: errorMessage(error) });
              return;
            }
            errors.add(`${describeQuery(query)}: ${errorMessage(error)}`);
          },
        }),
        defaultOptions: {
          queries: {
            // One quick second try for a blip (5xx or no answer); the next refresh does the rest.
            retry: (failures, error) => failures < 1 && isRetryable(error),
            retryDelay: 2_000,
            gcTime: 10 * 60_000,
            // Hidden (a TV switched to another input, a tab in the back): no polling, no
            // retries. Visible again: whatever is older than one refresh is asked for at once,
            // once — never a burst of queued refreshes.
            refetchOnWindowFocus: true,
            refetchIntervalInBackground: false,
          },
        },
      }),
  );

  useEffect(() => {
    if (!stop) return;
    void client.cancelQueries();
    client.clear();
  }, [stop, client]);

  const theme: ScreenTheme = props.initial?.screen.theme ?? "dark";
  if (stop) return <TvMessage reason={stop.reason} detail={stop.detail} theme={theme} />;
  return (
    <QueryClientProvider client={client}>
      <TvRuntime {...props} errors={errors} />
    </QueryClientProvider>
  );
}

function describeQuery(query: Query<unknown, unknown>): string {
  const key = query.queryKey;
  return key[1] === "tile" ? `tile ${String(key[4])}` : "screen";
}

/** The errors to report with the next heartbeat (newest last, at most 20, repeats folded). */
class ErrorLog {
  private list: string[] = [];
  add(message: string): void {
    this.list = keepError(this.list, message);
  }
  /** Hands over what is kept and forgets it (give it back with `restore` if sending fails). */
  take(): string[] {
    const taken = this.list;
    this.list = [];
    return taken;
  }
  restore(taken: readonly string[]): void {
    this.list = [...taken, ...this.list].slice(-20);
  }
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

type Health =
  { kind: "ok" } | { kind: "app" | "upstream"; message: string; lastGoodAt: number | null };

/**
 * What is down, from the TV's active queries: our server (no answer at all) before the
 * upstream (our server answered that LiveChat / Rocket.Chat did not, or could only serve its
 * last good copy). A string snapshot so `useSyncExternalStore` compares by value.
 */
function healthSnapshot(client: QueryClient): string {
  let app: string | null = null;
  let upstream: string | null = null;
  let lastGoodAt: number | null = null;
  for (const query of client.getQueryCache().getAll()) {
    if (query.queryKey[0] !== "tv" || query.getObserversCount() === 0) continue;
    const { state } = query;
    const body = (state.data as Timed<{ stale?: true; staleReason?: string }> | undefined)?.body;
    let failing = false;
    if (state.status === "error") {
      const kind = classifyFailure(state.error);
      // Our server's own words when it answered (its database is down); none for no answer.
      if (kind === "app_unreachable")
        app ??= state.error instanceof ApiError ? state.error.message : "";
      else if (kind === "upstream") upstream ??= errorMessage(state.error);
      failing = kind === "app_unreachable" || kind === "upstream";
    } else if (body?.stale) {
      upstream ??= body.staleReason ?? "The chat platform is not answering.";
      failing = true;
    }
    if (failing && state.dataUpdatedAt > 0) {
      lastGoodAt =
        lastGoodAt === null ? state.dataUpdatedAt : Math.min(lastGoodAt, state.dataUpdatedAt);
    }
  }
  if (app !== null) return JSON.stringify({ kind: "app", message: app, lastGoodAt });
  if (upstream !== null) return JSON.stringify({ kind: "upstream", message: upstream, lastGoodAt });
  return JSON.stringify({ kind: "ok" });
}

function useHealth(): Health {
  const client = useQueryClient();
  const snapshot = useSyncExternalStore(
    (onChange) => client.getQueryCache().subscribe(onChange),
    () => healthSnapshot(client),
    () => JSON.stringify({ kind: "ok" }),
  );
  return useMemo(() => JSON.parse(snapshot) as Health, [snapshot]);
}

function TvRuntime({
  token,
  initial,
  timeZone,
  heapLimitMb,
  version,
  errors,
}: TvScreenProps & { errors: ErrorLog }) {
  const client = useQueryClient();
  const [loadedAt] = useState(() => Date.now());
  const config = useQuery({
    ...screenConfigQuery(token),
    ...(initial
      ? {
          // Counted as already stale, so the first real answer (with the server's clock) follows at once.
          initialData: { body: initial, serverAt: loadedAt, receivedAt: loadedAt },
          initialDataUpdatedAt: 0,
        }
      : {}),
  });
  const now = useNow(TICK_MS);
  const answer = config.data;
  const screen = answer?.body.screen;
  const boards = answer?.body.boards;
  const refreshMs = (screen?.refreshSeconds ?? 30) * 1000;
  const rotationMs = (screen?.rotationSeconds ?? 60) * 1000;
  const serverNow = now + (answer ? skewOf(answer) : 0);
  const quiet = screen ? isQuietTime(screen.quietHours, serverNow) : false;
  const boardCount = boards?.length ?? 0;

  // Rotation: one board on screen at a time (the others' tiles are unmounted, so they neither
  // refetch nor keep DOM); paused in quiet hours.
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (boardCount <= 1 || quiet) return;
    const id = setInterval(() => setIndex((i) => (i + 1) % boardCount), rotationMs);
    return () => clearInterval(id);
  }, [boardCount, rotationMs, quiet]);

  // Heartbeat: alive, which build, what failed since the last one. A refused heartbeat makes
  // the configuration ask again, whose 401/410 stops the screen with the server's words.
  useEffect(() => {
    const beat = async () => {
      // The browser keeps a timing entry for every request (up to 250 of them, then it stops
      // and keeps those); a TV never reads them, so they go, once per refresh.
      performance.clearResourceTimings();
      performance.clearMarks();
      performance.clearMeasures();
      const sending = errors.take();
      const status = await sendHeartbeat(token, version, sending);
      if (status === 204) return;
      errors.restore(sending);
      if (status === 401 || status === 410) {
        void client.refetchQueries({ queryKey: configKey(token) });
      }
    };
    const previous = readSession(LAST_RELOAD);
    if (previous) {
      errors.add(`reloaded itself: ${previous}`);
      writeSession(LAST_RELOAD, null);
    }
    void beat();
    const id = setInterval(() => void beat(), refreshMs);
    return () => clearInterval(id);
  }, [client, token, version, refreshMs, errors]);

  // Self-healing: reload on a heap bound, after a deploy, daily in quiet hours.
  useEffect(() => {
    let quietBefore = false;
    let busy = false;
    const check = async () => {
      if (busy) return;
      const data = client.getQueryData<Timed<ScreenAnswer>>(configKey(token));
      const quietNow = data
        ? isQuietTime(data.body.screen.quietHours, Date.now() + skewOf(data))
        : false;
      const reason = reloadReason({
        uptimeMs: Date.now() - loadedAt,
        heapUsedBytes: heapUsed(),
        heapLimitBytes: heapLimitMb * 1024 * 1024,
        hasQuietHours: Boolean(data?.body.screen.quietHours),
        quietNow,
        quietBefore,
        serverVersion: data?.body.appVersion ?? null,
        ownVersion: version,
        reloadedForVersion: readSession(RELOADED_FOR_VERSION),
      });
      quietBefore = quietNow;
      if (!reason) return;
      busy = true;
      try {
        await reloadWhenServerAnswers(token, reason, data?.body.appVersion ?? null);
      } finally {
        busy = false;
      }
    };
    const id = setInterval(() => void check(), RELOAD_CHECK_MS);
    return () => clearInterval(id);
  }, [client, token, version, heapLimitMb, loadedAt]);

  const health = useHealth();
  const clock = useMemo(
    () =>
      new Intl.DateTimeFormat("en-GB", {
        timeZone,
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }),
    [timeZone],
  );
  const theme = screen?.theme ?? "dark";

  if (!screen || !boards) {
    return (
      <div
        className={`tv-${theme} fixed inset-0 flex flex-col bg-bg text-fg`}
        data-testid="tv-screen"
      >
        <HealthBanner health={health} refreshMs={refreshMs} connecting />
        <p className="m-auto text-[4vmin] text-muted">Connecting to Chatlens…</p>
      </div>
    );
  }

  if (quiet) {
    return (
      <div
        data-testid="tv-screen"
        data-quiet="true"
        className="fixed inset-0 grid place-items-center bg-black text-[#5b6472]"
      >
        <p className="text-center text-[4vmin]">
          <span className="block text-[10vmin] font-light tabular-nums">
            {clock.format(serverNow)}
          </span>
          {screen.name} · quiet hours until {screen.quietHours?.to}
        </p>
      </div>
    );
  }

  const board: BoardView | undefined = boards[index % Math.max(1, boards.length)];
  return (
    <div
      data-testid="tv-screen"
      data-board={board?.id ?? ""}
      className={`tv-${theme} fixed inset-0 flex flex-col gap-[1.4vmin] bg-bg p-[1.8vmin] text-fg`}
    >
      <header className="flex items-center justify-between gap-[2vmin] text-[max(16px,2.8vmin)]">
        <div className="min-w-0">
          <h1 className="truncate font-semibold" data-testid="tv-board-name">
            {board ? board.name : screen.name}
          </h1>
          <p className="truncate text-[0.75em] text-muted">
            {board
              ? `${rangeTitle(board.range)} · ${board.source === "all" ? "All sources" : SOURCE_NAMES[board.source]}${board.group ? ` · ${answer?.body.teams[`${board.source}:${board.group}`] ?? `team ${board.group}`}` : ""} · ${screen.name}`
              : screen.name}
          </p>
        </div>
        {boards.length > 1 ? (
          <ol className="flex items-center gap-[1vmin]" aria-label="Boards">
            {boards.map((b, i) => (
              <li
                key={b.id}
                aria-current={i === index % boards.length ? "true" : undefined}
                className={`size-[1.4vmin] rounded-full ${i === index % boards.length ? "bg-accent" : "bg-line-strong"}`}
              >
                <span className="sr-only">{b.name}</span>
              </li>
            ))}
          </ol>
        ) : null}
        <p className="text-[1.4em] font-semibold tabular-nums" data-testid="tv-clock">
          {clock.format(serverNow)}
        </p>
      </header>
      <HealthBanner health={health} refreshMs={refreshMs} />
      {board ? (
        <TvBoard key={board.id} token={token} board={board} refreshMs={refreshMs} now={now} />
      ) : (
        <p className="m-auto text-[4vmin] text-muted">
          This screen has no boards any more. Add one on the Screens page.
        </p>
      )}
    </div>
  );
}

function TvBoard({
  token,
  board,
  refreshMs,
  now,
}: {
  token: string;
  board: BoardView;
  refreshMs: number;
  now: number;
}) {
  const { columns, rows } = tileGrid(board.tiles.length);
  return (
    <section
      aria-label={board.name}
      className="grid min-h-0 flex-1 gap-[1.4vmin]"
      style={{
        gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
        gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))`,
      }}
    >
      {board.tiles.map((tile) => (
        <TvTile
          key={tile.metric}
          token={token}
          boardId={board.id}
          range={board.range}
          tile={tile}
          refreshMs={refreshMs}
          now={now}
        />
      ))}
    </section>
  );
}

const TIME = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function HealthBanner({
  health,
  refreshMs,
  connecting = false,
}: {
  health: Health;
  refreshMs: number;
  connecting?: boolean;
}) {
  if (health.kind === "ok") return null;
  const every = `Retrying every ${Math.round(refreshMs / 1000)} s.`;
  const since =
    health.lastGoodAt !== null && !connecting
      ? ` Showing the last good numbers, from ${TIME.format(health.lastGoodAt)}.`
      : "";
  const title =
    health.kind === "app" ? "Chatlens server unreachable." : "The chat platform is not answering.";
  return (
    <div
      role="status"
      data-testid="tv-banner"
      data-kind={health.kind}
      className="flex items-center gap-[1.5vmin] rounded-[1vmin] border-[0.3vmin] border-[var(--tv-amber)] bg-[var(--tv-amber-soft)] px-[2vmin] py-[1vmin] text-[max(14px,2.4vmin)] text-[var(--tv-amber-text)]"
    >
      <span aria-hidden="true" className="text-[1.3em]">
        ⚠
      </span>
      <p>
        <strong>{title}</strong> {health.message ? `${health.message} ` : ""}
        {since} {every}
      </p>
    </div>
  );
}

function heapUsed(): number | null {
  // Chromium only (`performance.memory`); other browsers simply never reload for the heap.
  const memory = (performance as Performance & { memory?: { usedJSHeapSize?: number } }).memory;
  return typeof memory?.usedJSHeapSize === "number" ? memory.usedJSHeapSize : null;
}

function readSession(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeSession(key: string, value: string | null): void {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    // Storage disabled (some kiosk modes): the version guard then relies on the uptime floor.
  }
}

/**
 * Reloads the page, but only once the server answers the screen's own request: reloading
 * while it is down would leave the TV on the browser's error page, which never recovers.
 */
async function reloadWhenServerAnswers(
  token: string,
  reason: ReloadReason,
  serverVersion: string | null,
): Promise<void> {
  try {
    const res = await fetch(`/api/screen/${encodeURIComponent(token)}`, { cache: "no-store" });
    if (!res.ok) return;
  } catch {
    return;
  }
  if (reason === "new_version" && serverVersion) writeSession(RELOADED_FOR_VERSION, serverVersion);
  writeSession(
    LAST_RELOAD,
    reason === "heap"
      ? "JS heap above its bound"
      : reason === "new_version"
        ? "new app version"
        : "daily reload",
  );
  window.location.reload();
}
