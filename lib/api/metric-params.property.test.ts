/**
 * Property-based tests (fast-check, fixed seed) of the query parsers in lib/api:
 * - `parseMetricParams` and `parseQuery` (with every view schema) never throw on any query
 *   string; an accepted query satisfies the API's invariants (known metric, real dates,
 *   from ≤ to, at most 366 days, hourly at most 7 days, only allowed keys, each once, values
 *   as sent); a refused one carries a non-empty message with no markup or control characters;
 * - every well-formed query (known metric, ordered range within the cap) is accepted as sent;
 * - `quoted` always yields printable, markup-free ASCII.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addDays, daysInclusive, isIsoDate, isValidTimeZone } from "../dates";
import { GRANULARITIES, METRIC_IDS, SOURCE_IDS, SOURCE_SELECTORS } from "../metrics/types";
import { MAX_HOURLY_DAYS, MAX_RANGE_DAYS, parseMetricParams, quoted } from "./metric-params";
import {
  chatListQuery,
  parseQuery,
  rankingQuery,
  ticketListQuery,
  transcriptQuery,
  viewQuery,
} from "./view-params";

const PARAMS = { seed: 424242, numRuns: 400 } as const;
const METRIC_KEYS = ["source", "from", "to", "granularity", "group", "agent", "tz", "compare"];

/** A real date between 1971 and 2099. */
const isoDay = fc
  .date({
    min: new Date("1971-01-01T00:00:00Z"),
    max: new Date("2099-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

const hostile = fc.constantFrom(
  "",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "../../etc/passwd",
  "a\r\nb",
  "nul\u0000",
  "\uD800",
  "😀",
  "\u202Eevil",
  "e\u0301\u0308",
  "__proto__",
  "constructor",
  "x".repeat(10_240),
  "2026-02-30",
  "0000-00-00",
  "2026-1-1",
  "9999-01-01",
);

/** Values that are sometimes valid for some key, often not. */
const value = fc.oneof(
  isoDay,
  hostile,
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom(
    ...SOURCE_SELECTORS,
    ...GRANULARITIES,
    "previous",
    "Europe/Warsaw",
    "UTC",
    "1",
    "42",
  ),
  fc.constantFrom("chats", "tickets", "open", "solved", "rated", "chat", "missed_chat", "7", "23"),
);

const key = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(...METRIC_KEYS, "kind", "hour", "type", "rate", "status", "page"),
  },
  { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "toString", "url", "") },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

const query = fc
  .array(fc.tuple(key, value), { maxLength: 10 })
  .map((pairs) => new URLSearchParams(pairs));

const metric = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...METRIC_IDS) },
  { weight: 1, arbitrary: fc.oneof(hostile, fc.string({ maxLength: 30 })) },
);

/** A refusal message: says something, and echoes no markup and no control characters. */
function expectCleanMessage(message: string): void {
  expect(message).toMatch(/\S/);
  expect(message).not.toMatch(/[<>]/);
  // No control characters (C0, DEL, C1) and no lone surrogates.
  const controls = [...message].filter((c) => {
    const code = c.codePointAt(0)!;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f);
  });
  expect(controls).toEqual([]);
  expect(message.isWellFormed()).toBe(true);
}

function expectOrderedRange(from: string, to: string): void {
  expect(isIsoDate(from)).toBe(true);
  expect(isIsoDate(to)).toBe(true);
  expect(from <= to).toBe(true);
  expect(daysInclusive(from, to)).toBeLessThanOrEqual(MAX_RANGE_DAYS);
}

