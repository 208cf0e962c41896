/**
 * The share-link service on both databases (PGlite `memory://` and a fresh PostgreSQL
 * database; see lib/db/testing/databases.ts): create, list, revoke (immediate), renew, expiry,
 * view counting, passwords, and that secrets never come back.
 */
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { listAuditEvents } from "../db/audit";
import { shareLinks } from "../db/schema";
import { openTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from "../db/testing/databases";
import {
  createShareLinkService,
  shareClientIp,
  unlockCookieName,
  type ShareLinkService,
} from "./links";
import { PasswordAttemptLimiter } from "./password";
import type { ShareScopeInput } from "./scope";
import { signShareToken, verifyShareToken, type TokenSecrets } from "./token";

const DAY = 86_400_000;
const secrets: TokenSecrets = { current: randomBytes(32).toString("base64url") };
const alice = { id: "livechat:alice@example.com", name: "Alice" };
const bob = { id: "rocketchat:bobId", name: "bob" };
const scope: ShareScopeInput = {
  page: "overview",
  source: "livechat",
  group: "1",
  range: { kind: "rolling", preset: "last7" },
  hideAgentNames: true,
};
const PASSWORD = "open sesame 42";

describe.each(TEST_DATABASE_KINDS)("share links on %s", (kind) => {
  let t: TestDatabase;
  let clock: Date;
  let service: ShareLinkService;
  const later = (days: number) => (clock = new Date(clock.getTime() + days * DAY));

  beforeAll(async () => {
    t = await openTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  }, 30_000);
  beforeEach(() => {
    clock = new Date(Math.floor(Date.now() / 1000) * 1000);
    service = createShareLinkService({
      db: t.handle.db,
      secrets,
      limiter: new PasswordAttemptLimiter(),
      now: () => clock,
    });
  });

  test("create: a link, its token once, and the URL path", async () => {
    const created = await service.createShareLink(alice, { scope });
    expect(created.url).toBe(`/share/${created.token}`);
    expect(created.link).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      scope: {
        page: "overview",
        source: "livechat",
        group: "1",
        agent: null,
        range: { kind: "rolling", preset: "last7" },
        granularity: null,
        compare: true,
        hideAgentNames: true,
      },
      createdAt: clock.toISOString(),
      expiresAt: new Date(clock.getTime() + 30 * DAY).toISOString(),
      revokedAt: null,
      lastAccessedAt: null,
      viewCount: 0,
      hasPassword: false,
      status: "active",
      creatorName: "Alice",
    });
    const verified = await verifyShareToken(created.token, secrets, clock);
    expect(verified).toEqual({
      ok: true,
      linkId: created.link.id,
      expiresAt: new Date(created.link.expiresAt),
    });
    const opened = await service.openShareLink(created.token);
    expect(opened).toEqual({
      ok: true,
      link: created.link,
      scope: created.link.scope,
      needsPassword: false,
    });
    const [audit] = await listAuditEvents(t.handle.db, {
      subject: `share_link:${created.link.id}`,
    });
    expect(audit).toMatchObject({ actor: alice.id, action: "share_link.create" });
    expect(JSON.stringify(audit)).not.toContain(created.token);
  });

  test("create refuses invalid input (the routes validate first)", async () => {
    await expect(service.createShareLink(alice, { scope, expiresInDays: 400 })).rejects.toThrow();
    await expect(
      service.createShareLink(alice, { scope: { ...scope, page: "archive" as "overview" } }),
    ).rejects.toThrow();
  });

  test("list: the creator's own links, newest first, with status; never a token or a hash", async () => {
    // Its own creator: other tests create links in the same second.
    const me = { id: `livechat:${randomBytes(4).toString("hex")}@example.com`, name: "Alice" };
    const first = await service.createShareLink(me, { scope, expiresInDays: 1 });
    later(0.5);
    const second = await service.createShareLink(me, { scope, password: PASSWORD });
    later(0.5);
    const third = await service.createShareLink(me, { scope });
    await service.createShareLink(bob, { scope });
    await service.revokeShareLink(third.link.id, me.id);
    later(0.1); // the first (1 day) has now expired
    const mine = await service.listShareLinks(me.id);
    const ids = mine.map((l) => l.id);
    expect(ids).toEqual([third.link.id, second.link.id, first.link.id]);
    const byId = new Map(mine.map((l) => [l.id, l]));
    expect(byId.get(first.link.id)!.status).toBe("expired");
    expect(byId.get(second.link.id)).toMatchObject({ status: "active", hasPassword: true });
    expect(byId.get(third.link.id)!.status).toBe("revoked");
    expect(byId.get(third.link.id)!.revokedAt).not.toBeNull();
    const all = JSON.stringify(mine);
    for (const token of [first.token, second.token, third.token]) expect(all).not.toContain(token);
    expect(all).not.toContain("scrypt$");
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toMatch(/password_?hash/i);
    expect((await service.listShareLinks(bob.id)).every((l) => l.creatorName === "bob")).toBe(true);
    expect(await service.listShareLinks("nobody")).toEqual([]);
  });

  test("revoke: immediate, only by the creator, idempotent", async () => {
    const { link, token } = await service.createShareLink(alice, { scope });
    expect((await service.openShareLink(token)).ok).toBe(true);
    expect(await service.revokeShareLink(link.id, bob.id)).toBeNull();
    expect((await service.openShareLink(token)).ok).toBe(true);
    const revoked = await service.revokeShareLink(link.id, alice.id);
    expect(revoked).toMatchObject({
      id: link.id,
      status: "revoked",
      revokedAt: clock.toISOString(),
    });
    // The very next request sees it: no cache between the row and the check.
    expect(await service.openShareLink(token)).toEqual({ ok: false, reason: "revoked" });
    later(0.01);
    const again = await service.revokeShareLink(link.id, alice.id);
    expect(again!.revokedAt).toBe(revoked!.revokedAt);
    expect(await service.revokeShareLink("x".repeat(22), alice.id)).toBeNull();
    const events = await listAuditEvents(t.handle.db, {
      subject: `share_link:${link.id}`,
      action: "share_link.revoke",
    });
    expect(events).toHaveLength(1);
  });

  test("expiry: a link stops working at its expiry, by its token and by its row", async () => {
    const { token } = await service.createShareLink(alice, { scope, expiresInDays: 7 });
    later(6.9);
    expect((await service.openShareLink(token)).ok).toBe(true);
    later(0.2);
    expect(await service.openShareLink(token)).toEqual({ ok: false, reason: "expired" });
  });

  test("renew: a new expiry and token; the old token only until its own exp", async () => {
    const old = await service.createShareLink(alice, { scope, expiresInDays: 2 });
    later(1);
    const renewed = await service.renewShareLink(old.link.id, alice.id, 10);
    expect(renewed.ok).toBe(true);
    if (!renewed.ok) return;
    expect(renewed.token).not.toBe(old.token);
    expect(renewed.url).toBe(`/share/${renewed.token}`);
    expect(renewed.link).toMatchObject({
      id: old.link.id,
      status: "active",
      expiresAt: new Date(clock.getTime() + 10 * DAY).toISOString(),
    });
    expect((await service.openShareLink(old.token)).ok).toBe(true);
    later(1.5); // past the old token's exp, inside the new expiry
    expect(await service.openShareLink(old.token)).toEqual({ ok: false, reason: "expired" });
    expect((await service.openShareLink(renewed.token)).ok).toBe(true);
    const events = await listAuditEvents(t.handle.db, {
      subject: `share_link:${old.link.id}`,
      action: "share_link.renew",
    });
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(renewed.token);
  });

  test("renew: an expired link comes back; a shorter expiry cuts old tokens too", async () => {
    const { link, token } = await service.createShareLink(alice, { scope, expiresInDays: 30 });
    later(31);
    expect(await service.openShareLink(token)).toEqual({ ok: false, reason: "expired" });
    const renewed = await service.renewShareLink(link.id, alice.id, 30);
    expect(renewed.ok && (await service.openShareLink(renewed.token)).ok).toBe(true);
    // Renewing to a shorter life: the earlier token (still within its own exp) stops with the row.
    const second = renewed.ok ? renewed.token : "";
    const shorter = await service.renewShareLink(link.id, alice.id, 1);
    expect(shorter.ok).toBe(true);
    later(2);
    expect(await service.openShareLink(second)).toEqual({ ok: false, reason: "expired" });
  });

  test("renew: not someone else's link, not a revoked one", async () => {
    const { link } = await service.createShareLink(alice, { scope });
    expect(await service.renewShareLink(link.id, bob.id, 10)).toEqual({
      ok: false,
      reason: "not_found",
    });
    await service.revokeShareLink(link.id, alice.id);
    expect(await service.renewShareLink(link.id, alice.id, 10)).toEqual({
      ok: false,
      reason: "revoked",
    });
    await expect(service.renewShareLink(link.id, alice.id, 0)).rejects.toThrow();
  });

  test("open: invalid, foreign and orphan tokens", async () => {
    expect(await service.openShareLink("not-a-token")).toEqual({ ok: false, reason: "invalid" });
    const { link, token } = await service.createShareLink(alice, { scope });
    const foreign = createShareLinkService({
      db: t.handle.db,
      secrets: { current: randomBytes(32).toString("base64url") },
      limiter: new PasswordAttemptLimiter(),
      now: () => clock,
    });
    expect(await foreign.openShareLink(token)).toEqual({ ok: false, reason: "invalid" });
    const orphan = await signShareToken(
      randomBytes(16).toString("base64url"),
      new Date(clock.getTime() + DAY),
      secrets,
      clock,
    );
    expect(await service.openShareLink(orphan)).toEqual({ ok: false, reason: "not_found" });
    // Edited token: another link's id with this token's signature.
    const [h, , s] = token.split(".");
    const payload = Buffer.from(
      JSON.stringify({ jti: randomBytes(16).toString("base64url"), exp: 2e9 }),
    ).toString("base64url");
    expect(await service.openShareLink(`${h}.${payload}.${s}`)).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(link.id).toBeTruthy();
  });

  test("views: counted exactly under concurrency, last access stamped", async () => {
    const { link, token } = await service.createShareLink(alice, { scope });
    later(1);
    await Promise.all(Array.from({ length: 40 }, () => service.recordShareView(link.id)));
    const opened = await service.openShareLink(token);
    expect(opened.ok && opened.link.viewCount).toBe(40);
    expect(opened.ok && opened.link.lastAccessedAt).toBe(clock.toISOString());
    const [row] = await t.handle.db
      .select({ viewCount: shareLinks.viewCount })
      .from(shareLinks)
      .where(eq(shareLinks.id, link.id));
    expect(row!.viewCount).toBe(40);
  });

  test("password: stored hashed, checked, unlock proof bound to the link", async () => {
    const { link, token } = await service.createShareLink(alice, { scope, password: PASSWORD });
    const [row] = await t.handle.db.select().from(shareLinks).where(eq(shareLinks.id, link.id));
    expect(row!.passwordHash).toMatch(/^scrypt\$/);
    expect(row!.passwordHash).not.toContain(PASSWORD);
    const opened = await service.openShareLink(token);
    expect(opened.ok && opened.needsPassword).toBe(true);
    expect(JSON.stringify(opened)).not.toContain("scrypt$");

    expect(await service.unlockShareLink(token, "wrong password", "192.0.2.1")).toEqual({
      status: "wrong",
      linkId: link.id,
    });
    const ok = await service.unlockShareLink(token, PASSWORD, "192.0.2.1");
    expect(ok).toMatchObject({
      status: "ok",
      linkId: link.id,
      cookie: { name: unlockCookieName(link.id), maxAgeSeconds: 12 * 3600 },
    });
    if (ok.status !== "ok") return;
    expect(ok.cookie.name).toBe(`chatlens_share_${link.id}`);
    expect(await service.verifyUnlock(ok.cookie.value, link.id)).toBe(true);
    expect(await service.verifyUnlock(ok.cookie.value, "y".repeat(22))).toBe(false);
    expect(await service.verifyUnlock(undefined, link.id)).toBe(false);
    expect(await service.verifyUnlock(token, link.id)).toBe(false);
    later(0.6); // 14.4 h: the proof has expired
    expect(await service.verifyUnlock(ok.cookie.value, link.id)).toBe(false);

    const failed = await listAuditEvents(t.handle.db, {
      subject: `share_link:${link.id}`,
      action: "share_link.unlock_failed",
    });
    expect(failed).toHaveLength(1);
    expect(failed[0]!.actor).toBe("anonymous");
    const text = JSON.stringify(failed);
    expect(text).not.toContain("wrong password");
    expect(text).not.toContain(token);
  }, 30_000);

  test("password: rate limited after 5 failures, audited once per window", async () => {
    const { link, token } = await service.createShareLink(alice, { scope, password: PASSWORD });
    for (let i = 0; i < 5; i++) {
      expect((await service.unlockShareLink(token, `guess ${i}`, null)).status).toBe("wrong");
    }
    const limited = await service.unlockShareLink(token, PASSWORD, null);
    expect(limited.status).toBe("rate_limited");
    expect(limited.status === "rate_limited" && limited.retryAfterSeconds).toBeGreaterThan(0);
    await service.unlockShareLink(token, "again", null);
    const events = await listAuditEvents(t.handle.db, {
      subject: `share_link:${link.id}`,
      action: "share_link.unlock_rate_limited",
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ client: "unknown" });
    // Another client address still has its own attempts.
    expect((await service.unlockShareLink(token, PASSWORD, "192.0.2.9")).status).toBe("ok");
  }, 30_000);

  test("unlock: not required without a password; unavailable for dead links", async () => {
    const { link, token } = await service.createShareLink(alice, { scope });
    expect(await service.unlockShareLink(token, "anything", null)).toEqual({
      status: "not_required",
      linkId: link.id,
    });
    await service.revokeShareLink(link.id, alice.id);
    expect(await service.unlockShareLink(token, "anything", null)).toEqual({
      status: "unavailable",
      reason: "revoked",
    });
    expect(await service.unlockShareLink("garbage", "anything", null)).toEqual({
      status: "unavailable",
      reason: "invalid",
    });
  });
});

