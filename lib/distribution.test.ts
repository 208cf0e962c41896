import { describe, expect, it } from "vitest";
import { distribute } from "./distribution";

describe("distribute", () => {
  it("sorts values into ranges with exclusive upper bounds and counts gaps apart", () => {
    const { ranges, noData } = distribute([0, 29.99, 30, 59, 60, 119.5, 120, 299, 300, 4000, null]);
    expect(ranges.map((r) => r.buckets)).toEqual([2, 2, 2, 2, 2]);
    expect(ranges.map((r) => r.label)).toEqual([
      "Under 30 s",
      "30–60 s",
      "1–2 min",
      "2–5 min",
      "Over 5 min",
    ]);
    expect(noData).toBe(1);
  });

  it("has zero counts for an empty series", () => {
    expect(distribute([]).ranges.every((r) => r.buckets === 0)).toBe(true);
  });
});
