/**
 * Validation of `GET /api/metrics/{metric}` query parameters (client-safe, pure).
 *
 * Strict on purpose: unknown or repeated parameters are refused, so nothing a browser adds
 * can reach an upstream. Failures carry a message that names the parameter.
 */
import { z } from "zod";
import { daysInclusive, defaultGranularity, isIsoDate, isValidTimeZone } from "../dates";
import {
  GRANULARITIES,
  METRIC_IDS,
  SOURCE_SELECTORS,
  type Granularity,
  type MetricId,
  type SourceSelector,
} from "../metrics/types";

export const MAX_RANGE_DAYS = 366;
/** Hourly buckets are fetched one day at a time; a week keeps that bounded. */
export const MAX_HOURLY_DAYS = 7;

const ALLOWED = ["source", "from", "to", "granularity", "group", "agent", "tz", "compare"] as const;

const isoDate = (name: string) =>
  z
    .string({ error: `${name} is required (YYYY-MM-DD)` })
    .refine(isIsoDate, { message: `${name} must be a calendar date written YYYY-MM-DD` });

/** An agent id: LiveChat login (e-mail) or Rocket.Chat username. */
export const agentId = z.string().regex(/^[A-Za-z0-9._@+-]{1,120}$/, {
  message: "agent must be an agent id (a login or username: letters, digits, . _ @ + -)",
});

/**
 * Shared date-range rule of every endpoint: `from` ≤ `to`, at most `MAX_RANGE_DAYS` days.
 * @returns the inclusive day count, or null when the range is invalid (an issue was added).
 */
export function checkDateRange(
  q: { from: string; to: string },
  ctx: z.RefinementCtx,
): number | null {
  if (!isIsoDate(q.from) || !isIsoDate(q.to)) return null;
  if (q.from > q.to) {
    ctx.addIssue({ code: "custom", message: "from must not be after to", path: ["from"] });
    return null;
  }
  const days = daysInclusive(q.from, q.to);
  if (days > MAX_RANGE_DAYS) {
    ctx.addIssue({
      code: "custom",
      message: `the range may span at most ${MAX_RANGE_DAYS} days (got ${days})`,
      path: ["to"],
    });
    return null;
  }
  return days;
}

const querySchema = z
  .object({
    source: z
      .enum(SOURCE_SELECTORS, {
        error: `source must be one of: ${SOURCE_SELECTORS.join(", ")}`,
      })
      .optional(),
    from: isoDate("from"),
    to: isoDate("to"),
    granularity: z
      .enum(GRANULARITIES, { error: `granularity must be one of: ${GRANULARITIES.join(", ")}` })
      .optional(),
    group: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, {
        message: "group must be a team id (letters, digits, - or _)",
      })
      .optional(),
    agent: agentId.optional(),
    tz: z
      .string()
      .refine(isValidTimeZone, { message: "tz must be an IANA time zone such as Europe/Warsaw" })
      .optional(),
    compare: z.literal("previous", { error: 'compare must be "previous"' }).optional(),
  })
  .superRefine((q, ctx) => {
    const days = checkDateRange(q, ctx);
    if (days !== null && q.granularity === "hour" && days > MAX_HOURLY_DAYS) {
      ctx.addIssue({
        code: "custom",
        message: `hour granularity allows at most ${MAX_HOURLY_DAYS} days (got ${days}); use day or month`,
        path: ["granularity"],
      });
    }
  });

export interface MetricParams {
  metric: MetricId;
  source: SourceSelector | undefined;
  from: string;
  to: string;
  granularity: Granularity;
  group: string | null;
  agent: string | null;
  tz: string | undefined;
  compare: boolean;
}

export type ParseResult = { ok: true; value: MetricParams } | { ok: false; message: string };

/**
 * `value` cut to `max` characters, in double quotes, for an error message: everything but
 * printable ASCII, and the characters of markup and quoting (`< > & " ' \` \\`), is written
 * `\uXXXX`, so a message never carries a caller's markup or control characters back.
 */
export function quoted(value: string, max: number): string {
  const escaped = value
    .slice(0, max)
    .replace(
      /[^\x20-\x7e]|[<>&"'`\\]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  return `"${escaped}"`;
}

/**
 * A query string's parameters as one value each, or the message of a 400: a parameter outside
 * `allowed`, or one given more than once (which value would count is then ambiguous).
 */
export function singleValuedParams<K extends string>(
  search: URLSearchParams,
  allowed: readonly K[],
): { ok: true; value: Partial<Record<K, string>> } | { ok: false; message: string } {
  const raw: Partial<Record<K, string>> = {};
  for (const key of new Set(search.keys())) {
    if (!(allowed as readonly string[]).includes(key)) {
      return {
        ok: false,
        message: `unknown parameter ${quoted(key, 40)}; allowed: ${allowed.join(", ")}`,
      };
    }
    const values = search.getAll(key);
    if (values.length > 1)
      return { ok: false, message: `parameter ${quoted(key, 40)} is given ${values.length} times` };
    raw[key as K] = values[0]!;
  }
  return { ok: true, value: raw };
}

/** Validates the metric id and the query string. */
export function parseMetricParams(metric: string, search: URLSearchParams): ParseResult {
  if (!(METRIC_IDS as readonly string[]).includes(metric)) {
    return {
      ok: false,
      message: `unknown metric ${quoted(metric, 60)}; known: ${METRIC_IDS.join(", ")}`,
    };
  }
  const single = singleValuedParams(search, ALLOWED);
  if (!single.ok) return single;
  const raw = single.value;
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, message: parsed.error.issues.map((i) => i.message).join("; ") };
  }
  const q = parsed.data;
  return {
    ok: true,
    value: {
      metric: metric as MetricId,
      source: q.source,
      from: q.from,
      to: q.to,
      granularity: q.granularity ?? defaultGranularity(q.from, q.to),
      group: q.group ?? null,
      agent: q.agent ?? null,
      tz: q.tz,
      compare: q.compare === "previous",
    },
  };
}
