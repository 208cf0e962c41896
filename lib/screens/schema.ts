/**
 * Boards and screens (wall-mounted KPI TVs): input schemas and goal colours. Client-safe — the
 * editor imports the very same schemas the API validates with.
 *
 * - A **board** is a TV layout of 1–12 large tiles for one source (and optionally one team);
 *   each tile is a metric of the dictionary with an optional goal `{ green, amber }`.
 * - A **screen** shows 1–10 boards in rotation, refreshes its data every `refreshSeconds` and
 *   may have quiet hours (the TV dims, and asks for nothing).
 * - Every duration is in **seconds**. `rotationSeconds` and `refreshSeconds` below the
 *   configured minimum (`CHATLENS_SCREEN_MIN_REFRESH_SECONDS`, default 30) are **clamped up**
 *   to it, not refused: a TV set up with "every 10 s" simply refreshes every 30 s, and the
 *   stored value says so. Zero, negative, fractional or absurd values (over a day) are
 *   refused (422).
 */
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { isValidTimeZone } from "@/lib/dates";
import { METRICS, SOURCE_NAMES } from "@/lib/metrics/definitions";
import {
  METRIC_IDS,
  SOURCE_SELECTORS,
  type MetricId,
  type SourceId,
  type SourceSelector,
} from "@/lib/metrics/types";

/** Default floor of refresh and rotation intervals, seconds (`CHATLENS_SCREEN_MIN_REFRESH_SECONDS`). */
export const MIN_REFRESH_SECONDS = 30;
/** Largest accepted refresh or rotation interval, seconds (one day). */
export const MAX_INTERVAL_SECONDS = 86_400;
/** Defaults of a new screen, seconds. */
export const DEFAULT_ROTATION_SECONDS = 60;
export const DEFAULT_REFRESH_SECONDS = 60;
export const MAX_BOARD_TILES = 12;
export const MAX_SCREEN_BOARDS = 10;
export const MAX_NAME_LENGTH = 80;
/** Heartbeat limits: errors per report, characters per error (also the number kept). */
export const MAX_HEARTBEAT_ERRORS = 20;
export const MAX_ERROR_LENGTH = 300;

export const SCREEN_THEMES = ["dark", "light"] as const;

/** The date ranges a board may show (resolved in the reporting time zone on every refresh). */
export const SCREEN_RANGES = ["today", "last7", "last30"] as const;
export type ScreenRange = (typeof SCREEN_RANGES)[number];
export const DEFAULT_SCREEN_RANGE: ScreenRange = "today";
export type ScreenTheme = (typeof SCREEN_THEMES)[number];

export type GoalStatus = "green" | "amber" | "red";
export type MetricDirection = "higher_is_better" | "lower_is_better" | "neutral";

/**
 * A KPI goal, in the metric's own unit (seconds for durations, 0–100 for percentages).
 * lower_is_better: `green ≤ amber` (≤ green is green, ≤ amber is amber, above is red);
 * higher_is_better: `green ≥ amber` (the mirror).
 */
export interface Goal {
  green: number;
  amber: number;
}

/** One tile of a board: a metric and its optional goal. */
export interface BoardTile {
  metric: MetricId;
  goal?: Goal;
}

/** Hours during which the TV shows nothing: local `HH:MM` from (inclusive) to (exclusive). */
export interface QuietHours {
  from: string;
  to: string;
  /** IANA time zone the times are read in. */
  tz: string;
}

const ID = /^[A-Za-z0-9_-]{16,64}$/;
/** A board or screen id (16–64 base64url characters; ours are 22). */
export const entityIdSchema = z.string().regex(ID, { message: "must be a board or screen id" });

const name = z
  .string()
  .trim()
  .min(1, { message: "must not be empty" })
  .max(MAX_NAME_LENGTH, { message: `must be at most ${MAX_NAME_LENGTH} characters` });

const goalSchema = z
  .object({
    green: z.number({ message: "must be a number" }).finite(),
    amber: z.number({ message: "must be a number" }).finite(),
  })
  .strict();

const tileSchema = z
  .object({
    metric: z.enum(METRIC_IDS, { message: "must be a metric of the dictionary" }),
    goal: goalSchema.optional(),
  })
  .strict()
  .superRefine((tile, ctx) => {
    if (!tile.goal) return;
    const { direction } = METRICS[tile.metric];
    const { green, amber } = tile.goal;
    if (direction === "neutral") {
      ctx.addIssue({
        code: "custom",
        message: `${tile.metric} is neither better high nor low, so it cannot have a goal`,
        path: ["goal"],
      });
    } else if (direction === "lower_is_better" && green > amber) {
      ctx.addIssue({
        code: "custom",
        message: `lower is better for ${tile.metric}: green must be at most amber`,
        path: ["goal"],
      });
    } else if (direction === "higher_is_better" && green < amber) {
      ctx.addIssue({
        code: "custom",
        message: `higher is better for ${tile.metric}: green must be at least amber`,
        path: ["goal"],
      });
    }
  });

