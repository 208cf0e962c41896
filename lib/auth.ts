/**
 * Sign-in for Chatlens (next-auth 4, JWT sessions, server only).
 *
 * Credentials providers:
 * - `demo` (demo mode only): `username`, `password` — the published demo sign-in.
 * - `livechat` (when LiveChat is configured): `login`, `apiKey` — verified with
 *   `GET /agents/<login>` on the configured LiveChat using *those* credentials; only
 *   `owner` and `administrator` may sign in.
 * - `rocketchat` (when Rocket.Chat is configured): `username`, `password`, optional `code`
 *   (2FA) — verified with `POST /api/v1/login`; only roles `admin` or `livechat-manager` may
 *   sign in; the token obtained is logged out again right away.
 * The user's own upstream credentials are used only to verify them; the dashboard always
 * uses the server-side credentials from configuration. Nothing secret goes into the JWT.
 *
 * Every provider runs behind the brute-force limiter (`lib/auth/sign-in-limiter.ts`): while
 * an account or client bucket is exhausted `authorize` throws `TooManyAttempts:<scope>:<s>`
 * (see `lib/auth/sign-in-errors.ts`) without checking the password or calling upstream.
 * Session lifetime, cookies and secret rotation: docs/security-auth.md.
 */
import "server-only";
import { timingSafeEqual } from "node:crypto";
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { tooManyAttemptsCode } from "./auth/sign-in-errors";
import { accountKey, clientKeyOf, getSignInLimiter } from "./auth/sign-in-limiter";
import type { AppConfig } from "./config";
import { getConfig } from "./env";
import { LiveChatClient } from "./livechat/client";
import { RocketChatClient, loginToRocketChat } from "./rocketchat/client";
import { UpstreamError } from "./upstream/errors";

export type SignInProvider = "demo" | "livechat" | "rocketchat";

declare module "next-auth" {
  interface User {
    provider?: SignInProvider;
    role?: string;
  }
  interface Session {
    provider?: SignInProvider;
    role?: string;
    /**
     * The signed-in account's stable id (the JWT `sub`, i.e. the provider's user id):
     * `demo`, `livechat:<login>` or `rocketchat:<Rocket.Chat user _id>`. Owns share links.
     */
    userId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    provider?: SignInProvider;
    role?: string;
  }
}

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

