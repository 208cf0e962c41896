/**
 * Next.js proxy (the former middleware): adds the security headers of lib/security/headers.ts
 * to every page (API answers get theirs from next.config.js, without running this). It does no authentication: each route handler and page checks
 * the session itself.
 *
 * Pages get a fresh script nonce per request, passed on in the request's
 * `Content-Security-Policy` header (Next stamps it on its own scripts from there) and in
 * `x-nonce` (the root layout's inline script reads it). API answers get the no-script policy.
 */
import { NextResponse, type NextRequest } from "next/server";
import {
  createNonce,
  isHttpsRequest,
  securityHeaders,
  trustProxyFromEnv,
} from "@/lib/security/headers";

/** Adds the security headers to the response of `request` (see the module comment). */
export function proxy(request: NextRequest): NextResponse {
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const nonce = isApi ? null : createNonce();
  const headers = securityHeaders({
    nonce,
    pathname: request.nextUrl.pathname,
    dev: process.env.NODE_ENV === "development",
    https: isHttpsRequest(
      request.nextUrl.protocol,
      request.headers.get("x-forwarded-proto"),
      trustProxyFromEnv(process.env.CHATLENS_TRUST_PROXY),
    ),
  });

  const requestHeaders = new Headers(request.headers);
  // Always overwritten: a client-sent `x-nonce` or CSP header must never reach the render.
  requestHeaders.delete("x-nonce");
  requestHeaders.delete("content-security-policy");
  if (nonce !== null) {
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("content-security-policy", headers["content-security-policy"]);
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but build assets: those are immutable files served as-is, hot on every page
  // load, and run no policy of their own. Prefetches are included so RSC answers carry the
  // headers too.
  // API answers are left out too: their headers need no nonce and come from next.config.js.
  matcher: ["/((?!_next/static/|_next/image/|api/).*)"],
};
