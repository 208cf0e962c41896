/**
 * Screen tokens: what a wall-mounted TV carries in its URL instead of a sign-in. Server only.
 *
 * Header `{alg: HS256, typ: JWT, kid}`, claims `{iss: chatlens, aud: chatlens:screen,
 * pur: screen, jti: <screen id>, ver: <token_version>, iat}`, signed with the `screen` key of
 * lib/share/token.ts (HKDF over `NEXTAUTH_SECRET`, its own info string, so a screen token is
 * never accepted as a share token or the reverse; previous secrets still verify).
 *
 * **No `exp`, on purpose.** A screen runs unattended for weeks or months; an expiring token
 * would turn it black on some night nobody is there to re-pair it. Revocation is by the
 * database instead, read on every request: `revoked_at` set (revoke) or `token_version`
 * bumped (rotate: the old token carries the old `ver` and is refused). The token only names
 * the screen; its boards and filters live in the row. A token with an `exp` is still honoured
 * (jose checks it), we just never sign one.
 */
import "server-only";
import { decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { deriveKey, type TokenFailure, type TokenPurpose, type TokenSecrets } from "../share/token";

const ISSUER = "chatlens";
const AUDIENCE = "chatlens:screen";
const ALG = "HS256";
const MAX_TOKEN_LENGTH = 2048;
const SCREEN_ID = /^[A-Za-z0-9_-]{16,64}$/;
/** Purposes whose key ids mean "a Chatlens token, but not a screen token". */
const OTHER_PURPOSES: TokenPurpose[] = ["share", "share-unlock"];

export type ScreenTokenResult =
  { ok: true; screenId: string; version: number } | { ok: false; reason: TokenFailure };

function ring(secrets: TokenSecrets, purpose: TokenPurpose) {
  return [secrets.current, ...(secrets.previous ?? [])].map((s) => deriveKey(s, purpose));
}

/**
 * Signs the token of screen `screenId` at token version `version` (a positive integer).
 * @throws when the id or version is not one of ours.
 */
export async function signScreenToken(
  screenId: string,
  version: number,
  secrets: TokenSecrets,
  now: Date = new Date(),
): Promise<string> {
  if (!SCREEN_ID.test(screenId)) throw new Error("signScreenToken: not a screen id");
  if (!Number.isInteger(version) || version < 1) throw new Error("signScreenToken: bad version");
  const { key, kid } = deriveKey(secrets.current, "screen");
  return new SignJWT({ pur: "screen", ver: version })
    .setProtectedHeader({ alg: ALG, typ: "JWT", kid })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setJti(screenId)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .sign(key);
}

function joseCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/**
 * Verifies a screen token's signature and claims (not the database: revocation and the
 * current version are the service's job). Never throws on bad input.
 * @returns the screen id (`jti`) and token version (`ver`), or why it was refused, with the
 *   reasons of `verifyShareToken` (`wrong_type` for a share token or unlock proof).
 */
export async function verifyScreenToken(
  token: unknown,
  secrets: TokenSecrets,
  now: Date = new Date(),
): Promise<ScreenTokenResult> {
  if (typeof token !== "string" || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
    return { ok: false, reason: "malformed" };
  }
  if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) {
    return { ok: false, reason: "malformed" };
  }
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  // Only the way we sign: `none`, HS512, RS256… are refused before any key is used.
  if (header.alg !== ALG) return { ok: false, reason: "bad_signature" };
  if (typeof header.kid !== "string") return { ok: false, reason: "unknown_key" };
  const found = ring(secrets, "screen").find((k) => k.kid === header.kid);
  if (!found) {
    const other = OTHER_PURPOSES.some((p) => ring(secrets, p).some((k) => k.kid === header.kid));
    return { ok: false, reason: other ? "wrong_type" : "unknown_key" };
  }
  try {
    const { payload } = await jwtVerify(token, found.key, {
      algorithms: [ALG],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ["iat", "jti"],
      currentDate: now,
    });
    if (payload.pur !== "screen") return { ok: false, reason: "wrong_type" };
    const { jti, ver } = payload;
    if (typeof jti !== "string" || !SCREEN_ID.test(jti)) return { ok: false, reason: "malformed" };
    if (typeof ver !== "number" || !Number.isInteger(ver) || ver < 1) {
      return { ok: false, reason: "malformed" };
    }
    return { ok: true, screenId: jti, version: ver };
  } catch (error) {
    switch (joseCode(error)) {
      case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      case "ERR_JOSE_ALG_NOT_ALLOWED":
        return { ok: false, reason: "bad_signature" };
      case "ERR_JWT_EXPIRED":
        return { ok: false, reason: "expired" };
      case "ERR_JWT_CLAIM_VALIDATION_FAILED": {
        const claim = (error as { claim?: unknown }).claim;
        return { ok: false, reason: claim === "aud" ? "wrong_type" : "malformed" };
      }
      default:
        return { ok: false, reason: "malformed" };
    }
  }
}