function sameSecret(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** Messages for an upstream that could not verify a sign-in (next-auth shows a thrown message). */
function unavailable(vendor: string, error: UpstreamError): Error {
  if (
    error.kind === "timeout" ||
    error.kind === "network" ||
    error.kind === "upstream_5xx" ||
    error.kind === "rate_limited"
  ) {
    return new Error(
      `${vendor} could not be reached to verify your sign-in. Try again in a moment.`,
    );
  }
  return new Error(`${vendor} could not verify your sign-in (${error.kind}).`);
}

/**
 * What verifying credentials found: `valid` false counts as a failed attempt; `error` (if
 * any) is thrown after counting (its message is shown on the sign-in page).
 */
type Verdict = { valid: true; user: User } | { valid: boolean; user?: undefined; error?: Error };

/** next-auth's `req` argument to `authorize` (only its headers are read). */
type AuthorizeRequest = { headers?: Record<string, unknown> };

/**
 * Runs `verify` under the sign-in limits for `accountName` at `provider`.
 * @returns the user, or null for wrong credentials.
 * @throws Error `TooManyAttempts:…` while limited (verify not run), the verdict's error, or
 *   what verify throws (upstream unavailable: not counted).
 */
async function limitedSignIn(
  config: AppConfig,
  provider: SignInProvider,
  accountName: string,
  req: AuthorizeRequest,
  verify: () => Promise<Verdict>,
): Promise<User | null> {
  const account = accountKey(provider, accountName);
  const client = clientKeyOf(req.headers, config.trustProxy);
  const attempt = await getSignInLimiter().attempt(account, client, async () => {
    const verdict = await verify();
    return { success: verdict.valid, value: verdict };
  });
  if (attempt.status === "limited") {
    // Neither the account name nor the address is logged: the count is what matters.
    console.warn(`[auth] ${provider} sign-in refused: ${attempt.scope} limit reached`);
    throw new Error(tooManyAttemptsCode(attempt.scope, attempt.retryAfterSeconds));
  }
  const verdict = attempt.value;
  if (verdict.user) return verdict.user;
  if (verdict.error) throw verdict.error;
  return null;
}

const demoInput = z.object({ username: z.string().max(200), password: z.string().max(200) });
const liveChatInput = z.object({
  login: z.string().trim().min(3).max(254),
  apiKey: z.string().trim().min(1).max(512),
});
const rocketChatInput = z.object({
  username: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
  code: z
    .string()
    .trim()
    .max(16)
    .optional()
    .transform((v) => (v ? v : undefined)),
});

function buildProviders(config: AppConfig) {
  const providers = [];
  if (config.demoSignIn) {
    const demo = config.demoSignIn;
    providers.push(
      CredentialsProvider({
        id: "demo",
        name: "Demo",
        credentials: {
          username: { label: "Username", type: "text" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req): Promise<User | null> {
          const input = demoInput.safeParse(credentials);
          if (!input.success) return null;
          const { username, password } = input.data;
          return limitedSignIn(config, "demo", username, req, async () =>
            sameSecret(username, demo.username) && sameSecret(password, demo.password)
              ? {
                  valid: true,
                  user: { id: "demo", name: "Demo manager", provider: "demo", role: "manager" },
                }
              : { valid: false },
          );
        },
      }),
    );
  }
  if (config.livechat && !config.demo) {
    const apiUrl = config.livechat.apiUrl;
    providers.push(
      CredentialsProvider({
        id: "livechat",
        name: "LiveChat",
        credentials: {
          login: { label: "Login (e-mail)", type: "email" },
          apiKey: { label: "API key", type: "password" },
        },
        async authorize(credentials, req): Promise<User | null> {
          const input = liveChatInput.safeParse(credentials);
          if (!input.success) return null;
          const data = input.data;
          return limitedSignIn(config, "livechat", data.login, req, async () => {
            const client = new LiveChatClient({ apiUrl, ...data }, config.upstreamTimeoutMs);
            try {
              const agent = await client.agent(data.login);
              if (agent.permission !== "owner" && agent.permission !== "administrator") {
                // The key was right: not a guess, so it does not count as a failure.
                return {
                  valid: true,
                  error: new Error(
                    "Only LiveChat owners and administrators can sign in to Chatlens.",
                  ),
                };
              }
              return {
                valid: true,
                user: {
                  id: `livechat:${agent.login}`,
                  name: agent.name,
                  email: agent.login,
                  provider: "livechat",
                  role: agent.permission,
                },
              };
            } catch (error) {
              if (error instanceof UpstreamError) {
                if (
                  error.kind === "unauthorized" ||
                  error.kind === "forbidden" ||
                  error.kind === "not_found"
                )
                  return { valid: false };
                throw unavailable("LiveChat", error);
              }
              throw error;
            }
          });
        },
      }),
    );
  }
  if (config.rocketchat && !config.demo) {
    const url = config.rocketchat.url;
    providers.push(
      CredentialsProvider({
        id: "rocketchat",
        name: "Rocket.Chat",
        credentials: {
          username: { label: "Username or e-mail", type: "text" },
          password: { label: "Password", type: "password" },
          code: { label: "2FA code", type: "text" },
        },
        async authorize(credentials, req): Promise<User | null> {
          const input = rocketChatInput.safeParse(credentials);
          if (!input.success) return null;
          const data = input.data;
          return limitedSignIn(config, "rocketchat", data.username, req, async () => {
            let login;
            try {
              login = await loginToRocketChat(
                url,
                { user: data.username, password: data.password, code: data.code },
                config.upstreamTimeoutMs,
              );
            } catch (error) {
              if (error instanceof UpstreamError) {
                if (error.kind === "unauthorized" && /totp/i.test(error.message)) {
                  // A missing code is a normal first step; a wrong one is a guess and counts.
                  return data.code
                    ? { valid: false, error: new Error("The two-factor code is not valid.") }
                    : { valid: true, error: new Error("Enter your two-factor code.") };
                }
                if (
                  error.kind === "unauthorized" ||
                  error.kind === "forbidden" ||
                  error.kind === "bad_request"
                )
                  return { valid: false };
                throw unavailable("Rocket.Chat", error);
              }
              throw error;
            }
            const { userId, authToken, me } = login.data;
            // The token only proved the password; end it at once so it cannot be used again.
            await new RocketChatClient({ url, userId, authToken }, config.upstreamTimeoutMs)
              .logout()
              .catch(() => undefined);
            const role = me.roles.includes("admin")
              ? "admin"
              : me.roles.includes("livechat-manager")
                ? "livechat-manager"
                : null;
            if (!role)
              return {
                valid: true,
                error: new Error(
                  "Only Rocket.Chat admins and livechat managers can sign in to Chatlens.",
                ),
              };
            return {
              valid: true,
              user: {
                id: `rocketchat:${me._id}`,
                name: me.username,
                provider: "rocketchat",
                role,
              },
            };
          });
        },
      }),
    );
  }
  return providers;
}

function buildAuthOptions(config: AppConfig): NextAuthOptions {
  if (config.authSecretGenerated && process.env.NEXT_PHASE !== "phase-production-build") {
    console.warn(
      "[auth] NEXTAUTH_SECRET is not set: demo mode uses a random per-process secret (sessions end on restart).",
    );
  }
  return {
    secret: config.authSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: buildProviders(config),
    callbacks: {
      jwt({ token, user }) {
        // Claims come only from `authorize` at sign-in. On `trigger === "update"` (POST
        // /api/auth/session) the `session` argument is client-supplied, so it is ignored:
        // nobody can raise their role or change their id through an update.
        if (user) {
          token.provider = user.provider;
          token.role = user.role;
        }
        return token;
      },
      session({ session, token }) {
        session.provider = token.provider;
        session.role = token.role;
        // next-auth sets `sub` to the `id` that `authorize` returned (see the providers above).
        session.userId = token.sub;
        return session;
      },
      redirect({ url, baseUrl }) {
        // Only same-origin targets: no open redirect through callbackUrl.
        if (url.startsWith("/") && !url.startsWith("//")) return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === baseUrl) return url;
        } catch {
          // fall through
        }
        return baseUrl;
      },
    },
  };
}

export const authOptions: NextAuthOptions = buildAuthOptions(getConfig());

/** What the sign-in page may show: which providers exist and, in demo mode, the demo sign-in. */
export function getSignInOptions(): {
  demo: { username: string; password: string } | null;
  livechat: boolean;
  rocketchat: boolean;
} {
  const config = getConfig();
  return {
    demo: config.demoSignIn,
    livechat: config.livechat !== null && !config.demo,
    rocketchat: config.rocketchat !== null && !config.demo,
  };
}
