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
import { SignJWT } from "jose";
import { deriveKey, verifyToken, type TokenFailure, type TokenSecrets } from "../share/token";

const ISSUER = "chatlens";
const AUDIENCE = "chatlens:screen";
const ALG = "HS256";
const SCREEN_ID = /^[A-Za-z0-9_-]{16,64}$/;

export type ScreenTokenResult =
  { ok: true; screenId: string; version: number } | { ok: false; reason: TokenFailure };

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
  // No `exp` required: screens are revoked through the database (see above).
  const result = await verifyToken(token, "screen", secrets, now, "jti", false);
  if (!result.ok) return result;
  const { jti, ver } = result.payload;
  if (typeof jti !== "string" || !SCREEN_ID.test(jti)) return { ok: false, reason: "malformed" };
  if (typeof ver !== "number" || !Number.isInteger(ver) || ver < 1) {
    return { ok: false, reason: "malformed" };
  }
  return { ok: true, screenId: jti, version: ver };
}
