/**
 * What a share link lets its viewer see, as filters and as request checks (client- and
 * server-safe, pure).
 *
 * - `shareFilters` turns a link's locked scope into the report filters its page renders
 *   (and the server prefetches) — the same queries, hence the same query keys, on both sides.
 * - `checkShareMetricRequest` / `checkShareViewRequest` decide whether one request to the
 *   share-scoped API is within the link: exactly the scope's source (or, under "all", one of
 *   the sources for the per-source charts), team, agent, days, granularity and comparison; a
 *   metric or table the link's page shows. Anything else is refused, never widened or
 *   silently narrowed, so a hand-edited URL gets a clear 403 instead of other data.
 *
 * Rolling ranges are resolved against "today" in the reporting time zone at request time.
 * Callers pass today and yesterday: a page opened just before midnight keeps working until the
 * next one (its widgets ask for the window resolved when it was rendered), and the window a day
 * earlier is one the link showed anyway.
 */
import { daysInclusive } from "@/lib/dates";
import {
  ALL_SOURCES_NAME,
  allowedGranularities,
  type ScopedFilters,
  type SourceScope,
} from "@/lib/filters";
import type { MetricParams } from "@/lib/api/metric-params";
import type { Granularity, SourceId, SourceInfo } from "@/lib/metrics/types";
import { PAGE_VIEWS, type ReportView } from "@/lib/queries/pages";
import { resolveShareGranularity, resolveShareRange, shareMetrics, type ShareScope } from "./scope";

/** A request within the link, or why not (the message of a 403 `not_allowed_by_link`). */
export type ShareCheck = { ok: true } | { ok: false; message: string };

const allowed: ShareCheck = { ok: true };
const refuse = (message: string): ShareCheck => ({ ok: false, message });

/** The days and granularity a link shows when viewed on `today`. */
export function shareWindow(
  scope: Pick<ShareScope, "range" | "granularity">,
  today: string,
): { from: string; to: string; granularity: Granularity } {
  const range = resolveShareRange(scope, today);
  return { ...range, granularity: resolveShareGranularity(scope, range) };
}

/**
 * The report filters of a link's page.
 * @param sources the configured sources as the page may show them (already scrubbed)
 * @param today `YYYY-MM-DD` in the reporting time zone
 * @param agent the agent id the page asks with: the scope's, or its pseudonym when the link
 *   hides agent names (null when the scope has none)
 * @returns null when the scope's source is no longer configured
 */
export function shareFilters(
  scope: ShareScope,
  sources: readonly SourceInfo[],
  today: string,
  agent: string | null,
): ScopedFilters | null {
  let sourceScope: SourceScope;
  if (scope.source === "all") {
    if (sources.length === 0) return null;
    sourceScope = { id: "all", name: ALL_SOURCES_NAME, sources: [...sources], single: null };
  } else {
    const single = sources.find((s) => s.id === scope.source);
    if (!single) return null;
    sourceScope = { id: single.id, name: single.name, sources: [single], single };
  }
  const { from, to, granularity } = shareWindow(scope, today);
  return {
    scope: sourceScope,
    group: sourceScope.single === null ? null : scope.group,
    agent: sourceScope.single === null ? null : agent,
    range: scope.range.kind === "rolling" ? scope.range.preset : "custom",
    from,
    to,
    days: daysInclusive(from, to),
    granularity,
    allowed: allowedGranularities(from, to),
    compare: scope.compare,
    metrics: shareMetrics(scope),
  };
}

function checkDays(
  scope: ShareScope,
  q: { from: string; to: string },
  todays: readonly string[],
  granularity?: Granularity,
): ShareCheck {
  const windows = todays.map((t) => shareWindow(scope, t));
  const sameDays = windows.filter((w) => w.from === q.from && w.to === q.to);
  if (sameDays.length === 0) {
    const w = windows[0];
    return refuse(
      w ? `this link shows ${w.from} to ${w.to} only` : "this link shows other days only",
    );
  }
  if (granularity !== undefined && !sameDays.some((w) => w.granularity === granularity)) {
    return refuse(`this link shows ${sameDays[0]?.granularity ?? "other"} buckets only`);
  }
  return allowed;
}

const show = (value: string | null) => (value === null ? "none" : `"${value}"`);

/**
 * Whether a metric request (parsed by `parseMetricParams`, the agent already mapped back from
 * its pseudonym) is within the link when viewed on one of `todays`.
 */
export function checkShareMetricRequest(
  scope: ShareScope,
  p: MetricParams,
  todays: readonly string[],
): ShareCheck {
  if (!shareMetrics(scope).includes(p.metric)) {
    return refuse(`this link does not show ${p.metric}`);
  }
  if (p.tz !== undefined) return refuse("the time zone is fixed by this link: leave out tz");
  if (p.source === undefined) return refuse(`this link shows source=${scope.source} only`);
  if (p.source !== scope.source) {
    // Under "all", charts that cannot combine sources ask each source on its own (no team or
    // agent can be set under "all", so these are the very same figures, one source at a time).
    const perSource = scope.source === "all" && p.source !== "all";
    if (!perSource) return refuse(`this link shows source=${scope.source} only`);
  }
  if (p.group !== scope.group) return refuse(`this link shows team ${show(scope.group)} only`);
  if (p.agent !== scope.agent) {
    return refuse(
      scope.agent === null ? "this link has no agent filter" : "this link shows one agent only",
    );
  }
  if (p.compare !== scope.compare) {
    return refuse(
      scope.compare
        ? "this link compares with the previous period: add compare=previous"
        : "this link shows no comparison: leave out compare",
    );
  }
  return checkDays(scope, p, todays, p.granularity);
}

/** The tables and lists a share-scoped endpoint may serve, with their query. */
export interface ShareViewRequest {
  view: ReportView;
  source?: SourceId;
  from: string;
  to: string;
  group?: string;
}

/**
 * Whether a table or list request (parsed by the app's `view-params` schemas) is within the
 * link when viewed on one of `todays`. Paging and the ticket list's status filter stay free:
 * they only page through or narrow what the link shows.
 */
export function checkShareViewRequest(
  scope: ShareScope,
  q: ShareViewRequest,
  todays: readonly string[],
): ShareCheck {
  const views: readonly ReportView[] = PAGE_VIEWS[scope.page];
  if (!views.includes(q.view)) return refuse(`this link's page has no ${q.view} table`);
  if (scope.source === "all") return refuse("this link combines sources: it has no tables");
  if (q.source !== scope.source) return refuse(`this link shows source=${scope.source} only`);
  if ((q.group ?? null) !== scope.group) {
    return refuse(`this link shows team ${show(scope.group)} only`);
  }
  // The page shows these two only without an agent filter (they cannot filter by agent).
  if ((q.view === "occupancy" || q.view === "tickets") && scope.agent !== null) {
    return refuse("this link shows one agent only");
  }
  return checkDays(scope, q, todays);
}
