/**
 * Chatlens' security headers as pure functions of the request's facts (nonce, dev build,
 * HTTPS), so `proxy.ts` stays a thin adapter and the policy is unit-tested.
 *
 * Why the policy looks the way it does:
 * - Scripts: a per-request nonce with `'strict-dynamic'` (Next's documented approach). Next
 *   reads the nonce from the request's `Content-Security-Policy` header and stamps it on its
 *   own scripts; chunks those scripts load inherit trust through `'strict-dynamic'`. A nonce
 *   needs a per-request render, and every page already is one: the root layout reads the
 *   session and the request headers, so `next build` lists all pages, `/signin` included, as
 *   dynamic. That is why no hash-based variant for static HTML exists. The one prerendered
 *   document is Next's `/_global-error` (shown only when the root layout itself fails): its
 *   scripts carry no nonce and stay blocked, so it shows its static message without JS.
 * - Styles: `<style>`/`<link>` elements need `'self'` or the nonce, but `style-src-attr` allows
 *   inline `style="…"` attributes. React sets client-side styles through CSSOM (never
 *   blocked), yet server-rendered HTML carries them as attributes: Recharts' responsive
 *   container, the heatmap grid, chart legends. Measured in Chromium without that allowance:
 *   14–226 refused attributes per report page (the overview 37, /chats 226), each one layout
 *   the first paint needs. A style attribute cannot run script, so `script-src` keeps its
 *   full XSS protection.
 * - `connect-src 'self'` (every fetch goes to our own API), `img-src 'self' data:` (the
 *   Screens page shows its QR code as a data: SVG).
 */

/** Inputs of a page's policy. */
export interface PolicyOptions {
  /** This response's script nonce (base64), or null for responses that run no script (API). */
  nonce: string | null;
  /**
   * `next dev`: React rebuilds server error stacks with `eval` (`'unsafe-eval'` is added) and
   * the dev overlay injects un-nonced `<style>` elements (style elements are allowed inline).
   */
  dev: boolean;
}

/**
 * The `Content-Security-Policy` value. With a nonce: the page policy above. Without one (API
 * answers, which browsers only ever render as text): nothing may load at all.
 */
export function contentSecurityPolicy({ nonce, dev }: PolicyOptions): string {
  if (nonce === null) {
    return [
      "default-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; ");
  }
  const script = ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"];
  if (dev) script.push("'unsafe-eval'");
  return [
    "default-src 'self'",
    `script-src ${script.join(" ")}`,
    // `next dev`'s overlay injects `<style>` elements without the nonce (Next's CSP guide
    // allows them the same way); a nonce in the list would switch 'unsafe-inline' off.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Inputs of `securityHeaders`. */
export interface SecurityHeaderOptions extends PolicyOptions {
  /** The request reached us over HTTPS (see `isHttpsRequest`): only then is HSTS sent. */
  https: boolean;
  /** The request's path: token-bearing paths get `no-referrer` (see `carriesToken`). */
  pathname: string;
}

/** Header name → value; the policy is always there (the proxy forwards it to the render). */
export type SecurityHeaders = Record<string, string> & { "content-security-policy": string };

/**
 * Every security header of one response, lower-case name → value (`{ nonce, dev, https,
 * pathname }` → headers); the proxy sets them all, so they must agree with next.config.js.
 */
export function securityHeaders(options: SecurityHeaderOptions): SecurityHeaders {
  const headers: SecurityHeaders = {
    "content-security-policy": contentSecurityPolicy(options),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    // Proxy headers override next.config.js and route handlers, so the token paths' stricter
    // policy is repeated here rather than overwritten.
    "referrer-policy": carriesToken(options.pathname)
      ? "no-referrer"
      : "strict-origin-when-cross-origin",
    "permissions-policy": PERMISSIONS_POLICY,
    "cross-origin-opener-policy": "same-origin",
  };
  // Only over HTTPS: HSTS on a plain-http answer is meaningless, and for a forwarded scheme we
  // cannot vouch for (no trusted proxy) it could pin a host that has no TLS at all.
  if (options.https) headers["strict-transport-security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/**
 * Whether a path carries a credential (a share or TV token): share pages, TV screens and their
 * APIs. Their URLs must never leave as a `Referer`.
 */
export function carriesToken(pathname: string): boolean {
  return /^\/(share|tv|api\/share|api\/screen)\//.test(pathname);
}

/** Powerful features the dashboard never uses, denied to the page and anything it embeds. */
export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "midi=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "display-capture=()",
  "browsing-topics=()",
].join(", ");

/**
 * Whether a request arrived over HTTPS. `protocol` is the URL's as Next reports it, and Next
 * derives it from the socket's TLS *or* from any `X-Forwarded-Proto` containing `https`, which a
 * client can send itself. So once the header is present it alone decides, and only behind a
 * trusted reverse proxy (`CHATLENS_TRUST_PROXY`; its first value, the proxy's own); the URL's
 * protocol counts only for a request without the header (TLS terminated by Next itself).
 */
export function isHttpsRequest(
  protocol: string,
  forwardedProto: string | null,
  trustProxy: boolean,
): boolean {
  if (forwardedProto !== null) {
    return trustProxy && forwardedProto.split(",")[0]?.trim().toLowerCase() === "https";
  }
  return protocol === "https:";
}

/**
 * `CHATLENS_TRUST_PROXY` as lib/config.ts reads it (`1`/`true`, case-insensitive). Read
 * directly: the proxy must not fail a request on an unrelated configuration error.
 */
export function trustProxyFromEnv(value: string | undefined): boolean {
  const raw = value?.trim().toLowerCase();
  return raw === "1" || raw === "true";
}

/** A fresh 128-bit nonce, base64 (the characters Next's nonce parser accepts). */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