const tilesSchema = z
  .array(tileSchema)
  .min(1, { message: "a board needs at least one tile" })
  .max(MAX_BOARD_TILES, { message: `a board has at most ${MAX_BOARD_TILES} tiles` })
  .superRefine((tiles, ctx) => {
    const metrics = tiles.map((t) => t.metric);
    if (new Set(metrics).size !== metrics.length) {
      ctx.addIssue({ code: "custom", message: "each metric may appear once per board" });
    }
  });

const groupId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "must be a team id (letters, digits, - or _)" });

const boardFields = {
  name,
  source: z.enum(SOURCE_SELECTORS, { message: "must be livechat, rocketchat or all" }),
  /** Team id of the source, or null = all teams. */
  group: groupId.nullable().default(null),
  /** The range every tile shows: today (so far), the last 7 or the last 30 days. */
  range: z
    .enum(SCREEN_RANGES, { message: "must be today, last7 or last30" })
    .default(DEFAULT_SCREEN_RANGE),
  tiles: tilesSchema,
};

function checkGroup(board: { source?: string; group?: string | null }, ctx: z.RefinementCtx): void {
  if (board.source === "all" && board.group !== null && board.group !== undefined) {
    ctx.addIssue({
      code: "custom",
      message: "a team can only be chosen for a single source",
      path: ["group"],
    });
  }
}

/**
 * The tiles a source cannot fill (its API has no such report), as messages; empty when all
 * can. Under `all`, a tile needs at least one source that provides it.
 */
export function unavailableTiles(
  source: SourceSelector,
  tiles: readonly { metric: MetricId }[],
): string[] {
  return tiles.flatMap(({ metric }) => {
    const { upstream, label } = METRICS[metric];
    const provided =
      source === "all"
        ? Object.values(upstream).some((u) => u !== null)
        : upstream[source] !== null;
    return provided ? [] : [`${label} is not available from ${SOURCE_NAMES[source as SourceId]}`];
  });
}

function checkTilesAvailable(
  board: { source?: SourceSelector; tiles?: readonly { metric: MetricId }[] },
  ctx: z.RefinementCtx,
): void {
  const { source, tiles } = board;
  if (!source || !tiles) return;
  tiles.forEach((tile, i) => {
    for (const message of unavailableTiles(source, [tile])) {
      ctx.addIssue({ code: "custom", message, path: ["tiles", i] });
    }
  });
}

/** A new board: `{ name, source, group?, range? = "today", tiles }`. */
export const boardInputSchema = z
  .object(boardFields)
  .strict()
  .superRefine((board, ctx) => {
    checkGroup(board, ctx);
    checkTilesAvailable(board, ctx);
  });
export type BoardInput = z.input<typeof boardInputSchema>;
export type BoardValues = z.output<typeof boardInputSchema>;

/**
 * Changes to a board: one or more of its fields. A team given without `source` is
 * checked against the stored source by the service.
 */
export const boardPatchSchema = z
  .object({
    name: boardFields.name.optional(),
    source: boardFields.source.optional(),
    group: groupId.nullable().optional(),
    range: z.enum(SCREEN_RANGES, { message: "must be today, last7 or last30" }).optional(),
    tiles: tilesSchema.optional(),
  })
  .strict()
  .superRefine((patch, ctx) => {
    if (Object.values(patch).every((v) => v === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: "change at least one of name, source, group, range, tiles",
      });
    }
    checkGroup(patch, ctx);
    checkTilesAvailable(patch, ctx);
  });
export type BoardPatch = z.output<typeof boardPatchSchema>;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const quietHoursSchema = z
  .object({
    from: z.string().regex(HH_MM, { message: "must be a time written HH:MM (00:00–23:59)" }),
    to: z.string().regex(HH_MM, { message: "must be a time written HH:MM (00:00–23:59)" }),
    tz: z.string().refine(isValidTimeZone, { message: "must be an IANA time zone" }),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from === q.to) {
      ctx.addIssue({
        code: "custom",
        message: "quiet hours must not start and end at the same time",
      });
    }
  });

const seconds = () =>
  z
    .number({ message: "must be a number of seconds" })
    .int({ message: "must be whole seconds" })
    .min(1, { message: "must be at least 1 second" })
    .max(MAX_INTERVAL_SECONDS, { message: `must be at most ${MAX_INTERVAL_SECONDS} seconds` });

/** An interval in whole seconds, 1…86400, raised to `min` when below it (clamped, not refused). */
const intervalNoDefault = (min: number) => seconds().transform((v) => Math.max(v, min));
const interval = (min: number, fallback: number) =>
  seconds()
    .default(Math.max(fallback, min))
    .transform((v) => Math.max(v, min));

/**
 * The schema of a new screen, with intervals clamped up to `minRefreshSeconds` (the app
 * passes `CHATLENS_SCREEN_MIN_REFRESH_SECONDS`; default `MIN_REFRESH_SECONDS`):
 * `{ name, boardIds (1–10, distinct), rotationSeconds = 60, refreshSeconds = 60,
 * theme = "dark", quietHours = null }`.
 */
