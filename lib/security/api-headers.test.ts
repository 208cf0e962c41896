/**
 * The API's security headers live in next.config.js (static, so API requests skip proxy.ts);
 * they must stay exactly what lib/security/headers.ts prescribes for an API answer.
 */
import { createRequire } from "node:module";
import { describe, expect, test } from "vitest";
import { securityHeaders } from "./headers";

interface HeaderRule {
  source: string;
  headers: { key: string; value: string }[];
}

const load = createRequire(import.meta.url);
const nextConfig = load("../../next.config.js") as { headers(): Promise<HeaderRule[]> };

const asMap = (headers: HeaderRule["headers"]) =>
  Object.fromEntries(headers.map((h) => [h.key.toLowerCase(), h.value]));

describe("API security headers in next.config.js", () => {
  test("equal the policy of lib/security/headers.ts (HSTS comes with the pages)", async () => {
    const rules = await nextConfig.headers();
    const api = rules.find((r) => r.source === "/api/:path*");
    expect(api).toBeDefined();
    const expected = securityHeaders({
      nonce: null,
      pathname: "/api/metrics/chats.total",
      dev: false,
      https: false,
    });
    expect(asMap(api!.headers)).toEqual(expected);
  });

  test("share and screen APIs send no Referer", async () => {
    const rules = await nextConfig.headers();
    for (const source of ["/api/share/:path*", "/api/screen/:path*"]) {
      const rule = rules.find((r) => r.source === source);
      expect(asMap(rule!.headers)).toEqual({ "referrer-policy": "no-referrer" });
    }
    for (const pathname of ["/api/share/x/metrics/chats.total", "/api/screen/x"]) {
      expect(
        securityHeaders({ nonce: null, pathname, dev: false, https: false })["referrer-policy"],
      ).toBe("no-referrer");
    }
  });
});
