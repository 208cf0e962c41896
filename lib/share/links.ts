/**
 * Share links over the app database (server only): create, list, revoke, renew, open, count
 * views, unlock with a password.
 *
 * - A link is a `share_links` row (the locked scope, expiry, revocation, view count, optional
 *   password hash) plus a signed token whose `jti` is the row id (lib/share/token.ts). The
 *   token is returned once, at creation or renewal, and never stored or logged.
 * - Opening a link checks the token's signature and `exp` first, then reads the row every
 *   time (no cache), so a revocation or an expiry takes effect on the next request.
 * - Renewing sets a new expiry from now and signs a new token. The old token stays valid until
 *   the earlier of its own `exp` and the row's new expiry (same row, same id): renew to extend,
 *   revoke to cut off.
 * - With a password, the viewer must unlock: a correct password yields a 12-hour unlock proof
 *   for an HttpOnly cookie (`unlockCookieName(linkId)`); `verifyUnlock` checks it.
 * - Audit events: create, revoke, renew, failed unlock, rate-limited unlock (first refusal of a
 *   window). Their details never hold a token, a password or a hash.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { recordAuditEvent } from "../db/audit";
import { getDb, type Db } from "../db/index";
import { shareLinks, type ShareLinkRow } from "../db/schema";
import { getConfig } from "../env";
import {
  getPasswordAttemptLimiter,
  hashPassword,
  verifyPassword,
  type PasswordAttemptLimiter,
} from "./password";
import {
  createShareLinkInputSchema,
  renewShareLinkInputSchema,
  type CreateShareLinkRequest,
  type ShareScope,
} from "./scope";
import {
  appTokenSecrets,
  signShareToken,
  signUnlockToken,
  UNLOCK_TTL_SECONDS,
  verifyShareToken,
  verifyUnlockToken,
  type TokenSecrets,
} from "./token";

export type ShareLinkStatus = "active" | "expired" | "revoked";

/** Everything the API says about a link (never its token or password hash). Instants are ISO. */
export interface ShareLinkView {
  id: string;
  scope: ShareScope;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastAccessedAt: string | null;
  viewCount: number;
  hasPassword: boolean;
  status: ShareLinkStatus;
  creatorName: string;
}

export interface ShareLinkCreator {
  /** The session's `userId` (stable per account). */
  id: string;
  /** Shown in the list of links. */
  name: string;
}

/** A link with its token: the only moment the token exists outside the viewer's URL. */
export interface IssuedShareLink {
  link: ShareLinkView;
  token: string;
  /** `/share/<token>`: the path to hand out. */
  url: string;
}

export type OpenShareLinkResult =
  | { ok: true; link: ShareLinkView; scope: ShareScope; needsPassword: boolean }
  | { ok: false; reason: "invalid" | "expired" | "revoked" | "not_found" };

export interface UnlockCookie {
  /** `chatlens_share_<linkId>`. */
  name: string;
  value: string;
  maxAgeSeconds: number;
}

export type UnlockResult =
  | { status: "ok"; linkId: string; cookie: UnlockCookie }
  | { status: "wrong"; linkId: string }
  | { status: "rate_limited"; linkId: string; retryAfterSeconds: number }
  | { status: "not_required"; linkId: string }
  | { status: "unavailable"; reason: "invalid" | "expired" | "revoked" | "not_found" };

export type RenewShareLinkResult =
  ({ ok: true } & IssuedShareLink) | { ok: false; reason: "not_found" | "revoked" };

const DAY_SECONDS = 24 * 60 * 60;

/** The name of the cookie holding link `linkId`'s unlock proof (link ids are cookie-safe). */
export function unlockCookieName(linkId: string): string {
  return `chatlens_share_${linkId}`;
}

/** The path a link is opened at. */
export function shareUrlPath(token: string): string {
  return `/share/${token}`;
}

/**
 * The client address of a share viewer, for rate limiting: with `trustProxy`
 * (CHATLENS_TRUST_PROXY=1) the first `X-Forwarded-For` address, else null. Route handlers do
 * not see the socket address, and without a trusted proxy `X-Forwarded-For` is whatever the
 * client says — so then every viewer of a link shares one client bucket (5 failures / 15 min),
 * besides the per-link limit (50 / 15 min).
 */
