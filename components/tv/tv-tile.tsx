"use client";

import { useQuery } from "@tanstack/react-query";
import { formatDuration, formatValue } from "@/lib/format";
import { METRICS } from "@/lib/metrics/definitions";
import type { MetricUnit } from "@/lib/metrics/types";
import type { BoardTile, GoalStatus, ScreenRange } from "@/lib/screens/schema";
import { formatAge, tileDelta, type TileDelta } from "@/lib/screens/tv";
import { errorMessage } from "@/components/ui/widget-states";
import { Sparkline } from "./sparkline";
import { tileQuery } from "./tv-api";

const STATUS_TEXT: Record<GoalStatus, string> = {
  green: "On goal",
  amber: "Near goal",
  red: "Off goal",
};

const STATUS_CLASS: Record<GoalStatus, string> = {
  green: "border-[var(--tv-green)] bg-[var(--tv-green-soft)]",
  amber: "border-[var(--tv-amber)] bg-[var(--tv-amber-soft)]",
  red: "border-[var(--tv-red)] bg-[var(--tv-red-soft)]",
};

const DOT_CLASS: Record<GoalStatus, string> = {
  green: "bg-[var(--tv-green)]",
  amber: "bg-[var(--tv-amber)]",
  red: "bg-[var(--tv-red)]",
};

function goalText(tile: BoardTile, unit: MetricUnit): string | null {
  if (!tile.goal) return null;
  const lower = METRICS[tile.metric].direction === "lower_is_better";
  const cmp = lower ? "≤" : "≥";
  const fmt = (v: number) => (unit === "seconds" ? formatDuration(v) : formatValue(v, unit));
  return `Goal ${cmp} ${fmt(tile.goal.green)} · amber ${cmp} ${fmt(tile.goal.amber)}`;
}

function DeltaLine({ delta, tile }: { delta: TileDelta; tile: BoardTile }) {
  const { change } = delta;
  if (change === null) {
    return <span className="text-muted">— {delta.label}</span>;
  }
  const direction = METRICS[tile.metric].direction;
  const up = change.delta > 0;
  const flat = change.delta === 0;
  const good = flat || direction === "neutral" ? null : (direction === "higher_is_better") === up;
  const text =
    change.kind === "points"
      ? `${up ? "+" : ""}${change.delta.toFixed(1)} pt`
      : `${up ? "+" : ""}${Math.round(change.delta * 100)}%`;
  const colour = good === null ? "text-muted" : good ? "text-positive" : "text-negative";
  return (
    <span>
      <span className={`font-semibold ${colour}`}>
        <span aria-hidden="true">{flat ? "■" : up ? "▲" : "▼"}</span> {text}
      </span>{" "}
      <span className="text-muted">{delta.label}</span>
    </span>
  );
}

/**
 * One large KPI tile of a TV board: the metric's value over the board's range, its change
 * against the previous period (for "today": today so far against the same hours of last
 * week's same day), its goal colour (with words, not colour alone), a small trend chart and
 * how old the number is. When a refresh fails — or the server could only answer from its last
 * good copy — the last good value stays, visibly marked stale with its age.
 *
 * `now` is the browser's clock (epoch ms; ages are told in server time from it);
 * `refreshMs` the refresh interval.
 */
