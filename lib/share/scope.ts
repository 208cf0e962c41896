/**
 * What a share link shows: the locked scope of one report page (client- and server-safe; the
 * Share dialog imports the types and schemas, the server validates with the very same ones).
 *
 * A scope is stored with the link and never taken from the viewer's URL: source, team, agent,
 * metrics and the date range are all locked. The date range is either fixed (two calendar
 * days) or rolling (a `DATE_PRESETS` id such as `last7`, resolved against "today" in the
 * reporting time zone each time the link is viewed).
 */
import { z } from "zod";
import { agentId, checkDateRange } from "@/lib/api/metric-params";
import { DATE_PRESETS, defaultGranularity, isIsoDate, type DatePreset } from "@/lib/dates";
import { allowedGranularities, resolveRange } from "@/lib/filters";
import {
  GRANULARITIES,
  METRIC_IDS,
  SOURCE_SELECTORS,
  type Granularity,
  type MetricId,
} from "@/lib/metrics/types";
import { PAGE_METRICS, REPORT_PAGES } from "@/lib/queries/pages";

/** Default and bounds of a link's lifetime, days. */
export const DEFAULT_EXPIRES_IN_DAYS = 30;
export const MAX_EXPIRES_IN_DAYS = 365;
/** Bounds of a link password, characters. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 200;

const ROLLING_PRESETS = DATE_PRESETS.map((p) => p.id) as [DatePreset, ...DatePreset[]];

/** `YYYY-MM-DD`; a well-formed but impossible day (2024-02-30) is a semantic error (422). */
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "must be a day written YYYY-MM-DD" })
  .refine(isIsoDate, { message: "must be a calendar date" });

export const shareRangeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fixed"), from: isoDay, to: isoDay }).strict(),
  z.object({ kind: z.literal("rolling"), preset: z.enum(ROLLING_PRESETS) }).strict(),
]);
export type ShareRange = z.output<typeof shareRangeSchema>;

/**
 * The locked scope of a link. Rules beyond the shapes (all reported as semantic issues):
 * a team or agent only with a single source (the API refuses them under `all`); metrics a
 * non-empty, duplicate-free subset of the page's metrics; a fixed range `from ≤ to`, at most
 * 366 days, and a granularity that range allows. A rolling range's granularity is checked at
 * view time instead (`resolveShareGranularity`), since e.g. "this month" changes length.
 */
export const shareScopeSchema = z
  .object({
    /** A report page; the chat archive and transcripts are never shareable. */
    page: z.enum(REPORT_PAGES),
    source: z.enum(SOURCE_SELECTORS),
    /** Team id of the source, or null = all teams. */
    group: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "must be a team id (letters, digits, - or _)" })
      .nullable()
      .default(null),
    /** Agent id (LiveChat login or Rocket.Chat username), or null = all agents. */
    agent: agentId.nullable().default(null),
    /** A subset of the page's metrics to show; absent = all of them. */
    metrics: z.array(z.enum(METRIC_IDS)).max(METRIC_IDS.length).optional(),
    range: shareRangeSchema,
    /** null = automatic (`defaultGranularity` of the resolved range). */
    granularity: z.enum(GRANULARITIES).nullable().default(null),
    /** Show the previous period next to the figures. */
    compare: z.boolean().default(true),
    /** Show agents as "Agent 1", "Agent 2"… instead of their names and ids. */
    hideAgentNames: z.boolean().default(false),
  })
  .strict()
  .superRefine((scope, ctx) => {
    if (scope.source === "all" && scope.group !== null) {
      ctx.addIssue({
        code: "custom",
        message: "a team can only be locked for a single source",
        path: ["group"],
      });
    }
    if (scope.source === "all" && scope.agent !== null) {
      ctx.addIssue({
        code: "custom",
        message: "an agent can only be locked for a single source",
        path: ["agent"],
      });
    }
    if (scope.metrics !== undefined) {
      const onPage: readonly string[] = PAGE_METRICS[scope.page];
      if (scope.metrics.length === 0) {
        ctx.addIssue({
          code: "custom",
          message: "metrics must name at least one metric (omit it for all)",
          path: ["metrics"],
        });
      }
      if (new Set(scope.metrics).size !== scope.metrics.length) {
        ctx.addIssue({ code: "custom", message: "metrics has duplicates", path: ["metrics"] });
      }
      const foreign = scope.metrics.filter((m) => !onPage.includes(m));
      if (foreign.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `not on the ${scope.page} page: ${foreign.join(", ")}`,
          path: ["metrics"],
        });
      }
    }
    if (scope.range.kind === "fixed") {
      const days = checkDateRange(scope.range, ctx);
      if (
        days !== null &&
        scope.granularity !== null &&
        !allowedGranularities(scope.range.from, scope.range.to)[scope.granularity]
      ) {
        ctx.addIssue({
          code: "custom",
          message: `${scope.granularity} granularity is not available for ${days} days`,
          path: ["granularity"],
        });
      }
    }
  });

