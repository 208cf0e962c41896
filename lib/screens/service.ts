/**
 * Boards and wall-mounted screens over the app database (server only).
 *
 * - A **board** (`boards` row) is a TV layout of KPI tiles for one source and team, owned by
 *   the user who made it; every board operation is scoped to its owner.
 * - A **screen** (`screens` row) rotates 1–10 of its owner's boards. A TV opens it with a
 *   screen token (lib/screens/token.ts) that names the screen and its `token_version`; the
 *   token is returned at creation and rotation only, never stored or logged.
 * - Opening a screen and every heartbeat read the row (no cache), so a revocation or a token
 *   rotation refuses the TV at its next refresh. Tokens have no expiry: the row decides.
 * - Heartbeats stamp last contact and app version and keep the TV's last 20 errors (newest
 *   last), so the list of screens can show which ones are dark or failing.
 * - Audit events: `screen.create`, `screen.revoke`, `screen.rotate_token` (never a token).
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { recordAuditEvent } from "../db/audit";
import { getDb, type Db } from "../db/index";
import { boards, screens, type BoardRow, type ScreenError, type ScreenRow } from "../db/schema";
import { getConfig } from "../env";
import type { SourceSelector } from "../metrics/types";
import { appTokenSecrets, type TokenSecrets } from "../share/token";
import {
  boardInputSchema,
  boardPatchSchema,
  DEFAULT_SCREEN_RANGE,
  heartbeatInputSchema,
  MAX_HEARTBEAT_ERRORS,
  SCREEN_RANGES,
  screenInputSchema,
  screenPatchSchema,
  type BoardInput,
  type BoardPatch,
  type BoardTile,
  type HeartbeatInput,
  type QuietHours,
  type ScreenInput,
  type ScreenPatch,
  type ScreenRange,
  type ScreenTheme,
  unavailableTiles,
} from "./schema";
import { signScreenToken, verifyScreenToken } from "./token";

/** A board as the API shows it. Instants are ISO strings. */
export interface BoardView {
  id: string;
  name: string;
  source: SourceSelector;
  /** Team id, or null = all teams. */
  group: string | null;
  /** The range every tile shows. */
  range: ScreenRange;
  tiles: BoardTile[];
  createdAt: string;
  updatedAt: string;
}

/**
 * `revoked`; `never_seen` (no heartbeat yet); `online` (a heartbeat within
 * `max(3 × refreshSeconds, 120 s)`); `offline` otherwise.
 */
export type ScreenStatus = "online" | "offline" | "never_seen" | "revoked";

/** What a TV needs to run: no owner, no heartbeat data. Durations in seconds. */
export interface ScreenConfig {
  id: string;
  name: string;
  boardIds: string[];
  rotationSeconds: number;
  refreshSeconds: number;
  theme: ScreenTheme;
  quietHours: QuietHours | null;
}

/** A screen as its owner sees it, with its heartbeat. Instants are ISO strings. */
export interface ScreenView extends ScreenConfig {
  createdAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  lastVersion: string | null;
  /** The last 20 errors the TV reported, oldest first. */
  lastErrors: ScreenError[];
  status: ScreenStatus;
}

/** A screen with its token: the only moment the token exists outside the TV's URL. */
export interface IssuedScreen {
  screen: ScreenView;
  token: string;
  /** `/tv/<token>`: the path to open on the TV (and to put in the QR code). */
  url: string;
}

export type ScreenRefusal = "invalid" | "revoked" | "not_found" | "stale_version";

export type OpenScreenResult =
  { ok: true; screen: ScreenConfig; boards: BoardView[] } | { ok: false; reason: ScreenRefusal };

export type CreateScreenResult =
  ({ ok: true } & IssuedScreen) | { ok: false; reason: "unknown_boards"; boardIds: string[] };

export type UpdateScreenResult =
  | { ok: true; screen: ScreenView }
  | { ok: false; reason: "not_found" | "revoked" }
  | { ok: false; reason: "unknown_boards"; boardIds: string[] };

export type RotateScreenResult =
  ({ ok: true } & IssuedScreen) | { ok: false; reason: "not_found" | "revoked" };