export function screenInputSchema(minRefreshSeconds: number = MIN_REFRESH_SECONDS) {
  return z.object(screenFields(minRefreshSeconds)).strict();
}
export type ScreenInput = z.input<ReturnType<typeof screenInputSchema>>;
export type ScreenValues = z.output<ReturnType<typeof screenInputSchema>>;

/**
 * Changes to a screen: one or more of the fields of `screenInputSchema` (no defaults apply;
 * intervals are clamped the same way). `quietHours: null` removes the quiet hours.
 */
export function screenPatchSchema(minRefreshSeconds: number = MIN_REFRESH_SECONDS) {
  const fields = screenFields(minRefreshSeconds);
  return z
    .object({
      name: fields.name.optional(),
      boardIds: fields.boardIds.optional(),
      rotationSeconds: intervalNoDefault(minRefreshSeconds).optional(),
      refreshSeconds: intervalNoDefault(minRefreshSeconds).optional(),
      theme: z.enum(SCREEN_THEMES, { message: "must be dark or light" }).optional(),
      quietHours: quietHoursSchema.nullable().optional(),
    })
    .strict()
    .superRefine((patch, ctx) => {
      if (Object.values(patch).every((v) => v === undefined)) {
        ctx.addIssue({
          code: "custom",
          message:
            "change at least one of name, boardIds, rotationSeconds, refreshSeconds, theme, quietHours",
        });
      }
    });
}
export type ScreenPatch = z.input<ReturnType<typeof screenPatchSchema>>;

function screenFields(minRefreshSeconds: number) {
  return {
    name,
    boardIds: z
      .array(entityIdSchema)
      .min(1, { message: "a screen shows at least one board" })
      .max(MAX_SCREEN_BOARDS, { message: `a screen shows at most ${MAX_SCREEN_BOARDS} boards` })
      .superRefine((ids, ctx) => {
        if (new Set(ids).size !== ids.length) {
          ctx.addIssue({ code: "custom", message: "each board may appear once per screen" });
        }
      }),
    rotationSeconds: interval(minRefreshSeconds, DEFAULT_ROTATION_SECONDS),
    refreshSeconds: interval(minRefreshSeconds, DEFAULT_REFRESH_SECONDS),
    theme: z.enum(SCREEN_THEMES, { message: "must be dark or light" }).default("dark"),
    quietHours: quietHoursSchema.nullable().default(null),
  };
}

/** A TV's heartbeat: its app version and the errors since the last one (≤ 20, ≤ 300 chars). */
export const heartbeatInputSchema = z
  .object({
    version: z
      .string()
      .trim()
      .min(1, { message: "must not be empty" })
      .max(64, { message: "must be at most 64 characters" }),
    errors: z
      .array(
        z
          .string()
          .max(MAX_ERROR_LENGTH, { message: `must be at most ${MAX_ERROR_LENGTH} characters` }),
      )
      .max(MAX_HEARTBEAT_ERRORS, {
        message: `at most ${MAX_HEARTBEAT_ERRORS} errors per heartbeat`,
      })
      .default([]),
  })
  .strict();
export type HeartbeatInput = z.input<typeof heartbeatInputSchema>;

/**
 * The colour of `value` against `goal` for a metric of `direction`:
 * - lower_is_better: `value ≤ green` → green, `value ≤ amber` → amber, else red;
 * - higher_is_better: `value ≥ green` → green, `value ≥ amber` → amber, else red;
 * - neutral, no goal, or no value (`null` = no data, never 0) → null (no colour).
 * Boundaries belong to the better colour. Non-finite values are treated as no data.
 */
export function goalStatus(
  value: number | null | undefined,
  goal: Goal | null | undefined,
  direction: MetricDirection,
): GoalStatus | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  if (!goal || direction === "neutral") return null;
  if (direction === "lower_is_better") {
    if (value <= goal.green) return "green";
    if (value <= goal.amber) return "amber";
    return "red";
  }
  if (value >= goal.green) return "green";
  if (value >= goal.amber) return "amber";
  return "red";
}

/** `goalStatus` for a tile of the dictionary (its direction looked up). */
export function tileStatus(tile: BoardTile, value: number | null | undefined): GoalStatus | null {
  return goalStatus(value, tile.goal, METRICS[tile.metric].direction);
}

/**
 * True when `now` (epoch ms) falls inside `quiet` (local `from` inclusive to `to` exclusive,
 * in `quiet.tz`); a range with `from > to` spans midnight (22:00–06:00). No quiet hours → false.
 */
export function isQuietTime(quiet: QuietHours | null | undefined, now: number): boolean {
  if (!quiet) return false;
  const local = new TZDate(now, quiet.tz);
  const time = `${String(local.getHours()).padStart(2, "0")}:${String(local.getMinutes()).padStart(2, "0")}`;
  return quiet.from < quiet.to
    ? time >= quiet.from && time < quiet.to
    : time >= quiet.from || time < quiet.to;
}