export function shareClientIp(headers: Headers, trustProxy: boolean): string | null {
  if (!trustProxy) return null;
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "";
  return first.length <= 64 && isIP(first) !== 0 ? first : null;
}

/** `shareClientIp` with the app's `CHATLENS_TRUST_PROXY`. */
export function clientIpOf(headers: Headers): string | null {
  return shareClientIp(headers, getConfig().trustProxy);
}

/** The rate-limit bucket of a client: its address, or one shared bucket when unknown. */
const clientBucket = (clientIp: string | null) => clientIp ?? "unknown";

function toView(row: ShareLinkRow, now: Date): ShareLinkView {
  const status: ShareLinkStatus =
    row.revokedAt !== null
      ? "revoked"
      : row.expiresAt.getTime() <= now.getTime()
        ? "expired"
        : "active";
  return {
    id: row.id,
    scope: row.scope,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastAccessedAt: row.lastAccessedAt?.toISOString() ?? null,
    viewCount: row.viewCount,
    hasPassword: row.passwordHash !== null,
    status,
    creatorName: row.creatorName,
  };
}

/** `now + days`, cut to whole seconds so the row and the token's `exp` agree exactly. */
function expiryFrom(now: Date, days: number): Date {
  return new Date((Math.floor(now.getTime() / 1000) + days * DAY_SECONDS) * 1000);
}

const subject = (id: string) => `share_link:${id}`;

/**
 * Drizzle's query errors quote every parameter in their message; for the insert those include
 * the password hash, and `toErrorResponse` logs unexpected errors. Keep only the driver's cause.
 */
