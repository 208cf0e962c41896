import { describe, expect, it } from "vitest";
import {
  carriesToken,
  contentSecurityPolicy,
  createNonce,
  isHttpsRequest,
  securityHeaders,
  trustProxyFromEnv,
} from "./headers";

/** The policy as directive name → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((d) => {
      const [name = "", ...sources] = d.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe("contentSecurityPolicy", () => {
  it("puts the nonce and strict-dynamic in script-src, no unsafe-eval in production", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "abc123==", dev: false }));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
    expect(csp.get("style-src-attr")).toEqual(["'unsafe-inline'"]);
    expect(csp.get("img-src")).toEqual(["'self'", "data:"]);
    expect(csp.get("connect-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(contentSecurityPolicy({ nonce: "x", dev: false })).not.toContain("unsafe-eval");
    // Nothing but style attributes is allowed inline.
    expect([...csp].filter(([, s]) => s.includes("'unsafe-inline'")).map(([name]) => name)).toEqual(
      ["style-src-attr"],
    );
  });

  it("adds unsafe-eval and inline style elements in development only", () => {
    const csp = directives(contentSecurityPolicy({ nonce: "n", dev: true }));
    expect(csp.get("script-src")).toEqual([
      "'self'",
      "'nonce-n'",
      "'strict-dynamic'",
      "'unsafe-eval'",
    ]);
    // The dev overlay's own <style> elements carry no nonce.
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("lets nothing load into an API answer", () => {
    const csp = directives(contentSecurityPolicy({ nonce: null, dev: false }));
    expect(csp.get("default-src")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.has("script-src")).toBe(false);
  });
});

describe("securityHeaders", () => {
  const base = { nonce: "n", dev: false, https: false, pathname: "/" };

  it("sends the fixed headers on every answer", () => {
    const headers = securityHeaders(base);
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
    for (const feature of ["camera=()", "microphone=()", "geolocation=()"]) {
      expect(headers["permissions-policy"]).toContain(feature);
    }
    expect(headers["content-security-policy"]).toContain("'nonce-n'");
  });

  it("sends HSTS only over HTTPS", () => {
    expect(securityHeaders(base)).not.toHaveProperty("strict-transport-security");
    expect(securityHeaders({ ...base, https: true })["strict-transport-security"]).toBe(
      "max-age=63072000; includeSubDomains",
    );
  });

  it("keeps token-bearing paths on no-referrer", () => {
    for (const path of ["/share/t", "/tv/t", "/api/share/t/chats", "/api/screen/t"]) {
      expect(securityHeaders({ ...base, pathname: path })["referrer-policy"]).toBe("no-referrer");
    }
    expect(carriesToken("/screens")).toBe(false);
    expect(carriesToken("/api/screens/1")).toBe(false);
    expect(carriesToken("/shared-links")).toBe(false);
  });
});

describe("isHttpsRequest", () => {
  it("trusts the URL's protocol when no proxy header came with the request", () => {
    expect(isHttpsRequest("https:", null, false)).toBe(true);
    expect(isHttpsRequest("http:", null, true)).toBe(false);
  });

  it("trusts X-Forwarded-Proto only behind a trusted proxy", () => {
    expect(isHttpsRequest("http:", "https", true)).toBe(true);
    expect(isHttpsRequest("http:", "HTTPS, http", true)).toBe(true);
    expect(isHttpsRequest("https:", "http, https", true)).toBe(false);
  });

  it("ignores a client-sent X-Forwarded-Proto, even where Next turned it into the URL's", () => {
    expect(isHttpsRequest("http:", "https", false)).toBe(false);
    expect(isHttpsRequest("https:", "https", false)).toBe(false);
  });
});

describe("trustProxyFromEnv", () => {
  it("reads 1/true like lib/config.ts", () => {
    expect(trustProxyFromEnv("1")).toBe(true);
    expect(trustProxyFromEnv("TRUE")).toBe(true);
    expect(trustProxyFromEnv("0")).toBe(false);
    expect(trustProxyFromEnv(undefined)).toBe(false);
  });
});

describe("createNonce", () => {
  it("is fresh base64 of 16 bytes each time", () => {
    const a = createNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(createNonce()).not.toBe(a);
  });
});
