/**
 * The app's own database: one Drizzle `pg-core` schema for both drivers (embedded PGlite and
 * node-postgres). Changing it means running `npm run db:generate`, which writes the next SQL
 * migration into `lib/db/migrations/`; migrations run when the app first uses the database.
 *
 * Imports stay relative and type-only: drizzle-kit loads this file outside Next.
 */
import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
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