describe("parseMetricParams", () => {
  test("never throws; accepts only queries meeting the invariants, refuses with a clean message", () => {
    fc.assert(
      fc.property(metric, query, (m, q) => {
        const result = parseMetricParams(m, q);
        if (!result.ok) {
          expectCleanMessage(result.message);
          return;
        }
        const v = result.value;
        expect(METRIC_IDS).toContain(v.metric);
        expect(v.metric).toBe(m);
        expectOrderedRange(v.from, v.to);
        expect(GRANULARITIES).toContain(v.granularity);
        if (v.granularity === "hour") {
          expect(daysInclusive(v.from, v.to)).toBeLessThanOrEqual(MAX_HOURLY_DAYS);
        }
        if (v.source !== undefined) expect(SOURCE_SELECTORS).toContain(v.source);
        if (v.tz !== undefined) expect(isValidTimeZone(v.tz)).toBe(true);
        if (v.group !== null) expect(v.group).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
        if (v.agent !== null) expect(v.agent).toMatch(/^[A-Za-z0-9._@+-]{1,120}$/);
        // Only allowed keys, each once, with the values as sent.
        for (const k of new Set(q.keys())) {
          expect(METRIC_KEYS).toContain(k);
          expect(q.getAll(k)).toHaveLength(1);
        }
        expect(v.from).toBe(q.get("from"));
        expect(v.to).toBe(q.get("to"));
        expect(v.compare).toBe(q.get("compare") === "previous");
      }),
      PARAMS,
    );
  });

  test("accepts every well-formed query as sent", () => {
    const wellFormed = fc.record({
      metric: fc.constantFrom(...METRIC_IDS),
      from: isoDay,
      days: fc.integer({ min: 1, max: MAX_RANGE_DAYS }),
      source: fc.option(fc.constantFrom(...SOURCE_SELECTORS), { nil: undefined }),
      compare: fc.boolean(),
    });
    fc.assert(
      fc.property(wellFormed, ({ metric: m, from, days, source, compare }) => {
        const to = addDays(from, days - 1);
        const q = new URLSearchParams({ from, to });
        if (source) q.set("source", source);
        if (compare) q.set("compare", "previous");
        const result = parseMetricParams(m, q);
        expect(result).toMatchObject({ ok: true, value: { metric: m, from, to, source, compare } });
        if (result.ok) expect(result.value.granularity).toBe(days === 1 ? "hour" : "day");
      }),
      PARAMS,
    );
  });

  test("refuses a range one day over the cap, reversed, or hourly over a week", () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: 1, max: 5000 }), (from, extra) => {
        const over = new URLSearchParams({ from, to: addDays(from, MAX_RANGE_DAYS - 1 + extra) });
        expect(parseMetricParams("chats.total", over).ok).toBe(false);
        const reversed = new URLSearchParams({ from: addDays(from, extra), to: from });
        expect(parseMetricParams("chats.total", reversed).ok).toBe(false);
        const hourly = new URLSearchParams({
          from,
          to: addDays(from, MAX_HOURLY_DAYS - 1 + Math.min(extra, 300)),
          granularity: "hour",
        });
        expect(parseMetricParams("chats.total", hourly).ok).toBe(false);
      }),
      PARAMS,
    );
  });
});

const VIEW_SCHEMAS = {
  viewQuery,
  rankingQuery,
  chatListQuery,
  ticketListQuery,
  transcriptQuery,
} as const;

describe.each(Object.entries(VIEW_SCHEMAS))("parseQuery(%s)", (_name, schema) => {
  const allowed = Object.keys(schema.shape);

  test("never throws; accepted queries meet the invariants, refusals are clean", () => {
    fc.assert(
      fc.property(query, (q) => {
        const result = parseQuery(schema, q);
        if (!result.ok) {
          expectCleanMessage(result.message);
          return;
        }
        const v = result.value as Record<string, unknown>;
        for (const k of new Set(q.keys())) {
          expect(allowed).toContain(k);
          expect(q.getAll(k)).toHaveLength(1);
        }
        if (typeof v.from === "string" && typeof v.to === "string")
          expectOrderedRange(v.from, v.to);
        if (v.source !== undefined) expect(SOURCE_IDS).toContain(v.source);
        if (v.hour !== undefined) expect(v.from).toBe(v.to);
        if (typeof v.page === "string") expect(Number(v.page)).toBeGreaterThanOrEqual(1);
      }),
      PARAMS,
    );
  });

  test("a prototype key is refused, never dropped", () => {
    for (const k of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const q = new URLSearchParams({
        source: "livechat",
        from: "2026-11-01",
        to: "2026-11-07",
        kind: "chats",
      });
      q.append(k, "1");
      expect(parseQuery(schema, q)).toMatchObject({ ok: false });
    }
  });
});

describe("quoted", () => {
  test("is printable ASCII without markup, bounded by the cut", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), hostile),
        fc.integer({ min: 0, max: 80 }),
        (raw, max) => {
          const out = quoted(raw, max);
          expect(out).toMatch(/^"[\x20-\x7e]*"$/);
          expect(out.slice(1, -1)).not.toMatch(/[<>&"'`]/);
          expect(out.length).toBeLessThanOrEqual(2 + 6 * max);
          // Plain identifiers are kept as they are.
          if (/^[A-Za-z0-9._-]*$/.test(raw)) expect(out).toBe(`"${raw.slice(0, max)}"`);
        },
      ),
      PARAMS,
    );
  });
});
