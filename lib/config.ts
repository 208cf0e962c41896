/**
 * Parses Chatlens' configuration from environment variables (no `server-only` here so the
 * launcher script can validate before starting Next; the app reads it through `lib/env.ts`).
 *
 * A source is configured when all of its variables are set; a partly configured source is
 * an error naming the missing variable. With no source configured the app runs in demo mode
 * against the simulator at `CHATLENS_SIMULATOR_URL`.
 */
import { z } from "zod";
import {
  DEMO_SIGNIN,
  LIVECHAT_SERVICE_API_KEY,
  LIVECHAT_SERVICE_LOGIN,
  ROCKETCHAT_SERVICE_USER,
  SIMULATOR_DEFAULT_PORT,
} from "../simulator/accounts";
import { isValidTimeZone } from "./dates";

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = "ConfigError";
  }
}

export interface LiveChatConfig {
  apiUrl: string;
  login: string;
  apiKey: string;
}

export interface RocketChatConfig {
  url: string;
  userId: string;
  authToken: string;
}

/** Brute-force limits on sign-in (see `lib/auth/sign-in-limiter.ts`). */
export interface SignInLimits {
  /** `CHATLENS_SIGNIN_MAX_FAILURES` (default 5, 1–1000): failed sign-ins per account per window. */
  perAccount: number;
  /**
   * `CHATLENS_SIGNIN_MAX_FAILURES_PER_IP` (default 20, 1–10000): failed sign-ins per client
   * address per window (addresses are known only with CHATLENS_TRUST_PROXY=1).
   */
  perClient: number;
  /** 5 × `perClient`: the one bucket all clients share when their address is unknown. */
  perUnknownClient: number;
  /** `CHATLENS_SIGNIN_WINDOW_SECONDS` (default 900, 10–86400): window length, seconds. */
  windowSeconds: number;
}

export interface AppConfig {
  /** True when no source is configured: both sources point at the simulator. */
  demo: boolean;
  livechat: LiveChatConfig | null;
  rocketchat: RocketChatConfig | null;
  /** IANA zone reports are cut in unless a request says otherwise. */
  timezone: string;
  /** Timeout for one upstream HTTP call, milliseconds. */
  upstreamTimeoutMs: number;
  /** `REDIS_URL`: the shared upstream cache for several instances; null = in-process cache. */
  redisUrl: string | null;
  /** Demo sign-in, only in demo mode. */
  demoSignIn: { username: string; password: string } | null;
  /** NEXTAUTH_SECRET; in demo mode a per-process random secret when unset. */
  authSecret: string;
  /** True when authSecret was generated (sessions end when the process restarts). */
  authSecretGenerated: boolean;
  /**
   * `CHATLENS_PREVIOUS_SECRETS`: earlier values of NEXTAUTH_SECRET (comma-separated), still
   * accepted when verifying share-link tokens so a secret rotation does not break live links.
   * Nothing is ever signed with them. Empty when unset.
   */
  previousAuthSecrets: string[];
  /** `DATABASE_URL` (postgres:// or postgresql://): the app's database; null = embedded PGlite. */
  databaseUrl: string | null;
  /**
   * `CHATLENS_DATA_DIR`: the embedded database's directory (default `.data/pglite`, relative
   * to the working directory), or `memory://` for a throw-away in-memory database. Unused
   * when `databaseUrl` is set.
   */
  dataDir: string;
  /**
   * `CHATLENS_TRUST_PROXY=1`: the app runs behind a reverse proxy that sets
   * `X-Forwarded-For`, so its first address is the client's (used to rate-limit share-link
   * password attempts per client). Off by default: the header is client-controlled otherwise.
   */
  trustProxy: boolean;
  /**
   * `CHATLENS_SCREEN_MIN_REFRESH_SECONDS` (default 30, 5–3600): the shortest refresh and
   * rotation interval of a wall-mounted screen, seconds. Shorter requested intervals are
   * clamped up to it (a TV left running for weeks must not hammer the upstream APIs).
   */
  screenMinRefreshSeconds: number;
  /**
   * JS heap (MiB, Chromium's `performance.memory.usedJSHeapSize`) above which a TV screen
   * reloads itself (`CHATLENS_SCREEN_HEAP_LIMIT_MB`, default 256).
   */
  screenHeapLimitMb: number;
  /** Brute-force limits on sign-in. */
  signInLimits: SignInLimits;
}

