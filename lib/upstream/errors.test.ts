import { describe, expect, test, vi } from "vitest";

describe("error classes across module copies", () => {
  // Next.js bundles a module once per route; the shared source runtime throws from one copy
  // while a route handler catches with another. A plain `instanceof` then failed, and an
  // upstream 500 came back as "500 internal_error" instead of "502 upstream_error".
  test("an UpstreamError from one copy is an UpstreamError to another", async () => {
    const first = await import("./errors");
    vi.resetModules();
    const second = await import("./errors");
    expect(second.UpstreamError).not.toBe(first.UpstreamError);
    const error = new first.UpstreamError({
      vendor: "livechat",
      kind: "upstream_5xx",
      endpoint: "GET /x",
      message: "boom",
    });
    expect(error instanceof second.UpstreamError).toBe(true);
    expect(new Error("plain") instanceof second.UpstreamError).toBe(false);
    expect((null as unknown as object) instanceof second.UpstreamError).toBe(false);
  });

  test("an ApiHttpError from one copy maps to its status in another", async () => {
    const first = await import("../api/errors");
    vi.resetModules();
    const second = await import("../api/errors");
    const response = second.toErrorResponse(new first.ApiHttpError(422, "x", "no"));
    expect(response.status).toBe(422);
    const { UpstreamError } = await import("./errors");
    vi.resetModules();
    const api = await import("../api/errors");
    const upstream = api.toErrorResponse(
      new UpstreamError({
        vendor: "livechat",
        kind: "upstream_5xx",
        endpoint: "GET /x",
        message: "m",
      }),
    );
    expect(upstream.status).toBe(502);
  });
});
