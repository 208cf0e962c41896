/**
 * How long a cached upstream answer may be used, per kind of request.
 *
 * - `freshMs`: served as is, no upstream call.
 * - then for `swrMs` more: served at once while one background call refreshes it
 *   (stale-while-revalidate, RFC 5861);
 * - after that: the caller waits for the upstream; if it fails, the last answer is served
 *   marked stale (stale-if-error) as long as the cache still holds it.
 * - `record`: whether the answer's age counts towards a response's `fetchedAt` (team and agent
 *   lists are lookup data, not the numbers on screen).
 *
 * A report whose range includes today changes by the minute; yesterday still changes a
 * little (late ratings, chats that ended after midnight, tickets solved later); older days
 * are closed.
 */
import { addDays, todayIn } from "../dates";

export interface CachePolicy {
  /** A name for logs and tests: `today`, `recent`, `closed`, `list`, `transcript`, `status`. */
  name: string;
  freshMs: number;
  swrMs: number;
  record: boolean;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Seconds a report covering today stays fresh (`CHATLENS_CACHE_TODAY_SECONDS`, default 60). */
export function todayFreshSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = Number(env.CHATLENS_CACHE_TODAY_SECONDS);
  return Number.isFinite(raw) && raw >= 1 && raw <= 3600 ? raw : 60;
}

export const POLICIES = {
  today: () => {
    const fresh = todayFreshSeconds() * SECOND;
    return { name: "today", freshMs: fresh, swrMs: 4 * fresh, record: true };
  },
  recent: (): CachePolicy => ({ name: "recent", freshMs: 10 * MINUTE, swrMs: HOUR, record: true }),
  closed: (): CachePolicy => ({
    name: "closed",
    freshMs: 6 * HOUR,
    swrMs: 18 * HOUR,
    record: true,
  }),
  list: (): CachePolicy => ({ name: "list", freshMs: 5 * MINUTE, swrMs: HOUR, record: false }),
  transcript: (): CachePolicy => ({
    name: "transcript",
    freshMs: HOUR,
    swrMs: 23 * HOUR,
    record: true,
  }),
  status: (): CachePolicy => ({ name: "status", freshMs: 30 * SECOND, swrMs: 0, record: true }),
} satisfies Record<string, () => CachePolicy>;

// Every cached upstream call asks for "today"; formatting a zoned date each time shows up in
// profiles of warm answers, and a second's delay at midnight changes nothing.
const todays = new Map<string, { today: string; from: number; until: number }>();
function todayCached(timezone: string, now: number): string {
  const hit = todays.get(timezone);
  if (hit && now >= hit.from && now < hit.until) return hit.today;
  const today = todayIn(timezone, now);
  todays.set(timezone, { today, from: now, until: now + 1_000 });
  return today;
}

/** The earliest time zone: where "today" ends last. Used when the upstream's zone is unknown. */
export const LATEST_TODAY_ZONE = "Etc/GMT+12";

/**
 * The policy for a report ending on `to` (`YYYY-MM-DD`) cut in `timezone`. Pass
 * `LATEST_TODAY_ZONE` when the upstream picks the zone itself, so "today" is never
 * mistaken for a closed day.
 */
export function rangePolicy(to: string, timezone: string, now: number = Date.now()): CachePolicy {
  const today = todayCached(timezone, now);
  if (to >= today) return POLICIES.today();
  if (to >= addDays(today, -1)) return POLICIES.recent();
  return POLICIES.closed();
}
