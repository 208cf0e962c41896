/**
 * Validation of the query strings of the table and list endpoints (client-safe, pure):
 * `/api/reports/{ranking,agents,occupancy}`, `/api/chats`, `/api/chats/{id}`, `/api/tickets`.
 *
 * Same rules as `metric-params.ts`: unknown or repeated parameters are refused, every value is
 * checked, and failures name the parameter — nothing a browser adds can reach an upstream.
 */
import { z } from "zod";
import { isIsoDate } from "../dates";
import { SOURCE_IDS, type SourceId } from "../metrics/types";
import { agentId, checkDateRange, quoted } from "./metric-params";

const isoDate = (name: string) =>
  z
    .string({ error: `${name} is required (YYYY-MM-DD)` })
    .refine(isIsoDate, { message: `${name} must be a calendar date written YYYY-MM-DD` });

const source = z
  .enum(SOURCE_IDS, { error: `source must be one of: ${SOURCE_IDS.join(", ")}` })
  .optional();
const group = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "group must be a team id (letters, digits, - or _)" })
  .optional();
const page = z
  .string()
  .regex(/^[1-9]\d{0,3}$/, { message: "page must be a whole number from 1 to 9999" })
  .optional();

const range = { source, from: isoDate("from"), to: isoDate("to"), group };

function checkRange(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  checkDateRange(q, ctx);
}

export const rankingQuery = z
  .object({
    ...range,
    kind: z.enum(["chats", "tickets"], { error: "kind must be chats or tickets" }),
  })
  .strict()
  .superRefine(checkRange);

export const viewQuery = z.object(range).strict().superRefine(checkRange);

export const chatListQuery = z
  .object({
    ...range,
    hour: z
      .string()
      .regex(/^(?:[01]?\d|2[0-3])$/, { message: "hour must be a whole number from 0 to 23" })
      .optional(),
    agent: agentId.optional(),
    type: z.enum(["chat", "missed_chat"], { error: "type must be chat or missed_chat" }).optional(),
    rate: z
      .enum(["rated", "not_rated", "rated_good", "rated_bad"], {
        error: "rate must be one of: rated, not_rated, rated_good, rated_bad",
      })
      .optional(),
    page,
  })
  .strict()
  .superRefine((q, ctx) => {
    checkRange(q, ctx);
    if (q.hour !== undefined && q.from !== q.to) {
      ctx.addIssue({
        code: "custom",
        message: "hour can only be used when from and to are the same day",
        path: ["hour"],
      });
    }
  });

export const ticketListQuery = z
  .object({
    ...range,
    status: z
      .enum(["open", "pending", "solved", "spam"], {
        error: "status must be one of: open, pending, solved, spam",
      })
      .optional(),
    page,
  })
  .strict()
  .superRefine(checkRange);

export const transcriptQuery = z.object({ source }).strict();

/** A LiveChat chat id: 10 uppercase letters/digits in practice; we accept 1–40 of [A-Za-z0-9_-]. */
export const chatId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, { message: "chat id must be 1–40 letters, digits, - or _" });

export type ParsedQuery<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads `search` into `schema`: refuses repeated keys; unknown keys are refused by `.strict()`. */
export function parseQuery<S extends z.ZodType>(
  schema: S,
  search: URLSearchParams,
): ParsedQuery<z.output<S>> {
  // No prototype: a key such as `__proto__` becomes an own property, which `.strict()` refuses
  // (on a plain object the assignment is silently dropped and the parameter accepted).
  const raw = Object.create(null) as Record<string, string>;
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    if (values.length > 1)
      return {
        ok: false,
        message: `parameter ${quoted(key, 40)} is given ${values.length} times`,
      };
    raw[key] = values[0]!;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      message: parsed.error.issues
        .map((i) =>
          i.code === "unrecognized_keys"
            ? `unknown parameter${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => quoted(k, 40)).join(", ")}`
            : i.message,
        )
        .join("; "),
    };
  }
  return { ok: true, value: parsed.data };
}

export type { SourceId };