/** A validated scope as stored with a link. */
export type ShareScope = z.output<typeof shareScopeSchema>;
/** What a client may send (defaults not yet applied). */
export type ShareScopeInput = z.input<typeof shareScopeSchema>;

/** `POST /api/share-links` body. */
export const createShareLinkInputSchema = z
  .object({
    scope: shareScopeSchema,
    /** Lifetime in days, 1…365 (default 30). */
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(MAX_EXPIRES_IN_DAYS)
      .default(DEFAULT_EXPIRES_IN_DAYS),
    /** Optional viewer password, 8…200 characters; omit for none. */
    password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH).optional(),
  })
  .strict();
export type CreateShareLinkInput = z.output<typeof createShareLinkInputSchema>;
export type CreateShareLinkRequest = z.input<typeof createShareLinkInputSchema>;

/** `PATCH /api/share-links/{id}` body: a new lifetime counted from now. */
export const renewShareLinkInputSchema = z
  .object({
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(MAX_EXPIRES_IN_DAYS)
      .default(DEFAULT_EXPIRES_IN_DAYS),
  })
  .strict();
export type RenewShareLinkInput = z.output<typeof renewShareLinkInputSchema>;

/**
 * Issue codes that mean "well-formed but not acceptable" (HTTP 422); every other issue
 * (wrong type, unknown key, unknown enum value, bad format) means malformed input (HTTP 400).
 */
const SEMANTIC_CODES = new Set(["custom", "too_small", "too_big", "not_multiple_of"]);

export type InputCheck<T> =
  { ok: true; value: T } | { ok: false; kind: "malformed" | "invalid"; message: string };

/**
 * Validates `raw` with `schema` and classifies a failure: `malformed` (400) when any issue is
 * about the shape, `invalid` (422) when every issue is about values. Messages name the path.
 */
export function checkInput<S extends z.ZodType>(schema: S, raw: unknown): InputCheck<z.output<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues;
  const malformed = issues.some((i) => !SEMANTIC_CODES.has(i.code));
  const message = issues
    .map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ")
    // Zod quotes unknown keys and values verbatim: never hand markup or control characters
    // back, whoever renders the message.
    .replace(
      /[<>&\u0000-\u001f\u007f]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  return { ok: false, kind: malformed ? "malformed" : "invalid", message };
}

/**
 * The days a link shows. Fixed: as stored. Rolling: the preset resolved against `today`
 * (`YYYY-MM-DD` in the reporting time zone, e.g. `todayIn(tz)`), with the report pages' own
 * logic (`resolveRange` of lib/filters.ts), so "last 7 days" moves with time.
 */
export function resolveShareRange(
  scope: Pick<ShareScope, "range">,
  today: string,
): { from: string; to: string } {
  const { range } = scope;
  if (range.kind === "fixed") return { from: range.from, to: range.to };
  return resolveRange(range.preset, null, null, today);
}

/**
 * The granularity to show for `scope` over `range`: the locked one when the range allows it
 * (hour ≤ 7 days, month ≥ 28 days), else the automatic default — as the report pages do.
 */
export function resolveShareGranularity(
  scope: Pick<ShareScope, "granularity">,
  range: { from: string; to: string },
): Granularity {
  const wanted = scope.granularity;
  if (wanted !== null && allowedGranularities(range.from, range.to)[wanted]) return wanted;
  return defaultGranularity(range.from, range.to);
}

/** The metrics a link shows, in the page's display order. */
export function shareMetrics(scope: Pick<ShareScope, "page" | "metrics">): MetricId[] {
  const onPage: readonly MetricId[] = PAGE_METRICS[scope.page];
  const chosen = scope.metrics;
  return chosen === undefined ? [...onPage] : onPage.filter((m) => chosen.includes(m));
}
