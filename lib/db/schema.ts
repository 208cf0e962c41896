/**
 * The app's own database: one Drizzle `pg-core` schema for both drivers (embedded PGlite and
 * node-postgres). Changing it means running `npm run db:generate`, which writes the next SQL
 * migration into `lib/db/migrations/`; migrations run when the app first uses the database.
 *
 * Imports stay relative and type-only: drizzle-kit loads this file outside Next.
 */
import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import type { BoardTile, QuietHours, ScreenTheme } from "../screens/schema";
import type { ShareScope } from "../share/scope";

/** Every instant is a `timestamptz` read as a JS `Date`. */
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Share links: one row per link. The token in the URL is a signed JWT whose `jti` is `id`;
 * the row is the authority on scope, expiry and revocation (checked on every view).
 */
export const shareLinks = pgTable(
  "share_links",
  {
    /** 16 random bytes, base64url (22 characters). */
    id: text("id").primaryKey(),
    /** The session's user id (`demo`, `livechat:<login>`, `rocketchat:<id>`). */
    creatorId: text("creator_id").notNull(),
    /** Display name at creation time (for the list; never used for authorization). */
    creatorName: text("creator_name").notNull(),
    /** The locked page, filters and range (validated by `shareScopeSchema` before insert). */
    scope: jsonb("scope").$type<ShareScope>().notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
    expiresAt: instant("expires_at").notNull(),
    revokedAt: instant("revoked_at"),
    lastAccessedAt: instant("last_accessed_at"),
    viewCount: integer("view_count").notNull().default(0),
    /** `scrypt$…` (lib/share/password.ts), or null when the link has no password. */
    passwordHash: text("password_hash"),
  },
  (t) => [index("share_links_creator_created_idx").on(t.creatorId, t.createdAt.desc())],
);

export type ShareLinkRow = typeof shareLinks.$inferSelect;
export type NewShareLinkRow = typeof shareLinks.$inferInsert;

/** What happened to what, and by whom. Details never hold tokens, passwords or hashes. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: instant("at").notNull().defaultNow(),
    /** A user id, or `anonymous` for a share-link viewer. */
    actor: text("actor").notNull(),
    /** e.g. `share_link.create`. */
    action: text("action").notNull(),
    /** e.g. `share_link:<id>`. */
    subject: text("subject").notNull(),
    details: jsonb("details")
      .$type<Record<string, unknown>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
  },
  (t) => [
    index("audit_events_subject_at_idx").on(t.subject, t.at),
    index("audit_events_at_idx").on(t.at),
  ],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;

/**
 * TV boards: a layout of large KPI tiles for one source and team, owned by the user who made
 * it. Tiles are validated with `boardInputSchema` (lib/screens/schema.ts) before insert.
 */
export const boards = pgTable(
  "boards",
  {
    /** 16 random bytes, base64url (22 characters). */
    id: text("id").primaryKey(),
    /** The session's user id. */
    ownerId: text("owner_id").notNull(),
    name: text("name").notNull(),
    /** `livechat`, `rocketchat` or `all`. */
    source: text("source").notNull(),
    /** Team id of the source, or null = all teams. */
    groupId: text("group_id"),
    /** `today`, `last7` or `last30`: the range every tile shows. */
    range: text("range").notNull().default("today"),
    /** 1–12 tiles, in display order. */
    tiles: jsonb("tiles").$type<BoardTile[]>().notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
  },
  (t) => [index("boards_owner_created_idx").on(t.ownerId, t.createdAt.desc())],
);

export type BoardRow = typeof boards.$inferSelect;

/**
 * Wall-mounted screens: a rotation of boards shown by a TV without a sign-in. The TV's token
 * is a signed JWT whose `jti` is `id` and `ver` is `tokenVersion`; the row is the authority
 * (revocation, bumped version), read on every request. The token itself is never stored.
 */
export const screens = pgTable(
  "screens",
  {
    /** 16 random bytes, base64url (22 characters). */
    id: text("id").primaryKey(),
    ownerId: text("owner_id").notNull(),
    name: text("name").notNull(),
    /** 1–10 board ids of the same owner, in rotation order. */
    boardIds: jsonb("board_ids").$type<string[]>().notNull(),
    /** Seconds each board stays on screen (already clamped to the minimum). */
    rotationSeconds: integer("rotation_seconds").notNull(),
    /** Seconds between data refreshes (already clamped to the minimum). */
    refreshSeconds: integer("refresh_seconds").notNull(),
    theme: text("theme").$type<ScreenTheme>().notNull(),
    quietHours: jsonb("quiet_hours").$type<QuietHours>(),
    /** Bumped to invalidate every token issued before (rotate). */
    tokenVersion: integer("token_version").notNull().default(1),
    createdAt: instant("created_at").notNull().defaultNow(),
    revokedAt: instant("revoked_at"),
    /** Heartbeat: when the TV last reported, its app version and its recent errors. */
    lastSeenAt: instant("last_seen_at"),
    lastVersion: text("last_version"),
    lastErrors: jsonb("last_errors")
      .$type<ScreenError[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [index("screens_owner_created_idx").on(t.ownerId, t.createdAt.desc())],
);

/** One error reported by a TV: when the server received it and its message (≤ 300 chars). */
export interface ScreenError {
  at: string;
  message: string;
}

export type ScreenRow = typeof screens.$inferSelect;
