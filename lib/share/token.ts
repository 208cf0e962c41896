/**
 * Share-link tokens and unlock proofs: compact HS256 JWTs (jose), server only.
 *
 * Keys. Each purpose has its own 32-byte key, HKDF-SHA256 over the app secret
 * (`NEXTAUTH_SECRET`) with a fixed info string — so these tokens can never be confused with
 * next-auth's sessions or with each other. The header's `kid` is a short SHA-256 digest of the
 * derived key (never the key), which lets the secret rotate: tokens are signed with the current
 * secret only, and verified against the current one and every secret listed in
 * `CHATLENS_PREVIOUS_SECRETS` (comma-separated former values of NEXTAUTH_SECRET). Remove a
 * previous secret once the links signed with it have expired or been renewed.
 *
 * Share token: header `{alg: HS256, typ: JWT, kid}`, claims `{iss: chatlens,
 * aud: chatlens:share, pur: share, jti: <link id>, iat, exp}`; `exp` is the link's expiry.
 * The scope is not in the token: the database row is the authority (and can be revoked).
 *
 * Unlock proof (after a correct link password, kept in an HttpOnly cookie): `{iss: chatlens,
 * aud: chatlens:share-unlock, pur: share-unlock, sub: <link id>, iat, exp = iat + 12 h}`.
 *
 * Verification never throws on bad input; it answers why a token was refused. Only HS256 is
 * accepted (a header naming `none`, HS512 or anything else is refused before any key is used).
 */
import "server-only";
import { createHash, hkdfSync } from "node:crypto";
import { decodeProtectedHeader, jwtVerify, SignJWT } from "jose";
import { getConfig } from "../env";

export type TokenPurpose = "share" | "share-unlock" | "screen";

const INFO: Record<TokenPurpose, string> = {
  share: "chatlens share-link token v1",
  "share-unlock": "chatlens share-link unlock v1",
  // Wall-mounted screens (lib/screens/token.ts signs and verifies these itself: no `exp`).
  screen: "chatlens screen token v1",
};
const PURPOSES = Object.keys(INFO) as TokenPurpose[];

const ISSUER = "chatlens";
const audience = (purpose: TokenPurpose) => `chatlens:${purpose}`;
const ALG = "HS256";

/** Tokens longer than this are refused unread (ours are about 250 characters). */
const MAX_TOKEN_LENGTH = 2048;
/** How long an unlock proof lasts, seconds. */
export const UNLOCK_TTL_SECONDS = 12 * 60 * 60;

/** A link id: 16–64 base64url characters (ours: 22). */
const LINK_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** The secret that signs, and the former ones still accepted when verifying. */
export interface TokenSecrets {
  current: string;
  previous?: readonly string[];
}

export interface DerivedKey {
  key: Uint8Array;
  /** 16 base64url characters of SHA-256 over the derived key. */
  kid: string;
}

const derived = new Map<string, DerivedKey>();

/** The key of `purpose` derived from `secret` (HKDF-SHA256, empty salt, fixed info, 32 bytes). */
export function deriveKey(secret: string, purpose: TokenPurpose): DerivedKey {
  const cacheKey = `${purpose}\u0000${secret}`;
  const known = derived.get(cacheKey);
  if (known) return known;
  const key = new Uint8Array(hkdfSync("sha256", secret, "", INFO[purpose], 32));
  const kid = createHash("sha256").update(key).digest("base64url").slice(0, 16);
  const value = { key, kid };
  // A handful of secrets per process; the bound only guards against misuse.
  if (derived.size > 64) derived.clear();
  derived.set(cacheKey, value);
  return value;
}

function keyRing(secrets: TokenSecrets, purpose: TokenPurpose): DerivedKey[] {
  return [secrets.current, ...(secrets.previous ?? [])].map((s) => deriveKey(s, purpose));
}

export type TokenFailure = "malformed" | "bad_signature" | "unknown_key" | "expired" | "wrong_type";

export type ShareTokenResult =
  { ok: true; linkId: string; expiresAt: Date } | { ok: false; reason: TokenFailure };

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/**
 * Signs the token of share link `linkId`, valid until `expiresAt` (whole seconds; a later
 * renewal signs a new token, this one keeps its own `exp`).
 */
export async function signShareToken(
  linkId: string,
  expiresAt: Date,
  secrets: TokenSecrets,
  now: Date = new Date(),
): Promise<string> {
  if (!LINK_ID.test(linkId)) throw new Error("signShareToken: not a link id");
  const { key, kid } = deriveKey(secrets.current, "share");
  return new SignJWT({ pur: "share" })
    .setProtectedHeader({ alg: ALG, typ: "JWT", kid })
    .setIssuer(ISSUER)
    .setAudience(audience("share"))
    .setJti(linkId)
    .setIssuedAt(seconds(now))
    .setExpirationTime(seconds(expiresAt))
    .sign(key);
}

/** A verified token's claims; `exp` is null only when the purpose signs without one. */
export type VerifiedToken =
  | { ok: true; payload: Record<string, unknown>; exp: number | null }
  | { ok: false; reason: TokenFailure };

function joseCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

/**
 * Verifies a Chatlens token of `purpose`: header checks (HS256 only), key lookup by `kid`
 * among the current and previous secrets, then jose's signature and claim checks (`iss`,
 * `aud`, `pur`, `iat`, `idClaim`, and `exp` unless `requireExp` is false — screen tokens have
 * none). Never throws on bad input; says why a token was refused.
 */
