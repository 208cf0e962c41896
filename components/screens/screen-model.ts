/**
 * Pure helpers of the screen editor and list: the form turned into the API body (validated
 * with the API's own schema), interval hints, status words, relative times. No React, no
 * fetch: unit-tested in `screen-model.test.ts`.
 */
import {
  DEFAULT_REFRESH_SECONDS,
  DEFAULT_ROTATION_SECONDS,
  MIN_REFRESH_SECONDS,
  screenInputSchema,
  type ScreenInput,
  type ScreenTheme,
} from "@/lib/screens/schema";
import type { ScreenStatus } from "@/lib/screens/service";

/** The screen editor's state. Intervals as typed (whole seconds); quiet hours `HH:MM`. */
export interface ScreenDraft {
  name: string;
  /** Rotation order. */
  boardIds: string[];
  rotationSeconds: string;
  refreshSeconds: string;
  theme: ScreenTheme;
  quiet: boolean;
  quietFrom: string;
  quietTo: string;
  /** IANA time zone the quiet hours are read in. */
  quietTz: string;
}

/** A new screen: the given boards (or none), 60 s / 60 s, dark, no quiet hours (22:00–07:00 offered). */
export function emptyScreenDraft(timeZone: string, boardIds: string[] = []): ScreenDraft {
  return {
    name: "",
    boardIds,
    rotationSeconds: String(DEFAULT_ROTATION_SECONDS),
    refreshSeconds: String(DEFAULT_REFRESH_SECONDS),
    theme: "dark",
    quiet: false,
    quietFrom: "22:00",
    quietTo: "07:00",
    quietTz: timeZone,
  };
}

/** The editor's state of a stored screen (quiet-hour fields prefilled even when off). */
export function screenToDraft(
  screen: {
    name: string;
    boardIds: string[];
    rotationSeconds: number;
    refreshSeconds: number;
    theme: ScreenTheme;
    quietHours: { from: string; to: string; tz: string } | null;
  },
  timeZone: string,
): ScreenDraft {
  const q = screen.quietHours;
  return {
    name: screen.name,
    boardIds: [...screen.boardIds],
    rotationSeconds: String(screen.rotationSeconds),
    refreshSeconds: String(screen.refreshSeconds),
    theme: screen.theme,
    quiet: q !== null,
    quietFrom: q?.from ?? "22:00",
    quietTo: q?.to ?? "07:00",
    quietTz: q?.tz ?? timeZone,
  };
}

/** The body of `POST /api/screens` (and of a full `PATCH`), or the problems to fix first. */
export type ScreenPayloadResult =
  { ok: true; value: ScreenInput } | { ok: false; errors: string[] };

const FIELD_NAMES: Record<string, string> = {
  name: "Name",
  boardIds: "Boards",
  rotationSeconds: "Rotation",
  refreshSeconds: "Refresh",
  theme: "Theme",
  quietHours: "Quiet hours",
};

function seconds(text: string): number | null {
  const t = text.trim().replace(/\s*s$/i, "");
  return /^\d+$/.test(t) ? Number(t) : null;
}

/**
 * The editor's form as the API body, checked with `screenInputSchema(minSeconds)`. The body
 * keeps the intervals as typed: the server raises those below the minimum itself, and the
 * stored values are shown afterwards.
 */
export function draftToScreenPayload(
  draft: ScreenDraft,
  minSeconds: number = MIN_REFRESH_SECONDS,
): ScreenPayloadResult {
  const errors: string[] = [];
  const rotation = seconds(draft.rotationSeconds);
  const refresh = seconds(draft.refreshSeconds);
  if (rotation === null) errors.push("Rotation: write whole seconds, such as 60");
  if (refresh === null) errors.push("Refresh: write whole seconds, such as 60");
  const value: ScreenInput = {
    name: draft.name,
    boardIds: draft.boardIds,
    rotationSeconds: rotation ?? DEFAULT_ROTATION_SECONDS,
    refreshSeconds: refresh ?? DEFAULT_REFRESH_SECONDS,
    theme: draft.theme,
    quietHours: draft.quiet
      ? { from: draft.quietFrom, to: draft.quietTo, tz: draft.quietTz.trim() }
      : null,
  };
  const parsed = screenInputSchema(minSeconds).safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, sub] = issue.path;
      if (head === "boardIds" && issue.code === "invalid_format") continue; // ids are ours
      const field = typeof head === "string" ? (FIELD_NAMES[head] ?? head) : null;
      const where = field && typeof sub === "string" ? `${field} (${sub})` : field;
      errors.push(where ? `${where}: ${issue.message}` : issue.message);
    }
  }
  return errors.length > 0 ? { ok: false, errors: [...new Set(errors)] } : { ok: true, value };
}

/**
 * The hint under an interval input: the minimum, and what a lower value becomes.
 * `text` is the typed value.
 */
export function intervalHint(text: string, minSeconds: number = MIN_REFRESH_SECONDS): string {
  const base = `At least ${minSeconds} s; lower values are raised.`;
  const value = seconds(text);
  if (value !== null && value > 0 && value < minSeconds) {
    return `${base} ${value} s will be stored as ${minSeconds} s.`;
  }
  return base;
}

/** Seconds in words for the list: `45 s`, `1 min`, `1 min 30 s`, `2 h`. */
export function formatInterval(total: number): string {
  if (total < 60) return `${total} s`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h > 0 ? `${h} h` : "", m > 0 ? `${m} min` : "", s > 0 ? `${s} s` : ""]
    .filter(Boolean)
    .join(" ");
}

/** A status in words, as the badge shows it (with its colour, never colour alone). */
export const STATUS_LABELS: Record<ScreenStatus, string> = {
  online: "Online",
  offline: "Offline",
  never_seen: "Never connected",
  revoked: "Revoked",
};

/**
 * How long ago `iso` was, from `now` (epoch ms): `just now`, `2 min ago`, `3 h ago`,
 * `yesterday`, `5 days ago`; `never` for null, `—` for garbage. A future instant (clock skew)
 * reads `just now`.
 */
export function relativeTime(iso: string | null, now: number): string {
  if (iso === null) return "never";
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return "—";
  const s = Math.floor((now - at) / 1000);
  if (s < 45) return "just now";
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.round(s / 3600);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(s / 86_400);
  return d === 1 ? "yesterday" : `${d} days ago`;
}

/** A TV's reported errors, newest first (the API keeps them oldest first). */
export function newestFirst<T extends { at: string }>(errors: readonly T[]): T[] {
  return [...errors].reverse();
}
