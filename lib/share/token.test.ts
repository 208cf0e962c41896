import { createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, test } from "vitest";
import {
  deriveKey,
  signShareToken,
  signUnlockToken,
  verifyShareToken,
  verifyUnlockToken,
  type TokenSecrets,
} from "./token";

const SECRET = "s".repeat(24) + randomBytes(16).toString("hex");
const OLD_SECRET = "o".repeat(24) + randomBytes(16).toString("hex");
const FOREIGN = "f".repeat(24) + randomBytes(16).toString("hex");
const secrets: TokenSecrets = { current: SECRET };
const LINK = randomBytes(16).toString("base64url");
const NOW = new Date("2030-05-01T12:00:00Z");
const IN_30_DAYS = new Date(NOW.getTime() + 30 * 86_400_000);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const parts = (token: string) => token.split(".") as [string, string, string];
const decode = (part: string) =>
  JSON.parse(Buffer.from(part, "base64url").toString()) as Record<string, unknown>;

/** HMAC-SHA256 over header.payload with `key`: a hand-made JWS, to craft odd tokens. */
function handSigned(header: object, payload: object, key: Uint8Array, alg = "sha256"): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac(alg, key).update(input).digest("base64url")}`;
}

function shareClaims(over: Record<string, unknown> = {}) {
  return {
    pur: "share",
    iss: "chatlens",
    aud: "chatlens:share",
    jti: LINK,
    iat: Math.floor(NOW.getTime() / 1000),
    exp: Math.floor(IN_30_DAYS.getTime() / 1000),
    ...over,
  };
}

describe("share tokens", () => {
  test("round trip: link id and expiry come back; the header names HS256 and a kid", async () => {
    const token = await signShareToken(LINK, IN_30_DAYS, secrets, NOW);
    expect(await verifyShareToken(token, secrets, NOW)).toEqual({
      ok: true,
      linkId: LINK,
      expiresAt: new Date(Math.floor(IN_30_DAYS.getTime() / 1000) * 1000),
    });
    const [header, payload] = parts(token);
    expect(decode(header)).toEqual({
      alg: "HS256",
      typ: "JWT",
      kid: deriveKey(SECRET, "share").kid,
    });
    expect(decode(payload)).toMatchObject({ jti: LINK, pur: "share", aud: "chatlens:share" });
    // The token carries no secret material and no scope.
    expect(token).not.toContain(SECRET);
    expect(Object.keys(decode(payload)).sort()).toEqual(["aud", "exp", "iat", "iss", "jti", "pur"]);
  });

  test("the key is HKDF-SHA256 of the secret with the share info string; kid is a digest of it", () => {
    const { key, kid } = deriveKey(SECRET, "share");
    const expected = new Uint8Array(
      hkdfSync("sha256", SECRET, "", "chatlens share-link token v1", 32),
    );
    expect(Buffer.from(key).equals(Buffer.from(expected))).toBe(true);
    expect(kid).toBe(createHash("sha256").update(key).digest("base64url").slice(0, 16));
    expect(kid).not.toContain(Buffer.from(key).toString("base64url").slice(0, 8));
    expect(deriveKey(SECRET, "share-unlock").kid).not.toBe(kid);
    expect(deriveKey(OLD_SECRET, "share").kid).not.toBe(kid);
  });

  test("expired: refused after exp, accepted just before", async () => {
    const token = await signShareToken(LINK, IN_30_DAYS, secrets, NOW);
    const justBefore = new Date(IN_30_DAYS.getTime() - 1000);
    expect((await verifyShareToken(token, secrets, justBefore)).ok).toBe(true);
    expect(await verifyShareToken(token, secrets, new Date(IN_30_DAYS.getTime() + 1000))).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  test("tampered payload (another link id, a later exp) → bad_signature", async () => {
    const token = await signShareToken(LINK, IN_30_DAYS, secrets, NOW);
    const [header, payload, signature] = parts(token);
    const other = randomBytes(16).toString("base64url");
    for (const edit of [{ jti: other }, { exp: (decode(payload).exp as number) + 86_400 * 365 }]) {
      const forged = `${header}.${b64({ ...decode(payload), ...edit })}.${signature}`;
      expect(await verifyShareToken(forged, secrets, NOW)).toEqual({
        ok: false,
        reason: "bad_signature",
      });
    }
  });

  test("tampered signature → bad_signature", async () => {
    const token = await signShareToken(LINK, IN_30_DAYS, secrets, NOW);
    const [header, payload, signature] = parts(token);
    const flipped = (signature[0] === "A" ? "B" : "A") + signature.slice(1);
    expect(await verifyShareToken(`${header}.${payload}.${flipped}`, secrets, NOW)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(await verifyShareToken(`${header}.${payload}.`, secrets, NOW)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  test("alg: none (hand-crafted, unsigned) → refused", async () => {
    const kid = deriveKey(SECRET, "share").kid;
    const none = `${b64({ alg: "none", typ: "JWT", kid })}.${b64(shareClaims())}.`;
    expect(await verifyShareToken(none, secrets, NOW)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    // Also with a signature segment present, and with other spellings.
    for (const alg of ["none", "None", "NONE"]) {
      const token = `${b64({ alg, kid })}.${b64(shareClaims())}.c2ln`;
      expect((await verifyShareToken(token, secrets, NOW)).ok).toBe(false);
    }
  });

  test("HS512 with the right key → refused (only HS256 is accepted)", async () => {
    const { key, kid } = deriveKey(SECRET, "share");
    const hs512 = handSigned({ alg: "HS512", typ: "JWT", kid }, shareClaims(), key, "sha512");
    expect(await verifyShareToken(hs512, secrets, NOW)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    // Control: the same hand-made token in HS256 is accepted, so the refusal is about alg.
    const hs256 = handSigned({ alg: "HS256", typ: "JWT", kid }, shareClaims(), key);
    expect((await verifyShareToken(hs256, secrets, NOW)).ok).toBe(true);
  });

  test("a token signed with a foreign secret → unknown_key; with a forged kid → bad_signature", async () => {
    const foreign = await signShareToken(LINK, IN_30_DAYS, { current: FOREIGN }, NOW);
    expect(await verifyShareToken(foreign, secrets, NOW)).toEqual({
      ok: false,
      reason: "unknown_key",
    });
    const foreignKey = deriveKey(FOREIGN, "share").key;
    const forgedKid = handSigned(
      { alg: "HS256", typ: "JWT", kid: deriveKey(SECRET, "share").kid },
      shareClaims(),
      foreignKey,
    );
    expect(await verifyShareToken(forgedKid, secrets, NOW)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    // The raw secret used as the HMAC key (no HKDF) is a foreign key too.
    const rawKey = handSigned(
      { alg: "HS256", typ: "JWT", kid: deriveKey(SECRET, "share").kid },
      shareClaims(),
      new TextEncoder().encode(SECRET),
    );
    expect(await verifyShareToken(rawKey, secrets, NOW)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  test("unknown or missing kid → unknown_key", async () => {
    const { key } = deriveKey(SECRET, "share");
    const unknown = handSigned({ alg: "HS256", kid: "nope" }, shareClaims(), key);
    expect(await verifyShareToken(unknown, secrets, NOW)).toEqual({
      ok: false,
      reason: "unknown_key",
    });
    const missing = handSigned({ alg: "HS256" }, shareClaims(), key);
    expect(await verifyShareToken(missing, secrets, NOW)).toEqual({
      ok: false,
      reason: "unknown_key",
    });
  });

  test("rotation: a token of a previous secret is accepted while that secret is listed", async () => {
    const old = await signShareToken(LINK, IN_30_DAYS, { current: OLD_SECRET }, NOW);
    const rotated: TokenSecrets = { current: SECRET, previous: [OLD_SECRET] };
    expect(await verifyShareToken(old, rotated, NOW)).toMatchObject({ ok: true, linkId: LINK });
    expect(await verifyShareToken(old, { current: SECRET }, NOW)).toEqual({
      ok: false,
      reason: "unknown_key",
    });
    // New tokens are signed with the current secret only.
    const fresh = await signShareToken(LINK, IN_30_DAYS, rotated, NOW);
    expect(await verifyShareToken(fresh, { current: SECRET }, NOW)).toMatchObject({ ok: true });
    expect(await verifyShareToken(fresh, { current: OLD_SECRET }, NOW)).toEqual({
      ok: false,
      reason: "unknown_key",
    });
  });

  test("missing exp, missing jti or a foreign audience are refused", async () => {
    const { key, kid } = deriveKey(SECRET, "share");
    const header = { alg: "HS256", typ: "JWT", kid };
    const noExp = shareClaims();
    delete (noExp as Partial<typeof noExp>).exp;
    expect(await verifyShareToken(handSigned(header, noExp, key), secrets, NOW)).toEqual({
      ok: false,
      reason: "malformed",
    });
    const noJti = shareClaims();
    delete (noJti as Partial<typeof noJti>).jti;
    expect((await verifyShareToken(handSigned(header, noJti, key), secrets, NOW)).ok).toBe(false);
    const badJti = handSigned(header, shareClaims({ jti: "../../x" }), key);
    expect(await verifyShareToken(badJti, secrets, NOW)).toEqual({
      ok: false,
      reason: "malformed",
    });
    const otherAud = handSigned(header, shareClaims({ aud: "chatlens:screen" }), key);
    expect(await verifyShareToken(otherAud, secrets, NOW)).toEqual({
      ok: false,
      reason: "wrong_type",
    });
    const otherPurpose = handSigned(header, shareClaims({ pur: "screen" }), key);
    expect(await verifyShareToken(otherPurpose, secrets, NOW)).toEqual({
      ok: false,
      reason: "wrong_type",
    });
  });

  test.each([
    ["empty", ""],
    ["not a JWT", "hello"],
    ["two parts", "a.b"],
    ["garbage header", "!!!.b.c"],
    ["header not JSON", `${Buffer.from("nope").toString("base64url")}.e30.sig`],
    ["far too long", "a".repeat(5000)],
    ["not a string", 42],
    ["null", null],
  ])("malformed input (%s) → malformed, no throw", async (_name, token) => {
    expect(await verifyShareToken(token, secrets, NOW)).toEqual({ ok: false, reason: "malformed" });
  });

  test("jose-made tokens with our key but other claims are refused too", async () => {
    const { key, kid } = deriveKey(SECRET, "share");
    const token = await new SignJWT({ pur: "share" })
      .setProtectedHeader({ alg: "HS256", kid })
      .setIssuer("someone-else")
      .setAudience("chatlens:share")
      .setJti(LINK)
      .setIssuedAt(NOW)
      .setExpirationTime(IN_30_DAYS)
      .sign(key);
    expect((await verifyShareToken(token, secrets, NOW)).ok).toBe(false);
  });
});

describe("unlock proofs", () => {
  test("round trip, bound to one link, 12 hours", async () => {
    const proof = await signUnlockToken(LINK, secrets, NOW);
    expect(await verifyUnlockToken(proof, LINK, secrets, NOW)).toEqual({
      ok: true,
      expiresAt: new Date(NOW.getTime() + 12 * 3600_000),
    });
    const other = randomBytes(16).toString("base64url");
    expect(await verifyUnlockToken(proof, other, secrets, NOW)).toEqual({
      ok: false,
      reason: "wrong_type",
    });
    const later = new Date(NOW.getTime() + 12 * 3600_000 + 1000);
    expect(await verifyUnlockToken(proof, LINK, secrets, later)).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  test("wrong type: an unlock proof is not a share token, and a share token is not a proof", async () => {
    const proof = await signUnlockToken(LINK, secrets, NOW);
    const share = await signShareToken(LINK, IN_30_DAYS, secrets, NOW);
    expect(await verifyShareToken(proof, secrets, NOW)).toEqual({
      ok: false,
      reason: "wrong_type",
    });
    expect(await verifyUnlockToken(share, LINK, secrets, NOW)).toEqual({
      ok: false,
      reason: "wrong_type",
    });
    // Even signed with the other purpose's key and kid, the claims still say what it is.
    const { key, kid } = deriveKey(SECRET, "share");
    const proofClaimsWithShareKey = handSigned(
      { alg: "HS256", kid },
      { ...shareClaims({ pur: "share-unlock", aud: "chatlens:share-unlock", sub: LINK }) },
      key,
    );
    expect(await verifyShareToken(proofClaimsWithShareKey, secrets, NOW)).toEqual({
      ok: false,
      reason: "wrong_type",
    });
  });

  test("a proof made with a foreign secret is refused", async () => {
    const proof = await signUnlockToken(LINK, { current: FOREIGN }, NOW);
    expect(await verifyUnlockToken(proof, LINK, secrets, NOW)).toEqual({
      ok: false,
      reason: "unknown_key",
    });
  });
});
