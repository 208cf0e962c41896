// POST /api/share/{token}/unlock – a share viewer (no account) enters the link's password,
// as JSON `{ password }` or a form field `password`.
// 204 + the HttpOnly unlock cookie `chatlens_share_<linkId>` (Path=/, SameSite=Lax, 12 h,
// Secure over https); 204 without a cookie when the link has no password; 401 wrong_password;
// 429 rate_limited with Retry-After (seconds); 404 unknown link; 410 expired or revoked.
// The token is never logged (it is a credential).
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ApiHttpError, errorJson, NO_STORE, toErrorResponse } from "@/lib/api/errors";
import { getConfig } from "@/lib/env";
import { clientIpOf, unlockShareLink, type UnlockCookie } from "@/lib/share/links";
import { MAX_PASSWORD_LENGTH } from "@/lib/share/scope";
import { readJsonOrForm } from "../../../share-links/request";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

const HEADERS = { ...NO_STORE, "referrer-policy": "no-referrer" };

const body = z.object({ password: z.string().min(1).max(MAX_PASSWORD_LENGTH) }).strict();

/** Secure cookies when the app is reached over https (directly, by NEXTAUTH_URL or a trusted proxy). */
function isHttps(request: NextRequest): boolean {
  if (request.nextUrl.protocol === "https:") return true;
  if (process.env.NEXTAUTH_URL?.trim().toLowerCase().startsWith("https:")) return true;
  return getConfig().trustProxy && request.headers.get("x-forwarded-proto") === "https";
}

function cookieHeader(cookie: UnlockCookie, secure: boolean): string {
  return [
    `${cookie.name}=${cookie.value}`,
    "Path=/",
    `Max-Age=${cookie.maxAgeSeconds}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export async function POST(request: NextRequest, context: Context): Promise<Response> {
  try {
    const { token } = await context.params;
    if (token.length === 0 || token.length > 2048) {
      return errorJson(404, "not_found", "This share link does not exist.", HEADERS);
    }
    const parsed = body.safeParse(await readJsonOrForm(request));
    if (!parsed.success) {
      throw new ApiHttpError(
        400,
        "invalid_parameter",
        `password is required (1–${MAX_PASSWORD_LENGTH} characters), and nothing else`,
      );
    }
    const result = await unlockShareLink(token, parsed.data.password, clientIpOf(request.headers));
    switch (result.status) {
      case "ok":
        return new NextResponse(null, {
          status: 204,
          headers: { ...HEADERS, "set-cookie": cookieHeader(result.cookie, isHttps(request)) },
        });
      case "not_required":
        return new NextResponse(null, { status: 204, headers: HEADERS });
      case "wrong":
        return errorJson(401, "wrong_password", "The password is not right.", HEADERS);
      case "rate_limited":
        return errorJson(
          429,
          "rate_limited",
          `Too many wrong passwords. Try again in ${result.retryAfterSeconds} seconds.`,
          { ...HEADERS, "retry-after": String(result.retryAfterSeconds) },
        );
      case "unavailable":
        if (result.reason === "expired") {
          return errorJson(410, "link_expired", "This share link has expired.", HEADERS);
        }
        if (result.reason === "revoked") {
          return errorJson(410, "link_revoked", "This share link has been revoked.", HEADERS);
        }
        return errorJson(404, "not_found", "This share link does not exist.", HEADERS);
    }
  } catch (error) {
    return toErrorResponse(error);
  }
}