export async function verifyToken(
  token: unknown,
  purpose: TokenPurpose,
  secrets: TokenSecrets,
  now: Date,
  idClaim: "jti" | "sub",
  requireExp = true,
): Promise<VerifiedToken> {
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
  // `none`, HS512, RS256…: not signed the only way we sign, so no acceptable signature.
  if (header.alg !== ALG) return { ok: false, reason: "bad_signature" };
  if (typeof header.kid !== "string") return { ok: false, reason: "unknown_key" };
  const found = keyRing(secrets, purpose).find((k) => k.kid === header.kid);
  if (!found) {
    const other = PURPOSES.some(
      (p) => p !== purpose && keyRing(secrets, p).some((k) => k.kid === header.kid),
    );
    return { ok: false, reason: other ? "wrong_type" : "unknown_key" };
  }
  try {
    const { payload } = await jwtVerify(token, found.key, {
      algorithms: [ALG],
      issuer: ISSUER,
      audience: audience(purpose),
      requiredClaims: requireExp ? ["exp", "iat", idClaim] : ["iat", idClaim],
      currentDate: now,
    });
    if (payload.pur !== purpose) return { ok: false, reason: "wrong_type" };
    if (requireExp && typeof payload.exp !== "number") return { ok: false, reason: "malformed" };
    const exp = typeof payload.exp === "number" ? payload.exp : null;
    return { ok: true, payload: payload as Record<string, unknown>, exp };
  } catch (error) {
    switch (joseCode(error)) {
      case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
        return { ok: false, reason: "bad_signature" };
      case "ERR_JWT_EXPIRED":
        return { ok: false, reason: "expired" };
      case "ERR_JOSE_ALG_NOT_ALLOWED":
        return { ok: false, reason: "bad_signature" };
      case "ERR_JWT_CLAIM_VALIDATION_FAILED": {
        const claim = (error as { claim?: unknown }).claim;
        return { ok: false, reason: claim === "aud" ? "wrong_type" : "malformed" };
      }
      default:
        return { ok: false, reason: "malformed" };
    }
  }
}

/**
 * Verifies a share token.
 * @returns the link id (`jti`) and the token's own expiry, or why it was refused:
 *   `malformed` (not a JWT of ours), `bad_signature` (edited, or not HS256), `unknown_key`
 *   (signed with a secret that is neither current nor listed as previous), `expired`,
 *   `wrong_type` (another kind of Chatlens token, e.g. an unlock proof).
 */
export async function verifyShareToken(
  token: unknown,
  secrets: TokenSecrets,
  now: Date = new Date(),
): Promise<ShareTokenResult> {
  const result = await verifyToken(token, "share", secrets, now, "jti");
  if (!result.ok) return result;
  const linkId = result.payload.jti;
  if (typeof linkId !== "string" || !LINK_ID.test(linkId)) {
    return { ok: false, reason: "malformed" };
  }
  // Share tokens always carry `exp` (required above).
  return { ok: true, linkId, expiresAt: new Date((result.exp ?? 0) * 1000) };
}

/** Signs an unlock proof for link `linkId`, valid `ttlSeconds` (default 12 h) from `now`. */
export async function signUnlockToken(
  linkId: string,
  secrets: TokenSecrets,
  now: Date = new Date(),
  ttlSeconds: number = UNLOCK_TTL_SECONDS,
): Promise<string> {
  if (!LINK_ID.test(linkId)) throw new Error("signUnlockToken: not a link id");
  const { key, kid } = deriveKey(secrets.current, "share-unlock");
  return new SignJWT({ pur: "share-unlock" })
    .setProtectedHeader({ alg: ALG, typ: "JWT", kid })
    .setIssuer(ISSUER)
    .setAudience(audience("share-unlock"))
    .setSubject(linkId)
    .setIssuedAt(seconds(now))
    .setExpirationTime(seconds(now) + ttlSeconds)
    .sign(key);
}

/**
 * Verifies an unlock proof for link `linkId` (a proof for another link is `wrong_type`).
 * @returns `{ ok: true, expiresAt }` or `{ ok: false, reason }` as `verifyShareToken`.
 */
export async function verifyUnlockToken(
  token: unknown,
  linkId: string,
  secrets: TokenSecrets,
  now: Date = new Date(),
): Promise<{ ok: true; expiresAt: Date } | { ok: false; reason: TokenFailure }> {
  const result = await verifyToken(token, "share-unlock", secrets, now, "sub");
  if (!result.ok) return result;
  if (result.payload.sub !== linkId) return { ok: false, reason: "wrong_type" };
  return { ok: true, expiresAt: new Date((result.exp ?? 0) * 1000) };
}

/** The app's secrets: `NEXTAUTH_SECRET` signs, `CHATLENS_PREVIOUS_SECRETS` are still accepted. */
export function appTokenSecrets(): TokenSecrets {
  const config = getConfig();
  return { current: config.authSecret, previous: config.previousAuthSecrets };
}

/** `signShareToken` with the app's secrets. */
export function signAppShareToken(linkId: string, expiresAt: Date, now?: Date): Promise<string> {
  return signShareToken(linkId, expiresAt, appTokenSecrets(), now);
}

/** `verifyShareToken` with the app's secrets. */
export function verifyAppShareToken(token: unknown, now?: Date): Promise<ShareTokenResult> {
  return verifyShareToken(token, appTokenSecrets(), now);
}
