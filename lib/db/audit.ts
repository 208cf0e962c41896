/**
 * Audit events: an append-only record of who did what to which object (server only).
 * Callers must keep tokens, passwords and hashes out of `details`.
 */
import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "./index";
import { auditEvents, type AuditEventRow } from "./schema";

export interface AuditEventInput {
  /** A user id, or `anonymous`. */
  actor: string;
  /** e.g. `share_link.create`. */
  action: string;
  /** e.g. `share_link:<id>`. */
  subject: string;
  details?: Record<string, unknown>;
  /** Defaults to the database's `now()`. */
  at?: Date;
}

/** Appends one event. */
export async function recordAuditEvent(db: Db, event: AuditEventInput): Promise<void> {
  await db.insert(auditEvents).values({
    actor: event.actor,
    action: event.action,
    subject: event.subject,
    details: event.details ?? {},
    ...(event.at ? { at: event.at } : {}),
  });
}

/** The newest events first, optionally of one subject and/or action (at most `limit`, default 100). */
export async function listAuditEvents(
  db: Db,
  filter: { subject?: string; action?: string; limit?: number } = {},
): Promise<AuditEventRow[]> {
  const conditions = [];
  if (filter.subject !== undefined) conditions.push(eq(auditEvents.subject, filter.subject));
  if (filter.action !== undefined) conditions.push(eq(auditEvents.action, filter.action));
  return db
    .select()
    .from(auditEvents)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(Math.min(Math.max(filter.limit ?? 100, 1), 1000));
}
