/**
 * The app's own database (share links, audit events; later screens), server only.
 *
 * - Embedded by default: PGlite (Postgres compiled to WASM, in-process) with its data in
 *   `CHATLENS_DATA_DIR` (default `.data/pglite` under the working directory; `memory://` for a
 *   throw-away database, as the tests use).
 * - PostgreSQL when `DATABASE_URL` is set (node-postgres `Pool`).
 *
 * Both run the same Drizzle schema (`schema.ts`) and the same SQL migrations
 * (`lib/db/migrations/`, written by `npm run db:generate`), applied once when the database is
 * first used. On PostgreSQL the migration holds an advisory lock, so several instances
 * starting together apply each migration exactly once.
 */
import "server-only";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { getConfig } from "../env";
import * as schema from "./schema";

/** A Drizzle database over either driver (PGlite or node-postgres), with the app's schema. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DbDriver = "pglite" | "postgres";

export interface DbHandle {
  db: Db;
  driver: DbDriver;
  /** Ends the pool / shuts PGlite down. The handle is unusable afterwards. */
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** A postgres:// or postgresql:// URL; when absent, PGlite is used. */
  url?: string | null;
  /** PGlite data directory (relative to the working directory) or `memory://`. */
  dataDir?: string;
}

/** Any 64-bit number of our own: the advisory lock that serialises migrations on PostgreSQL. */
const MIGRATION_LOCK_KEY = 7_120_442_019_531_223n;

/**
 * The migrations folder, resolved from the working directory at run time: Next bundles server
 * code into `.next/`, so a path relative to this module would point inside the bundle.
 * `next start`, `next dev`, the tests and drizzle-kit all run from the project root.
 */
export function migrationsFolder(): string {
  return path.join(process.cwd(), "lib", "db", "migrations");
}

function checkedMigrationsFolder(): string {
  const folder = migrationsFolder();
  if (!existsSync(path.join(folder, "meta", "_journal.json"))) {
    throw new Error(
      `[db] no migrations in ${folder}: start Chatlens from its project directory (the one with package.json)`,
    );
  }
  return folder;
}

function isPostgresUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === "postgres:" || u.protocol === "postgresql:") && u.hostname !== "";
  } catch {
    return false;
  }
}

async function createPostgres(url: string): Promise<DbHandle> {
  const [{ Pool, Client }, { drizzle }, { migrate }] = await Promise.all([
    import("pg"),
    import("drizzle-orm/node-postgres"),
    import("drizzle-orm/node-postgres/migrator"),
  ]);
  const migrationsFolder = checkedMigrationsFolder();

  // Migrate on one dedicated connection that holds the advisory lock for the whole run.
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
    try {
      await migrate(drizzle({ client, schema }), { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    await client.end();
  }

  const pool = new Pool({
    connectionString: url,
    max: 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 5_000,
    // A stuck query must not hold a request (or a pool slot) forever.
    statement_timeout: 10_000,
  });
  // An idle client losing its connection emits `error` on the pool; without a listener that
  // would crash the process. The pool replaces the client on next use. (No URL in the log.)
  pool.on("error", (error: Error) =>
    console.warn(`[db] PostgreSQL connection error: ${error.message}`),
  );
  return {
    db: drizzle({ client: pool, schema }) as Db,
    driver: "postgres",
    close: () => pool.end(),
  };
}

async function createPglite(dataDir: string): Promise<DbHandle> {
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  const migrationsFolder = checkedMigrationsFolder();
  let location = dataDir;
  if (dataDir !== "memory://") {
    // The data directory is runtime state, not code: keep Next's file tracing out of it.
    location = path.resolve(/*turbopackIgnore: true*/ process.cwd(), dataDir);
    mkdirSync(location, { recursive: true });
  }
  const client = await PGlite.create(location);
  try {
    const db = drizzle({ client, schema });
    // PGlite is one connection inside this process: nothing else can migrate concurrently.
    await migrate(db, { migrationsFolder });
    return { db: db as Db, driver: "pglite", close: () => client.close() };
  } catch (error) {
    await client.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Opens a database and applies pending migrations.
 * @param options `url` → PostgreSQL, else PGlite at `dataDir` (default `.data/pglite`).
 * @throws when the URL is not a PostgreSQL URL, the server is unreachable or a migration fails.
 */
export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  if (options.url) {
    if (!isPostgresUrl(options.url)) {
      throw new Error("[db] the database URL must be a postgres:// or postgresql:// URL");
    }
    return createPostgres(options.url);
  }
  return createPglite(options.dataDir ?? ".data/pglite");
}

/** The per-process database. On `globalThis` because Next bundles this module once per route. */
const SLOT = Symbol.for("chatlens.db");
type Slot = { handle: Promise<DbHandle> };
const holder = globalThis as typeof globalThis & { [SLOT]?: Slot };

/**
 * The app's database (from `DATABASE_URL` / `CHATLENS_DATA_DIR`), opened and migrated on first
 * use and shared by every route of the process. A failed start is not remembered: the next
 * call tries again (e.g. once PostgreSQL is back).
 */
export async function getDb(): Promise<Db> {
  let slot = holder[SLOT];
  if (!slot) {
    const config = getConfig();
    const handle = createDb({ url: config.databaseUrl, dataDir: config.dataDir });
    slot = { handle };
    holder[SLOT] = slot;
    handle.catch(() => {
      if (holder[SLOT] === slot) delete holder[SLOT];
    });
  }
  return (await slot.handle).db;
}

/** Closes the per-process database (tests, shutdown); the next `getDb()` opens it again. */
export async function closeDb(): Promise<void> {
  const slot = holder[SLOT];
  if (!slot) return;
  delete holder[SLOT];
  const handle = await slot.handle.catch(() => null);
  await handle?.close();
}
