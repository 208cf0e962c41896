/**
 * Databases for storage tests: the same suite runs against embedded PGlite (`memory://`) and a
 * real PostgreSQL. For PostgreSQL each call creates a fresh database
 * (`chatlens_test_<random>`) on the server of `CHATLENS_TEST_DATABASE_URL` (default
 * `postgres://postgres@127.0.0.1:5432/test`, trust auth) and drops it afterwards, so runs and
 * test files never collide.
 *
 * An unreachable PostgreSQL fails the tests (it is never skipped silently) unless
 * `CHATLENS_SKIP_POSTGRES=1`.
 */
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { createDb, type DbHandle } from "../index";

export const TEST_POSTGRES_URL =
  process.env.CHATLENS_TEST_DATABASE_URL?.trim() || "postgres://postgres@127.0.0.1:5432/test";

export type TestDatabaseKind = "pglite" | "postgres";

/** The databases to run storage suites against. */
export const TEST_DATABASE_KINDS: TestDatabaseKind[] =
  process.env.CHATLENS_SKIP_POSTGRES === "1" ? ["pglite"] : ["pglite", "postgres"];

export interface TestDatabase {
  kind: TestDatabaseKind;
  handle: DbHandle;
  /** The fresh database's URL (PostgreSQL only). */
  url: string | null;
  /** Closes the handle and, on PostgreSQL, drops the database. */
  drop(): Promise<void>;
}

function redacted(url: string): string {
  const u = new URL(url);
  u.password = "";
  return u.toString();
}

/** An admin connection to the test server, with a message that says what to do when it fails. */
export async function adminClient(): Promise<Client> {
  const client = new Client({
    connectionString: TEST_POSTGRES_URL,
    connectionTimeoutMillis: 5_000,
  });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL for storage tests is not reachable at ${redacted(TEST_POSTGRES_URL)} (${message}). ` +
        "Start it, point CHATLENS_TEST_DATABASE_URL at another server, or set CHATLENS_SKIP_POSTGRES=1 to test PGlite only.",
    );
  }
  return client;
}

/** Creates an empty database on the test server; returns its URL and a function dropping it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = await adminClient();
  const name = `chatlens_test_${randomBytes(6).toString("hex")}`;
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = await adminClient();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Opens a migrated, empty database of `kind`. */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const handle = await createDb({ dataDir: "memory://" });
    return { kind, handle, url: null, drop: () => handle.close() };
  }
  const database = await createPostgresDatabase();
  let handle: DbHandle;
  try {
    handle = await createDb({ url: database.url });
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    kind,
    handle,
    url: database.url,
    async drop() {
      await handle.close();
      await database.drop();
    },
  };
}
