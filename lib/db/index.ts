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

const UNAVAILABLE = Symbol.for("chatlens.StorageUnavailableError");

/**
 * The app's database cannot be reached right now (PostgreSQL down, refusing, restarting or
 * out of connections). Routes answer 503 `storage_unavailable`; the message never names the
 * server (the URL may carry a password).
 */
export class StorageUnavailableError extends Error {
  /** Recognised across copies of this module in different Next.js bundles (see ApiHttpError). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && UNAVAILABLE in value;
  }

  readonly [UNAVAILABLE] = true;

  constructor(options?: { cause?: unknown }) {
    super("The app's storage is unavailable right now. Try again in a moment.", options);
    this.name = "StorageUnavailableError";
  }
}

/** Socket errors of a server that is away, refusing or unreachable. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * SQLSTATEs meaning "the server, not the query": class 08 (connection exception), 53300 too
 * many connections, 57P01–57P03 shutdown / cannot connect now.
 */
const SERVER_STATES = /^(08...|53300|57P0[123])$/;

/** node-postgres' own messages for a connection lost or never made (they carry no code). */
const PG_CONNECTION_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed)/;

/**
 * True when `error` (or one of its causes: Drizzle wraps driver errors in `DrizzleQueryError`)
 * says the database is unreachable rather than that a query was wrong.
 */
export function isStorageUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    if (current instanceof StorageUnavailableError) return true;
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string" && (NETWORK_CODES.has(code) || SERVER_STATES.test(code))) {
      return true;
    }
    if (typeof message === "string" && PG_CONNECTION_MESSAGES.test(message)) return true;
    // AggregateError: node tries each address of a host name (e.g. ::1 and 127.0.0.1).
    if (current instanceof AggregateError && current.errors.some(isStorageUnavailable)) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
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
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  // Without a listener a connection lost mid-migration would crash the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
    try {
      await migrate(drizzle({ client, schema }), { migrationsFolder });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    // Also after a failed connect: end() releases the socket; its own failure is moot.
    await client.end().catch(() => undefined);
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
 * call tries again (e.g. once PostgreSQL is back). Once open, the pool replaces lost
 * connections by itself.
 * @throws StorageUnavailableError when the database cannot be reached.
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
  try {
    return (await slot.handle).db;
  } catch (error) {
    if (!isStorageUnavailable(error)) throw error;
    // The driver's message names host and port only, never the URL (which may hold a password).
    console.warn(`[db] the database is unavailable: ${describe(error)}`);
    throw new StorageUnavailableError({ cause: error });
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}

/** Closes the per-process database (tests, shutdown); the next `getDb()` opens it again. */
export async function closeDb(): Promise<void> {
  const slot = holder[SLOT];
  if (!slot) return;
  delete holder[SLOT];
  const handle = await slot.handle.catch(() => null);
  await handle?.close();
}