describe("client address for rate limits", () => {
  const headers = (xff?: string) =>
    new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });
  test("X-Forwarded-For is used only behind a trusted proxy", () => {
    expect(shareClientIp(headers("203.0.113.5, 10.0.0.1"), true)).toBe("203.0.113.5");
    expect(shareClientIp(headers("2001:db8::1"), true)).toBe("2001:db8::1");
    expect(shareClientIp(headers("203.0.113.5"), false)).toBeNull();
    expect(shareClientIp(headers("not-an-ip"), true)).toBeNull();
    expect(shareClientIp(headers(), true)).toBeNull();
  });
});

describe("failures never leak secrets", () => {
  test("a failed insert's error carries no parameters (no password hash)", async () => {
    const t = await openTestDatabase("pglite");
    try {
      await t.handle.db.execute(sql`drop table share_links`);
      const service = createShareLinkService({
        db: t.handle.db,
        secrets,
        limiter: new PasswordAttemptLimiter(),
      });
      const error = await service.createShareLink(alice, { scope, password: PASSWORD }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      const text = `${(error as Error).message} ${(error as Error).stack}`;
      expect(text).toMatch(/share_links/);
      expect(text).not.toContain("scrypt$");
      expect(text).not.toContain(PASSWORD);
    } finally {
      await t.drop();
    }
  }, 60_000);
});