const httpUrl = (variable: string) =>
  z
    .string()
    .trim()
    .refine((v) => {
      try {
        const u = new URL(v);
        return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password;
      } catch {
        return false;
      }
    }, `${variable} must be an http(s) URL without credentials`)
    .transform((v) => v.replace(/\/+$/, ""));

function nonEmpty(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v ? v : undefined;
}

function requireAllOrNone(env: NodeJS.ProcessEnv, names: string[]): boolean {
  const set = names.filter((n) => nonEmpty(env, n) !== undefined);
  if (set.length === 0) return false;
  const missing = names.find((n) => nonEmpty(env, n) === undefined);
  if (missing) {
    throw new ConfigError(
      missing,
      `is required when ${set.join(" and ")} ${set.length > 1 ? "are" : "is"} set`,
    );
  }
  return true;
}

function parseUrl(env: NodeJS.ProcessEnv, name: string, fallback?: string): string {
  const raw = nonEmpty(env, name) ?? fallback;
  if (raw === undefined) throw new ConfigError(name, "is required");
  const parsed = httpUrl(name).safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(
      name,
      `must be an http(s) URL without credentials (got an invalid value)`,
    );
  return parsed.data;
}

/**
 * Reads and validates the configuration.
 * @throws ConfigError naming the first invalid or missing variable.
 */