function withoutParams(error: unknown): Error {
  if (error instanceof Error && error.message.startsWith("Failed query:")) {
    const cause = error.cause instanceof Error ? error.cause.message : "unknown cause";
    return new Error(`[share] storing the share link failed: ${cause}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}

export interface ShareLinkDeps {
  db: Db;
  secrets: TokenSecrets;
  limiter: PasswordAttemptLimiter;
  /** The clock (tests move it); default `new Date()`. */
  now?: () => Date;
}

/** The share-link operations over explicit dependencies (the tests' entry point). */
export function createShareLinkService(deps: ShareLinkDeps) {
  const { db, secrets, limiter } = deps;
  const now = deps.now ?? (() => new Date());

  async function issue(row: ShareLinkRow, at: Date): Promise<IssuedShareLink> {
    const token = await signShareToken(row.id, row.expiresAt, secrets, at);
    return { link: toView(row, at), token, url: shareUrlPath(token) };
  }

  /** Reads the row behind a token; the row is read fresh every time (revocation is immediate). */
  async function load(
    token: string,
    at: Date,
  ): Promise<{ ok: true; row: ShareLinkRow } | { ok: false; reason: OpenFailure }> {
    const verified = await verifyShareToken(token, secrets, at);
    if (!verified.ok)
      return { ok: false, reason: verified.reason === "expired" ? "expired" : "invalid" };
    const [row] = await db.select().from(shareLinks).where(eq(shareLinks.id, verified.linkId));
    if (!row) return { ok: false, reason: "not_found" };
    if (row.revokedAt !== null) return { ok: false, reason: "revoked" };
    if (row.expiresAt.getTime() <= at.getTime()) return { ok: false, reason: "expired" };
    return { ok: true, row };
  }

  return {
    /**
     * Creates a link owned by `creator`.
     * @param input validated with `createShareLinkInputSchema` (throws a ZodError otherwise:
     *   routes validate first to answer 400/422).
     */
    async createShareLink(
      creator: ShareLinkCreator,
      input: CreateShareLinkRequest,
    ): Promise<IssuedShareLink> {
      const { scope, expiresInDays, password } = createShareLinkInputSchema.parse(input);
      const at = now();
      const passwordHash = password === undefined ? null : await hashPassword(password);
      const [row] = await db
        .insert(shareLinks)
        .values({
          id: randomBytes(16).toString("base64url"),
          creatorId: creator.id,
          creatorName: creator.name,
          scope,
          createdAt: at,
          expiresAt: expiryFrom(at, expiresInDays),
          passwordHash,
        })
        .returning()
        .catch((error: unknown) => {
          throw withoutParams(error);
        });
      if (!row) throw new Error("share link insert returned no row");
      await recordAuditEvent(db, {
        actor: creator.id,
        action: "share_link.create",
        subject: subject(row.id),
        at,
        details: {
          page: scope.page,
          source: scope.source,
          range: scope.range.kind,
          expiresAt: row.expiresAt.toISOString(),
          hasPassword: passwordHash !== null,
          hideAgentNames: scope.hideAgentNames,
        },
      });
      return issue(row, at);
    },

    /** The creator's links, newest first, with their status; no tokens, no hashes. */
    async listShareLinks(creatorId: string): Promise<ShareLinkView[]> {
      const at = now();
      const rows = await db
        .select()
        .from(shareLinks)
        .where(eq(shareLinks.creatorId, creatorId))
        .orderBy(desc(shareLinks.createdAt), desc(shareLinks.id))
        .limit(1000);
      return rows.map((row) => toView(row, at));
    },

    /**
     * Revokes link `id` of `creatorId` at once (idempotent).
     * @returns the link as now stored, or null when there is no such link of this creator.
     */
    async revokeShareLink(id: string, creatorId: string): Promise<ShareLinkView | null> {
      const at = now();
      const [revoked] = await db
        .update(shareLinks)
        .set({ revokedAt: at })
        .where(
          and(
            eq(shareLinks.id, id),
            eq(shareLinks.creatorId, creatorId),
            isNull(shareLinks.revokedAt),
          ),
        )
        .returning();
      if (revoked) {
        await recordAuditEvent(db, {
          actor: creatorId,
          action: "share_link.revoke",
          subject: subject(id),
          at,
        });
        return toView(revoked, at);
      }
      const [existing] = await db
        .select()
        .from(shareLinks)
        .where(and(eq(shareLinks.id, id), eq(shareLinks.creatorId, creatorId)));
      return existing ? toView(existing, at) : null;
    },

    /**
     * Gives link `id` of `creatorId` a new expiry, `expiresInDays` (1…365) from now, and a new
     * token. Expired links can be renewed; revoked ones cannot. The previous token keeps
     * working until the earlier of its own `exp` and the new expiry.
     */
    async renewShareLink(
      id: string,
      creatorId: string,
      expiresInDays: number,
    ): Promise<RenewShareLinkResult> {
      const { expiresInDays: days } = renewShareLinkInputSchema.parse({ expiresInDays });
      const at = now();
      const expiresAt = expiryFrom(at, days);
      const [row] = await db
        .update(shareLinks)
        .set({ expiresAt })
        .where(
          and(
            eq(shareLinks.id, id),
            eq(shareLinks.creatorId, creatorId),
            isNull(shareLinks.revokedAt),
          ),
        )
        .returning();
      if (!row) {
        const [existing] = await db
          .select({ id: shareLinks.id })
          .from(shareLinks)
          .where(and(eq(shareLinks.id, id), eq(shareLinks.creatorId, creatorId)));
        return { ok: false, reason: existing ? "revoked" : "not_found" };
      }
      await recordAuditEvent(db, {
        actor: creatorId,
        action: "share_link.renew",
        subject: subject(id),
        at,
        details: { expiresAt: expiresAt.toISOString() },
      });
      return { ok: true, ...(await issue(row, at)) };
    },

    /**
     * Resolves a share token: signature and `exp` first, then the row (read fresh).
     * `invalid` = not a valid token of ours; `not_found` = valid token, no row.
     * Does not count a view (`recordShareView`) nor check the password (`verifyUnlock`).
     */
    async openShareLink(token: string): Promise<OpenShareLinkResult> {
      const at = now();
      const loaded = await load(token, at);
      if (!loaded.ok) return loaded;
      const link = toView(loaded.row, at);
      return { ok: true, link, scope: link.scope, needsPassword: link.hasPassword };
    },

    /** Counts one view of link `id` and stamps its last access (one atomic UPDATE). */
    async recordShareView(id: string): Promise<void> {
      await db
        .update(shareLinks)
        .set({ viewCount: sql`${shareLinks.viewCount} + 1`, lastAccessedAt: now() })
        .where(eq(shareLinks.id, id));
    },

    /**
     * Checks a viewer's password for the link behind `token`, within the attempt limits
     * (`clientIp` from `clientIpOf`; null = unknown). On success, the unlock cookie to set.
     */
    async unlockShareLink(
      token: string,
      password: string,
      clientIp: string | null,
    ): Promise<UnlockResult> {
      const clientKey = clientBucket(clientIp);
      const at = now();
      const loaded = await load(token, at);
      if (!loaded.ok) return { status: "unavailable", reason: loaded.reason };
      const { row } = loaded;
      const hash = row.passwordHash;
      if (hash === null) return { status: "not_required", linkId: row.id };
      const attempt = await limiter.attempt(row.id, clientKey, () =>
        verifyPassword(password, hash),
      );
      if (attempt.status === "ok") {
        const value = await signUnlockToken(row.id, secrets, at);
        return {
          status: "ok",
          linkId: row.id,
          cookie: { name: unlockCookieName(row.id), value, maxAgeSeconds: UNLOCK_TTL_SECONDS },
        };
      }
      if (attempt.status === "wrong") {
        await recordAuditEvent(db, {
          actor: "anonymous",
          action: "share_link.unlock_failed",
          subject: subject(row.id),
          at,
          details: { client: clientKey, remainingAttempts: attempt.remainingAttempts },
        });
        return { status: "wrong", linkId: row.id };
      }
      // One event per exhausted window, not one per refused guess (no table flooding).
      if (attempt.firstRefusal) {
        await recordAuditEvent(db, {
          actor: "anonymous",
          action: "share_link.unlock_rate_limited",
          subject: subject(row.id),
          at,
          details: { client: clientKey, retryAfterSeconds: attempt.retryAfterSeconds },
        });
      }
      return {
        status: "rate_limited",
        linkId: row.id,
        retryAfterSeconds: attempt.retryAfterSeconds,
      };
    },

    /** True when `cookieValue` is a valid, unexpired unlock proof for link `linkId`. */
    async verifyUnlock(cookieValue: string | undefined, linkId: string): Promise<boolean> {
      if (!cookieValue) return false;
      return (await verifyUnlockToken(cookieValue, linkId, secrets, now())).ok;
    },
  };
}

type OpenFailure = Extract<OpenShareLinkResult, { ok: false }>["reason"];

export type ShareLinkService = ReturnType<typeof createShareLinkService>;

async function appService(): Promise<ShareLinkService> {
  return createShareLinkService({
    db: await getDb(),
    secrets: appTokenSecrets(),
    limiter: getPasswordAttemptLimiter(),
  });
}

// The app's entry points: the same operations over the app database and configuration.

/** See `ShareLinkService.createShareLink`. */
export async function createShareLink(
  creator: ShareLinkCreator,
  input: CreateShareLinkRequest,
): Promise<IssuedShareLink> {
  return (await appService()).createShareLink(creator, input);
}

/** See `ShareLinkService.listShareLinks`. */
export async function listShareLinks(creatorId: string): Promise<ShareLinkView[]> {
  return (await appService()).listShareLinks(creatorId);
}

/** See `ShareLinkService.revokeShareLink`. */
export async function revokeShareLink(
  id: string,
  creatorId: string,
): Promise<ShareLinkView | null> {
  return (await appService()).revokeShareLink(id, creatorId);
}

/** See `ShareLinkService.renewShareLink`. */
export async function renewShareLink(
  id: string,
  creatorId: string,
  expiresInDays: number,
): Promise<RenewShareLinkResult> {
  return (await appService()).renewShareLink(id, creatorId, expiresInDays);
}

/** See `ShareLinkService.openShareLink`. */
export async function openShareLink(token: string): Promise<OpenShareLinkResult> {
  return (await appService()).openShareLink(token);
}

/** See `ShareLinkService.recordShareView`. */
export async function recordShareView(id: string): Promise<void> {
  return (await appService()).recordShareView(id);
}

/** See `ShareLinkService.unlockShareLink`; `clientIp` from `clientIpOf(request.headers)`. */
export async function unlockShareLink(
  token: string,
  password: string,
  clientIp: string | null,
): Promise<UnlockResult> {
  return (await appService()).unlockShareLink(token, password, clientIp);
}

/** See `ShareLinkService.verifyUnlock` (no database access). */
export async function verifyUnlock(
  cookieValue: string | undefined,
  linkId: string,
): Promise<boolean> {
  if (!cookieValue) return false;
  return (await verifyUnlockToken(cookieValue, linkId, appTokenSecrets())).ok;
}