export type UpdateBoardResult =
  | { ok: true; board: BoardView }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; message: string };

export type DeleteBoardResult =
  | { ok: true }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "in_use"; screens: { id: string; name: string }[] };

export type HeartbeatResult = { ok: true } | { ok: false; reason: ScreenRefusal };

export interface ScreenDeps {
  db: Db;
  secrets: TokenSecrets;
  /** Floor of refresh and rotation intervals, seconds (default `MIN_REFRESH_SECONDS`). */
  minRefreshSeconds?: number;
  now?: () => Date;
}

/** The path a screen is opened at on the TV. */
export function screenUrlPath(token: string): string {
  return `/tv/${token}`;
}

const newId = () => randomBytes(16).toString("base64url");
const screenSubject = (id: string) => `screen:${id}`;
const ONLINE_FLOOR_MS = 120_000;

function boardView(row: BoardRow): BoardView {
  return {
    id: row.id,
    name: row.name,
    source: row.source as SourceSelector,
    group: row.groupId,
    range: (SCREEN_RANGES as readonly string[]).includes(row.range)
      ? (row.range as ScreenRange)
      : DEFAULT_SCREEN_RANGE,
    tiles: row.tiles,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function screenConfig(row: ScreenRow): ScreenConfig {
  return {
    id: row.id,
    name: row.name,
    boardIds: row.boardIds,
    rotationSeconds: row.rotationSeconds,
    refreshSeconds: row.refreshSeconds,
    theme: row.theme,
    quietHours: row.quietHours ?? null,
  };
}

function screenStatus(row: ScreenRow, at: Date): ScreenStatus {
  if (row.revokedAt !== null) return "revoked";
  if (row.lastSeenAt === null) return "never_seen";
  // A TV heartbeats once per refresh: three missed ones (or two minutes) mean it is dark.
  const window = Math.max(3 * row.refreshSeconds * 1000, ONLINE_FLOOR_MS);
  return at.getTime() - row.lastSeenAt.getTime() <= window ? "online" : "offline";
}

function screenView(row: ScreenRow, at: Date): ScreenView {
  return {
    ...screenConfig(row),
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    lastVersion: row.lastVersion,
    lastErrors: row.lastErrors,
    status: screenStatus(row, at),
  };
}

/** The board and screen operations over explicit dependencies (the tests' entry point). */
export function createScreenService(deps: ScreenDeps) {
  const { db, secrets } = deps;
  const now = deps.now ?? (() => new Date());
  const screenSchema = screenInputSchema(deps.minRefreshSeconds);
  const screenPatch = screenPatchSchema(deps.minRefreshSeconds);

  async function issue(row: ScreenRow, at: Date): Promise<IssuedScreen> {
    const token = await signScreenToken(row.id, row.tokenVersion, secrets, at);
    return { screen: screenView(row, at), token, url: screenUrlPath(token) };
  }

  /** The row behind a token, read fresh; refused when revoked or of an older version. */
  async function load(
    token: string,
    at: Date,
  ): Promise<{ ok: true; row: ScreenRow; version: number } | { ok: false; reason: ScreenRefusal }> {
    const verified = await verifyScreenToken(token, secrets, at);
    if (!verified.ok) return { ok: false, reason: "invalid" };
    const [row] = await db.select().from(screens).where(eq(screens.id, verified.screenId));
    if (!row) return { ok: false, reason: "not_found" };
    if (row.revokedAt !== null) return { ok: false, reason: "revoked" };
    // Only a rotation changes the version, and only upwards: an older one was replaced.
    if (verified.version !== row.tokenVersion) {
      return {
        ok: false,
        reason: verified.version < row.tokenVersion ? "stale_version" : "invalid",
      };
    }
    return { ok: true, row, version: verified.version };
  }

  /** Why an update of a live screen matched no row: it is revoked, or not the owner's. */
  async function whyNotLive(id: string, ownerId: string): Promise<"revoked" | "not_found"> {
    const [existing] = await db
      .select({ id: screens.id })
      .from(screens)
      .where(and(eq(screens.id, id), eq(screens.ownerId, ownerId)));
    return existing ? "revoked" : "not_found";
  }

  async function ownBoards(ownerId: string, ids: string[]): Promise<BoardRow[]> {
    if (ids.length === 0) return [];
    return db
      .select()
      .from(boards)
      .where(and(eq(boards.ownerId, ownerId), inArray(boards.id, ids)));
  }

  return {
    /**
     * Creates a board owned by `ownerId`.
     * @param input validated with `boardInputSchema` (throws a ZodError otherwise: routes
     *   validate first to answer 400/422).
     */
    async createBoard(ownerId: string, input: BoardInput): Promise<BoardView> {
      const values = boardInputSchema.parse(input);
      const at = now();
      const [row] = await db
        .insert(boards)
        .values({
          id: newId(),
          ownerId,
          name: values.name,
          source: values.source,
          groupId: values.group,
          range: values.range,
          tiles: values.tiles,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      if (!row) throw new Error("board insert returned no row");
      return boardView(row);
    },

    /** The owner's boards, newest first (at most 500). */
    async listBoards(ownerId: string): Promise<BoardView[]> {
      const rows = await db
        .select()
        .from(boards)
        .where(eq(boards.ownerId, ownerId))
        .orderBy(desc(boards.createdAt), desc(boards.id))
        .limit(500);
      return rows.map(boardView);
    },

    /**
     * Changes board `id` of `ownerId` (`boardPatchSchema`; throws a ZodError otherwise).
     * Changing the source without naming a team resets the team to "all teams": team ids
     * belong to one source. @returns the board as now stored; `not_found` when not the
     * owner's; `invalid` when a tile is not available from the resulting source.
     */
    async updateBoard(id: string, ownerId: string, patch: BoardPatch): Promise<UpdateBoardResult> {
      const values = boardPatchSchema.parse(patch);
      const [existing] = await db
        .select()
        .from(boards)
        .where(and(eq(boards.id, id), eq(boards.ownerId, ownerId)));
      if (!existing) return { ok: false, reason: "not_found" };
      const source = (values.source ?? existing.source) as SourceSelector;
      const tiles = values.tiles ?? existing.tiles;
      // The stored tiles under a new source, or new tiles under the stored one.
      const unavailable = unavailableTiles(source, tiles);
      if (unavailable.length > 0) {
        return { ok: false, reason: "invalid", message: `tiles: ${unavailable.join("; ")}` };
      }
      let groupId = values.group !== undefined ? values.group : existing.groupId;
      if (
        values.source !== undefined &&
        values.source !== existing.source &&
        values.group === undefined
      ) {
        groupId = null;
      }
      if (source === "all") groupId = null;
      const [row] = await db
        .update(boards)
        .set({
          name: values.name ?? existing.name,
          source,
          groupId,
          range: values.range ?? existing.range,
          tiles,
          updatedAt: now(),
        })
        .where(and(eq(boards.id, id), eq(boards.ownerId, ownerId)))
        .returning();
      return row ? { ok: true, board: boardView(row) } : { ok: false, reason: "not_found" };
    },

    /**
     * Deletes board `id` of `ownerId`, unless a screen that is not revoked shows it (those
     * screens are named so the owner can change them first).
     */
    async deleteBoard(id: string, ownerId: string): Promise<DeleteBoardResult> {
      const users = await db
        .select({ id: screens.id, name: screens.name })
        .from(screens)
        .where(
          and(
            eq(screens.ownerId, ownerId),
            isNull(screens.revokedAt),
            sql`${screens.boardIds} @> ${JSON.stringify([id])}::jsonb`,
          ),
        );
      if (users.length > 0) return { ok: false, reason: "in_use", screens: users };
      const deleted = await db
        .delete(boards)
        .where(and(eq(boards.id, id), eq(boards.ownerId, ownerId)))
        .returning({ id: boards.id });
      return deleted.length > 0 ? { ok: true } : { ok: false, reason: "not_found" };
    },

    /**
     * Creates a screen of `ownerId` showing its own boards `input.boardIds`; intervals are
     * clamped up to the minimum. @returns the screen with its token and `/tv/<token>` path,
     * or the ids that are not boards of this owner. Throws a ZodError on invalid input.
     */
    async createScreen(ownerId: string, input: ScreenInput): Promise<CreateScreenResult> {
      const values = screenSchema.parse(input);
      const found = new Set((await ownBoards(ownerId, values.boardIds)).map((b) => b.id));
      const unknown = values.boardIds.filter((b) => !found.has(b));
      if (unknown.length > 0) return { ok: false, reason: "unknown_boards", boardIds: unknown };
      const at = now();
      const [row] = await db
        .insert(screens)
        .values({
          id: newId(),
          ownerId,
          name: values.name,
          boardIds: values.boardIds,
          rotationSeconds: values.rotationSeconds,
          refreshSeconds: values.refreshSeconds,
          theme: values.theme,
          quietHours: values.quietHours,
          createdAt: at,
        })
        .returning();
      if (!row) throw new Error("screen insert returned no row");
      await recordAuditEvent(db, {
        actor: ownerId,
        action: "screen.create",
        subject: screenSubject(row.id),
        at,
        details: {
          boards: row.boardIds.length,
          refreshSeconds: row.refreshSeconds,
          rotationSeconds: row.rotationSeconds,
        },
      });
      return { ok: true, ...(await issue(row, at)) };
    },

    /**
     * Changes screen `id` of `ownerId` (`screenPatchSchema`, intervals clamped; throws a
     * ZodError otherwise). The TV picks the change up at its next refresh; its token stays
     * valid. Revoked screens cannot change.
     */
    async updateScreen(
      id: string,
      ownerId: string,
      patch: ScreenPatch,
    ): Promise<UpdateScreenResult> {
      const values = screenPatch.parse(patch);
      if (values.boardIds) {
        const found = new Set((await ownBoards(ownerId, values.boardIds)).map((b) => b.id));
        const unknown = values.boardIds.filter((b) => !found.has(b));
        if (unknown.length > 0) return { ok: false, reason: "unknown_boards", boardIds: unknown };
      }
      const at = now();
      const [row] = await db
        .update(screens)
        .set({
          ...(values.name !== undefined ? { name: values.name } : {}),
          ...(values.boardIds !== undefined ? { boardIds: values.boardIds } : {}),
          ...(values.rotationSeconds !== undefined
            ? { rotationSeconds: values.rotationSeconds }
            : {}),
          ...(values.refreshSeconds !== undefined ? { refreshSeconds: values.refreshSeconds } : {}),
          ...(values.theme !== undefined ? { theme: values.theme } : {}),
          ...(values.quietHours !== undefined ? { quietHours: values.quietHours } : {}),
        })
        .where(and(eq(screens.id, id), eq(screens.ownerId, ownerId), isNull(screens.revokedAt)))
        .returning();
      if (!row) return { ok: false, reason: await whyNotLive(id, ownerId) };
      await recordAuditEvent(db, {
        actor: ownerId,
        action: "screen.update",
        subject: screenSubject(id),
        at,
        details: { fields: Object.keys(values) },
      });
      return { ok: true, screen: screenView(row, at) };
    },

    /** The owner's screens, newest first, with heartbeat and status; never a token. */
    async listScreens(ownerId: string): Promise<ScreenView[]> {
      const at = now();
      const rows = await db
        .select()
        .from(screens)
        .where(eq(screens.ownerId, ownerId))
        .orderBy(desc(screens.createdAt), desc(screens.id))
        .limit(500);
      return rows.map((row) => screenView(row, at));
    },

    /**
     * Revokes screen `id` of `ownerId` at once (idempotent): its token is refused from the
     * next request on. @returns the screen as now stored, or null when not the owner's.
     */
    async revokeScreen(id: string, ownerId: string): Promise<ScreenView | null> {
      const at = now();
      const [revoked] = await db
        .update(screens)
        .set({ revokedAt: at })
        .where(and(eq(screens.id, id), eq(screens.ownerId, ownerId), isNull(screens.revokedAt)))
        .returning();
      if (revoked) {
        await recordAuditEvent(db, {
          actor: ownerId,
          action: "screen.revoke",
          subject: screenSubject(id),
          at,
        });
        return screenView(revoked, at);
      }
      const [existing] = await db
        .select()
        .from(screens)
        .where(and(eq(screens.id, id), eq(screens.ownerId, ownerId)));
      return existing ? screenView(existing, at) : null;
    },

    /**
     * Issues a new token for screen `id` of `ownerId` (token_version + 1): the old token is
     * refused (`stale_version`) from the next request on. Revoked screens cannot rotate.
     */
    async rotateScreenToken(id: string, ownerId: string): Promise<RotateScreenResult> {
      const at = now();
      const [row] = await db
        .update(screens)
        .set({ tokenVersion: sql`${screens.tokenVersion} + 1` })
        .where(and(eq(screens.id, id), eq(screens.ownerId, ownerId), isNull(screens.revokedAt)))
        .returning();
      if (!row) return { ok: false, reason: await whyNotLive(id, ownerId) };
      await recordAuditEvent(db, {
        actor: ownerId,
        action: "screen.rotate_token",
        subject: screenSubject(id),
        at,
        details: { tokenVersion: row.tokenVersion },
      });
      return { ok: true, ...(await issue(row, at)) };
    },

    /**
     * What the TV behind `token` may show: its configuration and its boards in rotation order
     * (a board deleted meanwhile is skipped). Refusals: `invalid` (not a valid screen token),
     * `not_found`, `revoked`, `stale_version` (the token was rotated).
     */
    async openScreen(token: string): Promise<OpenScreenResult> {
      const loaded = await load(token, now());
      if (!loaded.ok) return loaded;
      const { row } = loaded;
      const byId = new Map((await ownBoards(row.ownerId, row.boardIds)).map((b) => [b.id, b]));
      const shown = row.boardIds.flatMap((id) => {
        const board = byId.get(id);
        return board ? [boardView(board)] : [];
      });
      return { ok: true, screen: screenConfig(row), boards: shown };
    },

    /**
     * Records a heartbeat of the TV behind `token` (`heartbeatInputSchema`; throws a ZodError
     * otherwise): last contact, app version, and its errors appended to the kept ones (the
     * last 20 in all). Refused like `openScreen`.
     */
    async recordHeartbeat(token: string, input: HeartbeatInput): Promise<HeartbeatResult> {
      const values = heartbeatInputSchema.parse(input);
      const at = now();
      const loaded = await load(token, at);
      if (!loaded.ok) return loaded;
      const reported: ScreenError[] = values.errors.map((message) => ({
        at: at.toISOString(),
        message,
      }));
      // One UPDATE that appends and trims, and that re-checks revocation and version, so a
      // revoke or rotate racing this heartbeat wins and concurrent heartbeats lose no error.
      const [updated] = await db
        .update(screens)
        .set({
          lastSeenAt: at,
          lastVersion: values.version,
          lastErrors: sql`(
            select coalesce(jsonb_agg(e order by n), '[]'::jsonb)
            from (
              select e, n
              from jsonb_array_elements(${screens.lastErrors} || ${JSON.stringify(reported)}::jsonb)
                with ordinality as t(e, n)
              order by n desc
              limit ${MAX_HEARTBEAT_ERRORS}
            ) kept
          )`,
        })
        .where(
          and(
            eq(screens.id, loaded.row.id),
            isNull(screens.revokedAt),
            eq(screens.tokenVersion, loaded.version),
          ),
        )
        .returning({ id: screens.id });
      // No row: revoked or rotated between the check and the update; either way this TV is
      // switched off, which is what `revoked` tells it.
      return updated ? { ok: true } : { ok: false, reason: "revoked" };
    },
  };
}

export type ScreenService = ReturnType<typeof createScreenService>;

/** The service over the app database, secrets and `CHATLENS_SCREEN_MIN_REFRESH_SECONDS`. */
export async function appScreenService(): Promise<ScreenService> {
  return createScreenService({
    db: await getDb(),
    secrets: appTokenSecrets(),
    minRefreshSeconds: getConfig().screenMinRefreshSeconds,
  });
}
