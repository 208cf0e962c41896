/**
 * The app database on both drivers: migrations, the schema's defaults, audit events, the
 * per-process singleton. PostgreSQL: see ./testing/databases.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { listAuditEvents, recordAuditEvent } from "./audit";
import {
  closeDb,
  createDb,
  getDb,
  isStorageUnavailable,
  migrationsFolder,
  StorageUnavailableError,
  type Db,
} from "./index";
import { shareLinks } from "./schema";
import {
  createPostgresDatabase,
  openTestDatabase,
  TEST_DATABASE_KINDS,
  type TestDatabase,
} from "./testing/databases";

const SCOPE = {
  page: "overview",
  source: "livechat",
  group: null,
  agent: null,
  range: { kind: "rolling", preset: "last7" },
  granularity: null,
  compare: true,
  hideAgentNames: false,
} as const;

/** `execute` on the driver-neutral `Db` is typed `unknown`; both drivers answer `{ rows }`. */
async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await db.execute(query)) as { rows: T[] }).rows;
}

async function tableNames(db: Db): Promise<string[]> {
  const result = await rows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return result.map((r) => r.table_name);
}

/** How many migrations the repository has (drizzle-kit's journal): all of them must apply, once. */
const MIGRATIONS = (
  JSON.parse(readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  }
).entries.length;

async function appliedMigrations(db: Db): Promise<number> {
  const result = await rows<{ n: number | string }>(
    db,
    sql`select count(*) as n from drizzle.__drizzle_migrations`,
  );
  return Number(result[0]?.n);
}

describe.each(TEST_DATABASE_KINDS)("database on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await t?.drop();
  }, 30_000);

  test("migrations created the tables", async () => {
    expect(t.handle.driver).toBe(kind);
    expect(await tableNames(t.handle.db)).toEqual([
      "audit_events",
      "boards",
      "screens",
      "share_links",
    ]);
    expect(await appliedMigrations(t.handle.db)).toBeGreaterThanOrEqual(1);
  });

  test("share_links defaults; jsonb scope and timestamps round-trip", async () => {
    const expiresAt = new Date("2031-01-02T03:04:05.000Z");
    const [row] = await t.handle.db
      .insert(shareLinks)
      .values({
        id: "a".repeat(22),
        creatorId: "demo",
        creatorName: "Demo",
        scope: SCOPE,
        expiresAt,
      })
      .returning();
    expect(row).toMatchObject({
      viewCount: 0,
      revokedAt: null,
      lastAccessedAt: null,
      passwordHash: null,
      scope: SCOPE,
      expiresAt,
    });
    expect(row!.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(row!.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    const [read] = await t.handle.db
      .select()
      .from(shareLinks)
      .where(eq(shareLinks.id, "a".repeat(22)));
    expect(read).toEqual(row);
  });

  test("audit events: appended and listed newest first", async () => {
    const db = t.handle.db;
    await recordAuditEvent(db, { actor: "demo", action: "test.one", subject: "thing:1" });
    await recordAuditEvent(db, {
      actor: "demo",
      action: "test.two",
      subject: "thing:1",
      details: { n: 2, nested: { ok: true } },
    });
    await recordAuditEvent(db, { actor: "x", action: "test.one", subject: "thing:2" });
    const events = await listAuditEvents(db, { subject: "thing:1" });
    expect(events.map((e) => e.action)).toEqual(["test.two", "test.one"]);
    expect(events[0]!.details).toEqual({ n: 2, nested: { ok: true } });
    expect(events[1]!.details).toEqual({});
    expect(await listAuditEvents(db, { action: "test.one" })).toHaveLength(2);
  });
});

describe.skipIf(!TEST_DATABASE_KINDS.includes("postgres"))("PostgreSQL migrations", () => {
  test("run once, also when several instances start together", async () => {
    const database = await createPostgresDatabase();
    const handles = [];
    try {
      handles.push(...(await Promise.all([1, 2, 3].map(() => createDb({ url: database.url })))));
      for (const h of handles)
        expect(await tableNames(h.db)).toEqual([
          "audit_events",
          "boards",
          "screens",
          "share_links",
        ]);
      expect(await appliedMigrations(handles[0]!.db)).toBe(MIGRATIONS);
      // A later start finds nothing to do.
      handles.push(await createDb({ url: database.url }));
      expect(await appliedMigrations(handles[0]!.db)).toBe(MIGRATIONS);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await database.drop();
    }
  }, 60_000);
});

