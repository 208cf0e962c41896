/**
 * The gateway's cache key: one entry per credential (never shared across accounts) and per
 * query, independent of the order the query or the headers were written in.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { cacheKey } from "./gateway";

type KeyRequest = Parameters<typeof cacheKey>[0];

const base: KeyRequest = {
  vendor: "livechat",
  method: "GET",
  baseUrl: "https://api.livechatinc.com",
  path: "/reports/chats/total_chats",
  query: { from: "2024-03-01", to: "2024-03-07" },
  headers: { authorization: "Basic YWxpY2U6c2VjcmV0" },
};

const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,15}$/);
const value = fc.string({ maxLength: 40 });
const queryValue = fc.oneof(value, fc.array(value, { maxLength: 3 }));
/** Header names as clients write them: distinct ignoring case. */
const headerEntries = fc.uniqueArray(fc.tuple(name, value), {
  selector: ([k]) => k,
  minLength: 1,
  maxLength: 6,
});
const queryEntries = fc.uniqueArray(fc.tuple(name, queryValue), {
  selector: ([k]) => k,
  maxLength: 8,
});
/** Entries and a permutation of them. */
const permuted = <T>(entries: fc.Arbitrary<T[]>) =>
  entries.chain((list) =>
    fc.tuple(
      fc.constant(list),
      fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
    ),
  );

describe("cacheKey", () => {
  test("property: differs when any credential header's value differs", () => {
    fc.assert(
      fc.property(headerEntries, fc.nat(), value, (entries, pick, other) => {
        const i = pick % entries.length;
        fc.pre(entries[i]![1] !== other);
        const headers = Object.fromEntries(entries);
        const changed = { ...headers, [entries[i]![0]]: other };
        expect(cacheKey({ ...base, headers: changed })).not.toBe(cacheKey({ ...base, headers }));
      }),
    );
  });

  test("property: differs when a header is added or removed", () => {
    fc.assert(
      fc.property(headerEntries, (entries) => {
        const headers = Object.fromEntries(entries);
        const fewer = Object.fromEntries(entries.slice(1));
        expect(cacheKey({ ...base, headers: fewer })).not.toBe(cacheKey({ ...base, headers }));
      }),
    );
  });

  test("property: equal for permuted query objects and permuted headers", () => {
    fc.assert(
      fc.property(permuted(queryEntries), permuted(headerEntries), ([q, qp], [h, hp]) => {
        const a = cacheKey({
          ...base,
          query: Object.fromEntries(q),
          headers: Object.fromEntries(h),
        });
        const b = cacheKey({
          ...base,
          query: Object.fromEntries(qp),
          headers: Object.fromEntries(hp),
        });
        expect(a).toBe(b);
      }),
    );
  });

  test("property: differs when any query value differs", () => {
    fc.assert(
      fc.property(queryEntries, name, value, value, (entries, k, v1, v2) => {
        fc.pre(v1 !== v2);
        const query = Object.fromEntries(entries.filter(([key]) => key !== k));
        expect(cacheKey({ ...base, query: { ...query, [k]: v1 } })).not.toBe(
          cacheKey({ ...base, query: { ...query, [k]: v2 } }),
        );
      }),
    );
  });

  test("header names are case-insensitive", () => {
    expect(cacheKey({ ...base, headers: { Authorization: "Basic YWxpY2U6c2VjcmV0" } })).toBe(
      cacheKey(base),
    );
  });

  test("undefined query values are ignored; a one-element array is the same query", () => {
    expect(cacheKey({ ...base, query: { ...base.query, group: undefined } })).toBe(cacheKey(base));
    expect(cacheKey({ ...base, query: { from: ["2024-03-01"], to: "2024-03-07" } })).toBe(
      cacheKey(base),
    );
  });

  test("every part of the request is in the key", () => {
    const key = cacheKey(base);
    const variants: KeyRequest[] = [
      { ...base, vendor: "rocketchat" },
      { ...base, method: "POST" },
      { ...base, baseUrl: "https://other.example.com" },
      { ...base, path: "/reports/chats/ratings" },
      { ...base, query: { ...base.query, group: "1" } },
      { ...base, query: { ...base.query, tag: ["a", "b"] } },
      { ...base, jsonBody: { filters: { groups: [1] } } },
      { ...base, headers: { authorization: "Basic Ym9iOnNlY3JldA==" } },
    ];
    const keys = variants.map(cacheKey);
    for (const k of keys) expect(k).not.toBe(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("the key is an opaque hash: no credential or query text in it", () => {
    const key = cacheKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });
});