export function TvTile({
  token,
  boardId,
  range,
  tile,
  refreshMs,
  now,
}: {
  token: string;
  boardId: string;
  range: ScreenRange;
  tile: BoardTile;
  refreshMs: number;
  now: number;
}) {
  const definition = METRICS[tile.metric];
  const query = useQuery(tileQuery(token, boardId, tile.metric, range, refreshMs));
  const timed = query.data;
  const answer = timed?.body;
  const failed = query.isError;
  const stale = answer !== undefined && (failed || answer.stale === true);
  // Age in server time: the server's clock at receipt, plus what the TV's clock ran since.
  const serverNow = timed ? timed.serverAt + (now - timed.receivedAt) : now;
  const age = answer ? formatAge(Date.parse(answer.fetchedAt), serverNow) : null;
  const status = answer?.status ?? null;
  const goal = goalText(tile, definition.unit);
  const staleReason = failed ? errorMessage(query.error) : (answer?.staleReason ?? null);

  return (
    <article
      data-testid="tv-tile"
      data-metric={tile.metric}
      data-status={status ?? "none"}
      data-stale={stale ? "true" : "false"}
      aria-label={definition.label}
      // A size container: the text below is sized in tile heights (cqh) as well as widths, so
      // a tile reads the same in a 2×1 and a 4×3 layout, on 1080p and 4K alike.
      className={`relative flex min-h-0 min-w-0 [container-type:size] flex-col overflow-hidden rounded-[1.2vmin] border-[0.35vmin] p-[2.5vmin] ${
        status ? STATUS_CLASS[status] : "border-line bg-surface"
      }`}
    >
      <header className="flex shrink-0 items-start justify-between gap-[2cqw]">
        <h2 className="truncate text-[max(14px,min(10cqh,7cqw))] leading-tight font-semibold">
          {definition.label}
        </h2>
        {status ? (
          <p
            data-testid="tv-goal-status"
            className="flex shrink-0 items-center gap-[1cqw] text-[max(12px,min(7cqh,4.2cqw))] font-semibold"
          >
            <span aria-hidden="true" className={`size-[0.8em] rounded-full ${DOT_CLASS[status]}`} />
            {STATUS_TEXT[status]}
          </p>
        ) : null}
      </header>

      {answer === undefined ? (
        <div className="flex flex-1 flex-col justify-center">
          {failed ? (
            <p
              className="text-[max(12px,min(7cqh,4cqw))] text-negative"
              data-testid="tv-tile-error"
            >
              No data yet: {errorMessage(query.error)}
            </p>
          ) : (
            <div
              aria-busy="true"
              className="h-[30cqh] w-3/5 animate-pulse rounded-[1cqh] bg-surface-2 motion-reduce:animate-none"
            >
              <span className="sr-only">Loading…</span>
            </div>
          )}
        </div>
      ) : (
        <div className={`flex min-h-0 flex-1 flex-col ${stale ? "opacity-60" : ""}`}>
          <p
            data-testid="tv-value"
            className="shrink-0 text-[max(28px,min(34cqh,19cqw))] leading-none font-bold tracking-tight tabular-nums"
          >
            {formatValue(answer.total.value, definition.unit)}
          </p>
          <p
            data-testid="tv-delta"
            className="mt-[2cqh] shrink-0 truncate text-[max(12px,min(7.5cqh,4.4cqw))] tabular-nums"
          >
            <DeltaLine delta={tileDelta(answer, range, definition.unit)} tile={tile} />
          </p>
          <div className="mt-[2cqh] min-h-0 flex-1">
            <Sparkline
              // Hours still to come today are not zeros: the line stops at the current one.
              buckets={answer.buckets.filter((b) => Date.parse(b.start) <= serverNow)}
              label={`${definition.label}, trend`}
            />
          </div>
        </div>
      )}

      <footer className="mt-[2cqh] flex shrink-0 items-end justify-between gap-[2cqw] text-[max(11px,min(6cqh,3.6cqw))]">
        {stale ? (
          <p
            data-testid="tv-freshness"
            data-stale="true"
            title={staleReason ?? undefined}
            className="flex items-center gap-[0.5em] rounded-[0.4em] bg-[var(--tv-amber-soft)] px-[0.5em] font-semibold text-[var(--tv-amber-text)]"
          >
            <span aria-hidden="true">⚠</span> Stale · {age ?? "no data"}
          </p>
        ) : (
          <p data-testid="tv-freshness" data-stale="false" className="text-muted">
            {age === null ? "Loading…" : `Updated ${age}`}
          </p>
        )}
        {goal ? <p className="truncate text-muted">{goal}</p> : null}
      </footer>
    </article>
  );
}