describe("PGlite on disk", () => {
  test("keeps its data across restarts and migrates only once", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "chatlens-pglite-"));
    try {
      const first = await createDb({ dataDir: path.join(dir, "data") });
      await recordAuditEvent(first.db, { actor: "a", action: "persist", subject: "s" });
      await first.close();
      const second = await createDb({ dataDir: path.join(dir, "data") });
      expect((await listAuditEvents(second.db, { action: "persist" })).map((e) => e.actor)).toEqual(
        ["a"],
      );
      expect(await appliedMigrations(second.db)).toBe(MIGRATIONS);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("createDb and getDb", () => {
  test("refuses a non-PostgreSQL URL without echoing it", async () => {
    await expect(createDb({ url: "mysql://root:hunter22@db/x" })).rejects.toThrow(
      /postgres:\/\/ or postgresql:\/\//,
    );
    await expect(createDb({ url: "mysql://root:hunter22@db/x" })).rejects.not.toThrow(/hunter22/);
  });

  test("migrations are found from the working directory", () => {
    expect(migrationsFolder()).toBe(path.join(process.cwd(), "lib", "db", "migrations"));
  });

  test("one instance per process on globalThis; closeDb lets the next call reopen", async () => {
    process.env.CHATLENS_DATA_DIR = "memory://";
    delete process.env.DATABASE_URL;
    try {
      const [a, b] = await Promise.all([getDb(), getDb()]);
      expect(a).toBe(b);
      const slot = (globalThis as Record<symbol, unknown>)[Symbol.for("chatlens.db")];
      expect(slot).toBeDefined();
      await closeDb();
      expect((globalThis as Record<symbol, unknown>)[Symbol.for("chatlens.db")]).toBeUndefined();
      const c = await getDb();
      expect(c).not.toBe(a);
      expect(await tableNames(c)).toEqual(["audit_events", "boards", "screens", "share_links"]);
    } finally {
      await closeDb();
      delete process.env.CHATLENS_DATA_DIR;
    }
  }, 60_000);
});

describe("an unreachable PostgreSQL", () => {
  test("connection failures are told apart from query errors", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
      code: "ECONNREFUSED",
    });
    expect(isStorageUnavailable(refused)).toBe(true);
    // Drizzle wraps driver errors (its message holds the query, never shown).
    expect(isStorageUnavailable(new Error("Failed query: select 1", { cause: refused }))).toBe(
      true,
    );
    expect(isStorageUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isStorageUnavailable(new AggregateError([refused]))).toBe(true);
    expect(isStorageUnavailable(Object.assign(new Error("shutdown"), { code: "57P01" }))).toBe(
      true,
    );
    expect(isStorageUnavailable(new StorageUnavailableError())).toBe(true);
    // A wrong query, a constraint, a bug: not an outage.
    expect(isStorageUnavailable(Object.assign(new Error("dup"), { code: "23505" }))).toBe(false);
    expect(isStorageUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isStorageUnavailable("ECONNREFUSED")).toBe(false);
  });

  test("getDb fails fast with a typed error naming no URL, and does not cache the failure", async () => {
    // A port nothing listens on: take a free one and close it.
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    process.env.DATABASE_URL = `postgres://chatlens:s3cret-pw@127.0.0.1:${port}/nowhere`;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    // The configuration is parsed once per module instance: a fresh one reads DATABASE_URL.
    vi.resetModules();
    const { getDb, closeDb } = await import("./index");
    try {
      const started = Date.now();
      const error: unknown = await getDb().catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error).toBeInstanceOf(StorageUnavailableError);
      expect(String((error as Error).message)).not.toMatch(/s3cret|postgres:\/\//);
      expect(JSON.stringify(warn.mock.calls)).not.toContain("s3cret");
      // Not remembered: the next call tries again.
      expect((globalThis as Record<symbol, unknown>)[Symbol.for("chatlens.db")]).toBeUndefined();
      await expect(getDb()).rejects.toBeInstanceOf(StorageUnavailableError);
    } finally {
      warn.mockRestore();
      delete process.env.DATABASE_URL;
      await closeDb();
    }
  }, 30_000);
});
