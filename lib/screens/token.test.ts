import { randomBytes } from "node:crypto";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { describe, expect, test } from "vitest";
import { signShareToken, signUnlockToken, type TokenSecrets } from "@/lib/share/token";
import { signScreenToken, verifyScreenToken } from "./token";

const secret = () => randomBytes(32).toString("base64url");
const secrets: TokenSecrets = { current: secret() };
const SCREEN = "S".repeat(22);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("screen tokens", () => {
  test("round trip: screen id and version; HS256 with a kid; no exp", async () => {
    const token = await signScreenToken(SCREEN, 3, secrets);
    expect(await verifyScreenToken(token, secrets)).toEqual({
      ok: true,
      screenId: SCREEN,
      version: 3,
    });
    expect(decodeProtectedHeader(token)).toMatchObject({
      alg: "HS256",
      typ: "JWT",
      // Vitest's "some string" matcher (not the `any` type): the kid is a key hash.
      kid: expect.any(String),
    });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      iss: "chatlens",
      aud: "chatlens:screen",
      pur: "screen",
      jti: SCREEN,
      ver: 3,
    });
    expect(claims.exp).toBeUndefined();
    // Years later it still verifies: revocation is the database's job.
    const later = new Date(Date.now() + 5 * 365 * 86_400_000);
    expect((await verifyScreenToken(token, secrets, later)).ok).toBe(true);
  });

  test("a previous secret still verifies; an unknown one does not", async () => {
    const old = secret();
    const token = await signScreenToken(SCREEN, 1, { current: old });
    expect((await verifyScreenToken(token, { current: secret(), previous: [old] })).ok).toBe(true);
    expect(await verifyScreenToken(token, secrets)).toEqual({ ok: false, reason: "unknown_key" });
  });

  test("share tokens and unlock proofs are the wrong type, and the reverse", async () => {
    const share = await signShareToken(SCREEN, new Date(Date.now() + 86_400_000), secrets);
    const unlock = await signUnlockToken(SCREEN, secrets);
    expect(await verifyScreenToken(share, secrets)).toEqual({ ok: false, reason: "wrong_type" });
    expect(await verifyScreenToken(unlock, secrets)).toEqual({ ok: false, reason: "wrong_type" });
  });

  test("tampered, unsigned or garbage tokens are refused", async () => {
    const token = await signScreenToken(SCREEN, 1, secrets);
    const [h, , s] = token.split(".") as [string, string, string];
    const forged = `${h}.${b64({ ...decodeJwt(token), ver: 9 })}.${s}`;
    expect(await verifyScreenToken(forged, secrets)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    const none = `${b64({ alg: "none", typ: "JWT" })}.${b64(decodeJwt(token))}.`;
    expect(await verifyScreenToken(none, secrets)).toEqual({ ok: false, reason: "bad_signature" });
    for (const bad of ["", "abc", "a.b.c", 42, null, "x".repeat(3000)]) {
      expect(await verifyScreenToken(bad, secrets)).toEqual({ ok: false, reason: "malformed" });
    }
  });

  test("signing refuses what is not a screen id or a version", async () => {
    await expect(signScreenToken("short", 1, secrets)).rejects.toThrow();
    await expect(signScreenToken(SCREEN, 0, secrets)).rejects.toThrow();
    await expect(signScreenToken(SCREEN, 1.5, secrets)).rejects.toThrow();
  });
});