export function parseConfig(env: NodeJS.ProcessEnv, randomSecret: () => string): AppConfig {
  const hasLiveChat = requireAllOrNone(env, ["LIVECHAT_LOGIN", "LIVECHAT_API_KEY"]);
  const hasRocketChat = requireAllOrNone(env, [
    "ROCKETCHAT_URL",
    "ROCKETCHAT_USER_ID",
    "ROCKETCHAT_AUTH_TOKEN",
  ]);
  const demo = !hasLiveChat && !hasRocketChat;

  const timezone = nonEmpty(env, "CHATLENS_TIMEZONE") ?? "UTC";
  if (!isValidTimeZone(timezone)) {
    throw new ConfigError(
      "CHATLENS_TIMEZONE",
      `"${timezone}" is not an IANA time zone (e.g. Europe/Warsaw)`,
    );
  }

  const timeoutRaw = nonEmpty(env, "CHATLENS_UPSTREAM_TIMEOUT_MS") ?? "10000";
  const upstreamTimeoutMs = Number(timeoutRaw);
  if (
    !Number.isInteger(upstreamTimeoutMs) ||
    upstreamTimeoutMs < 100 ||
    upstreamTimeoutMs > 120_000
  ) {
    throw new ConfigError(
      "CHATLENS_UPSTREAM_TIMEOUT_MS",
      "must be an integer between 100 and 120000",
    );
  }

  if (nonEmpty(env, "NEXTAUTH_URL") !== undefined) parseUrl(env, "NEXTAUTH_URL");

  const redisUrl = nonEmpty(env, "REDIS_URL") ?? null;
  if (redisUrl !== null) {
    let ok = false;
    try {
      const u = new URL(redisUrl);
      ok = u.protocol === "redis:" || u.protocol === "rediss:";
    } catch {
      ok = false;
    }
    // The value may hold a password: never echo it.
    if (!ok) throw new ConfigError("REDIS_URL", "must be a redis:// or rediss:// URL");
  }

  let authSecret = nonEmpty(env, "NEXTAUTH_SECRET");
  let authSecretGenerated = false;
  if (authSecret === undefined) {
    if (!demo)
      throw new ConfigError(
        "NEXTAUTH_SECRET",
        "is required (generate one with `openssl rand -base64 32`)",
      );
    authSecret = randomSecret();
    authSecretGenerated = true;
  } else if (authSecret.length < 32) {
    throw new ConfigError("NEXTAUTH_SECRET", "must be at least 32 characters long");
  }

  const previousRaw = nonEmpty(env, "CHATLENS_PREVIOUS_SECRETS");
  const previousAuthSecrets =
    previousRaw === undefined
      ? []
      : previousRaw
          .split(",")
          .map((v) => v.trim())
          .filter((v) => v.length > 0);
  if (previousAuthSecrets.some((v) => v.length < 32)) {
    throw new ConfigError(
      "CHATLENS_PREVIOUS_SECRETS",
      "must be a comma-separated list of former NEXTAUTH_SECRET values, each at least 32 characters long",
    );
  }

  const databaseUrl = nonEmpty(env, "DATABASE_URL") ?? null;
  if (databaseUrl !== null) {
    let ok = false;
    try {
      const u = new URL(databaseUrl);
      ok = (u.protocol === "postgres:" || u.protocol === "postgresql:") && u.hostname !== "";
    } catch {
      ok = false;
    }
    // The value may hold a password: never echo it.
    if (!ok) {
      throw new ConfigError(
        "DATABASE_URL",
        "must be a postgres:// or postgresql:// URL with a host (unset it to use the embedded database)",
      );
    }
  }

  const dataDir = nonEmpty(env, "CHATLENS_DATA_DIR") ?? ".data/pglite";
  // `memory://` or a directory path; other schemes (PGlite's browser-only `idb://`…) do not
  // work in Node.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir) && dataDir !== "memory://") {
    throw new ConfigError(
      "CHATLENS_DATA_DIR",
      "must be a directory path or memory:// (an in-memory database that is lost on restart)",
    );
  }

  const trustProxyRaw = (nonEmpty(env, "CHATLENS_TRUST_PROXY") ?? "0").toLowerCase();
  if (!["0", "1", "true", "false"].includes(trustProxyRaw)) {
    throw new ConfigError("CHATLENS_TRUST_PROXY", "must be 1 (behind a reverse proxy) or 0");
  }
  const trustProxy = trustProxyRaw === "1" || trustProxyRaw === "true";

  /** A whole number setting in `min…max` (`unit` names it in the message), else `fallback`. */
  const wholeNumber = (
    name: string,
    fallback: number,
    min: number,
    max: number,
    unit = "",
  ): number => {
    const raw = nonEmpty(env, name) ?? String(fallback);
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      throw new ConfigError(name, `must be a whole number${unit} between ${min} and ${max}`);
    }
    return value;
  };
  const screenMinRefreshSeconds = wholeNumber(
    "CHATLENS_SCREEN_MIN_REFRESH_SECONDS",
    30,
    5,
    3600,
    " of seconds",
  );
  const screenHeapLimitMb = wholeNumber("CHATLENS_SCREEN_HEAP_LIMIT_MB", 256, 16, 8192, " of MiB");
  const perClient = wholeNumber("CHATLENS_SIGNIN_MAX_FAILURES_PER_IP", 20, 1, 10_000);
  const signInLimits: SignInLimits = {
    perAccount: wholeNumber("CHATLENS_SIGNIN_MAX_FAILURES", 5, 1, 1000),
    perClient,
    perUnknownClient: perClient * 5,
    windowSeconds: wholeNumber("CHATLENS_SIGNIN_WINDOW_SECONDS", 900, 10, 86_400),
  };

  let livechat: LiveChatConfig | null = null;
  let rocketchat: RocketChatConfig | null = null;
  if (demo) {
    const simulatorUrl = parseUrl(
      env,
      "CHATLENS_SIMULATOR_URL",
      `http://127.0.0.1:${SIMULATOR_DEFAULT_PORT}`,
    );
    livechat = {
      apiUrl: `${simulatorUrl}/livechat`,
      login: LIVECHAT_SERVICE_LOGIN,
      apiKey: LIVECHAT_SERVICE_API_KEY,
    };
    rocketchat = {
      url: `${simulatorUrl}/rocketchat`,
      userId: ROCKETCHAT_SERVICE_USER._id,
      authToken: ROCKETCHAT_SERVICE_USER.authToken,
    };
  } else {
    if (hasLiveChat) {
      livechat = {
        apiUrl: parseUrl(env, "LIVECHAT_API_URL", "https://api.livechatinc.com"),
        login: nonEmpty(env, "LIVECHAT_LOGIN") as string,
        apiKey: nonEmpty(env, "LIVECHAT_API_KEY") as string,
      };
    }
    if (hasRocketChat) {
      rocketchat = {
        url: parseUrl(env, "ROCKETCHAT_URL"),
        userId: nonEmpty(env, "ROCKETCHAT_USER_ID") as string,
        authToken: nonEmpty(env, "ROCKETCHAT_AUTH_TOKEN") as string,
      };
    }
  }

  return {
    demo,
    livechat,
    rocketchat,
    timezone,
    upstreamTimeoutMs,
    redisUrl,
    demoSignIn: demo ? { ...DEMO_SIGNIN } : null,
    authSecret,
    authSecretGenerated,
    previousAuthSecrets,
    databaseUrl,
    dataDir,
    trustProxy,
    screenMinRefreshSeconds,
    screenHeapLimitMb,
    signInLimits,
  };
}
