/**
 * The board and screen service on both databases (PGlite `memory://` and a fresh PostgreSQL
 * database; see lib/db/testing/databases.ts): owner scoping, clamping, tokens, revocation and
 * rotation taking effect at once, heartbeats, audit events.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { listAuditEvents } from "../db/audit";
import { openTestDatabase, TEST_DATABASE_KINDS, type TestDatabase } from "../db/testing/databases";
import type { TokenSecrets } from "../share/token";
import type { BoardInput } from "./schema";
import { createScreenService, type ScreenService } from "./service";
import { signScreenToken, verifyScreenToken } from "./token";

const secrets: TokenSecrets = { current: randomBytes(32).toString("base64url") };
const owner = () => `livechat:${randomBytes(4).toString("hex")}@example.com`;
const board: BoardInput = {
  name: "Support floor",
  source: "livechat",
  group: "1",
  tiles: [
    { metric: "chats.total" },
    { metric: "chats.first_response_time", goal: { green: 30, amber: 60 } },
  ],
};

describe.each(TEST_DATABASE_KINDS)("screens on %s", (kind) => {
  let t: TestDatabase;
  let clock: Date;
  let service: ScreenService;
  let me: string;
  const later = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

  beforeAll(async () => {
    t = await openTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  }, 30_000);
  beforeEach(() => {
    clock = new Date(Math.floor(Date.now() / 1000) * 1000);
    me = owner();
    service = createScreenService({ db: t.handle.db, secrets, now: () => clock });
  });

  test("boards: create, list (owner-scoped, newest first), update, delete", async () => {
    const first = await service.createBoard(me, board);
    expect(first).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      name: "Support floor",
      source: "livechat",
      group: "1",
      range: "today",
      tiles: board.tiles,
      createdAt: clock.toISOString(),
      updatedAt: clock.toISOString(),
    });
    later(1);
    const second = await service.createBoard(me, { ...board, name: "Second" });
    await service.createBoard(owner(), board);
    expect((await service.listBoards(me)).map((b) => b.id)).toEqual([second.id, first.id]);

    later(1);
    const renamed = await service.updateBoard(first.id, me, { name: "Renamed" });
    expect(renamed).toMatchObject({
      ok: true,
      board: { name: "Renamed", group: "1", updatedAt: clock.toISOString() },
    });
    // Another source without a team: the old source's team no longer applies.
    expect(await service.updateBoard(first.id, me, { source: "rocketchat" })).toMatchObject({
      board: { source: "rocketchat", group: null },
    });
    expect(await service.updateBoard(first.id, me, { range: "last30" })).toMatchObject({
      board: { range: "last30" },
    });
    // Rocket.Chat has no CSAT report: neither new tiles nor a new source may leave a tile empty.
    expect(await service.updateBoard(first.id, me, { tiles: [{ metric: "chats.csat" }] })).toEqual({
      ok: false,
      reason: "invalid",
      message: expect.stringContaining("CSAT"),
    });
    const csat = await service.createBoard(me, { ...board, tiles: [{ metric: "chats.csat" }] });
    expect(await service.updateBoard(csat.id, me, { source: "rocketchat" })).toMatchObject({
      ok: false,
      reason: "invalid",
    });
    expect(await service.deleteBoard(csat.id, me)).toEqual({ ok: true });
    expect(await service.updateBoard(first.id, owner(), { name: "x" })).toEqual({
      ok: false,
      reason: "not_found",
    });
    await expect(service.updateBoard(first.id, me, { tiles: [] })).rejects.toThrow();

    expect(await service.deleteBoard(first.id, owner())).toEqual({
      ok: false,
      reason: "not_found",
    });
    expect(await service.deleteBoard(first.id, me)).toEqual({ ok: true });
    expect(await service.deleteBoard(first.id, me)).toEqual({ ok: false, reason: "not_found" });
    expect((await service.listBoards(me)).map((b) => b.id)).toEqual([second.id]);
  });

  test("create a screen: clamped intervals, token once, /tv/<token>, audit without the token", async () => {
    const b = await service.createBoard(me, board);
    const created = await service.createScreen(me, {
      name: "Lobby",
      boardIds: [b.id],
      refreshSeconds: 5,
      rotationSeconds: 10,
    });
    if (!created.ok) throw new Error("expected a screen");
    expect(created.url).toBe(`/tv/${created.token}`);
    expect(created.screen).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      name: "Lobby",
      boardIds: [b.id],
      rotationSeconds: 30,
      refreshSeconds: 30,
      theme: "dark",
      quietHours: null,
      createdAt: clock.toISOString(),
      revokedAt: null,
      lastSeenAt: null,
      lastVersion: null,
      lastErrors: [],
      status: "never_seen",
    });
    expect(await verifyScreenToken(created.token, secrets)).toEqual({
      ok: true,
      screenId: created.screen.id,
      version: 1,
    });
    const [audit] = await listAuditEvents(t.handle.db, { subject: `screen:${created.screen.id}` });
    expect(audit).toMatchObject({ actor: me, action: "screen.create" });
    expect(JSON.stringify(audit)).not.toContain(created.token);
    expect(JSON.stringify(await service.listScreens(me))).not.toContain(created.token);
  });

  test("update a screen: owner-scoped, clamped, own boards only, not once revoked", async () => {
    const a = await service.createBoard(me, board);
    const b = await service.createBoard(me, { ...board, name: "B" });
    const foreign = await service.createBoard(owner(), board);
    const created = await service.createScreen(me, { name: "Lobby", boardIds: [a.id] });
    if (!created.ok) throw new Error("expected a screen");
    const id = created.screen.id;
    const updated = await service.updateScreen(id, me, {
      boardIds: [b.id, a.id],
      refreshSeconds: 2,
      theme: "light",
      quietHours: { from: "20:00", to: "07:00", tz: "UTC" },
    });
    expect(updated).toMatchObject({
      ok: true,
      screen: {
        name: "Lobby",
        boardIds: [b.id, a.id],
        refreshSeconds: 30,
        rotationSeconds: 60,
        theme: "light",
        quietHours: { from: "20:00", to: "07:00", tz: "UTC" },
      },
    });
    // The token is unchanged by an edit.
    expect(await service.openScreen(created.token)).toMatchObject({ ok: true });
    expect(await service.updateScreen(id, me, { quietHours: null })).toMatchObject({
      ok: true,
      screen: { quietHours: null },
    });
    expect(await service.updateScreen(id, me, { boardIds: [foreign.id] })).toEqual({
      ok: false,
      reason: "unknown_boards",
      boardIds: [foreign.id],
    });
    expect(await service.updateScreen(id, owner(), { name: "x" })).toEqual({
      ok: false,
      reason: "not_found",
    });
    await expect(service.updateScreen(id, me, {})).rejects.toThrow();
    await service.revokeScreen(id, me);
    expect(await service.updateScreen(id, me, { name: "x" })).toEqual({
      ok: false,
      reason: "revoked",
    });
  });

  test("a configured minimum applies", async () => {
    const strict = createScreenService({
      db: t.handle.db,
      secrets,
      minRefreshSeconds: 120,
      now: () => clock,
    });
    const b = await strict.createBoard(me, board);
    const created = await strict.createScreen(me, {
      name: "x",
      boardIds: [b.id],
      refreshSeconds: 60,
    });
    expect(created.ok && created.screen.refreshSeconds).toBe(120);
    expect(created.ok && created.screen.rotationSeconds).toBe(120);
  });

  test("a screen only shows its owner's boards", async () => {
    const mine = await service.createBoard(me, board);
    const theirs = await service.createBoard(owner(), board);
    const missing = "Z".repeat(22);
    expect(
      await service.createScreen(me, { name: "x", boardIds: [mine.id, theirs.id, missing] }),
    ).toEqual({
      ok: false,
      reason: "unknown_boards",
      boardIds: [theirs.id, missing],
    });
    await expect(service.createScreen(me, { name: "x", boardIds: [] })).rejects.toThrow();
  });

  test("open: the config and boards in rotation order; a deleted board is skipped", async () => {
    const a = await service.createBoard(me, { ...board, name: "A" });
    const b = await service.createBoard(me, { ...board, name: "B", source: "all", group: null });
    const quietHours = { from: "22:00", to: "06:00", tz: "Europe/Warsaw" };
    const created = await service.createScreen(me, {
      name: "Floor",
      boardIds: [b.id, a.id],
      theme: "light",
      quietHours,
    });
    if (!created.ok) throw new Error("expected a screen");
    const opened = await service.openScreen(created.token);
    expect(opened).toEqual({
      ok: true,
      screen: {
        id: created.screen.id,
        name: "Floor",
        boardIds: [b.id, a.id],
        rotationSeconds: 60,
        refreshSeconds: 60,
        theme: "light",
        quietHours,
      },
      boards: [
        expect.objectContaining({ id: b.id, name: "B", source: "all", group: null }),
        expect.objectContaining({ id: a.id, name: "A", tiles: board.tiles }),
      ],
    });
    // In use by a live screen: not deletable.
    expect(await service.deleteBoard(a.id, me)).toEqual({
      ok: false,
      reason: "in_use",
      screens: [{ id: created.screen.id, name: "Floor" }],
    });
    await service.revokeScreen(created.screen.id, me);
    expect(await service.deleteBoard(a.id, me)).toEqual({ ok: true });
  });

  test("revoke: refused at once, idempotent, owner-scoped, audited", async () => {
    const b = await service.createBoard(me, board);
    const created = await service.createScreen(me, { name: "x", boardIds: [b.id] });
    if (!created.ok) throw new Error("expected a screen");
    expect(await service.revokeScreen(created.screen.id, owner())).toBeNull();
    expect((await service.openScreen(created.token)).ok).toBe(true);
    const revoked = await service.revokeScreen(created.screen.id, me);
    expect(revoked).toMatchObject({ status: "revoked", revokedAt: clock.toISOString() });
    expect(await service.openScreen(created.token)).toEqual({ ok: false, reason: "revoked" });
    expect(await service.recordHeartbeat(created.token, { version: "1" })).toEqual({
      ok: false,
      reason: "revoked",
    });
    later(5);
    expect(await service.revokeScreen(created.screen.id, me)).toMatchObject({
      revokedAt: revoked!.revokedAt,
    });
    expect(await service.rotateScreenToken(created.screen.id, me)).toEqual({
      ok: false,
      reason: "revoked",
    });
    const events = await listAuditEvents(t.handle.db, { subject: `screen:${created.screen.id}` });
    expect(events.map((e) => e.action)).toEqual(["screen.revoke", "screen.create"]);
  });

  test("rotate: a new token and URL, the old token refused as stale", async () => {
    const b = await service.createBoard(me, board);
    const created = await service.createScreen(me, { name: "x", boardIds: [b.id] });
    if (!created.ok) throw new Error("expected a screen");
    const rotated = await service.rotateScreenToken(created.screen.id, me);
    if (!rotated.ok) throw new Error("expected a new token");
    expect(rotated.token).not.toBe(created.token);
    expect(rotated.url).toBe(`/tv/${rotated.token}`);
    expect(await service.openScreen(created.token)).toEqual({ ok: false, reason: "stale_version" });
    expect((await service.openScreen(rotated.token)).ok).toBe(true);
    expect(await service.rotateScreenToken(created.screen.id, owner())).toEqual({
      ok: false,
      reason: "not_found",
    });
    const [audit] = await listAuditEvents(t.handle.db, { subject: `screen:${created.screen.id}` });
    expect(audit).toMatchObject({ action: "screen.rotate_token", details: { tokenVersion: 2 } });
    expect(JSON.stringify(audit)).not.toContain(rotated.token);
  });

  test("refusals: garbage, another secret, a screen that does not exist, a future version", async () => {
    expect(await service.openScreen("garbage")).toEqual({ ok: false, reason: "invalid" });
    const other = await signScreenToken("Q".repeat(22), 1, {
      current: randomBytes(32).toString("base64url"),
    });
    expect(await service.openScreen(other)).toEqual({ ok: false, reason: "invalid" });
    const ghost = await signScreenToken("Q".repeat(22), 1, secrets);
    expect(await service.openScreen(ghost)).toEqual({ ok: false, reason: "not_found" });
    const b = await service.createBoard(me, board);
    const created = await service.createScreen(me, { name: "x", boardIds: [b.id] });
    if (!created.ok) throw new Error("expected a screen");
    const future = await signScreenToken(created.screen.id, 7, secrets);
    expect(await service.openScreen(future)).toEqual({ ok: false, reason: "invalid" });
  });

  test("heartbeat: last contact, version, the last 20 errors; status online/offline", async () => {
    const b = await service.createBoard(me, board);
    const created = await service.createScreen(me, {
      name: "x",
      boardIds: [b.id],
      refreshSeconds: 60,
    });
    if (!created.ok) throw new Error("expected a screen");
    const first = Array.from({ length: 15 }, (_, i) => `first ${i}`);
    expect(
      await service.recordHeartbeat(created.token, { version: "1.0.0", errors: first }),
    ).toEqual({ ok: true });
    const firstAt = clock.toISOString();
    later(60);
    const second = Array.from({ length: 10 }, (_, i) => `second ${i}`);
    await service.recordHeartbeat(created.token, { version: "1.0.1", errors: second });
    later(60);
    await service.recordHeartbeat(created.token, { version: "1.0.1" });
    const [screen] = await service.listScreens(me);
    expect(screen).toMatchObject({
      lastSeenAt: clock.toISOString(),
      lastVersion: "1.0.1",
      status: "online",
    });
    expect(screen!.lastErrors.map((e) => e.message)).toEqual([...first.slice(5), ...second]);
    expect(screen!.lastErrors[0]!.at).toBe(firstAt);
    later(181);
    expect((await service.listScreens(me))[0]!.status).toBe("offline");
    await expect(
      service.recordHeartbeat(created.token, { version: "1", errors: ["x".repeat(301)] }),
    ).rejects.toThrow();
    expect(await service.recordHeartbeat("garbage", { version: "1" })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
