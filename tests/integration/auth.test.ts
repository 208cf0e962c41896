/**
 * Sign-in hardening over real HTTP (next-auth's own endpoints on `next start`):
 * - brute-force limits per account and per client address (own app instances, so the shared
 *   app's buckets stay untouched), refusals cost zero upstream calls;
 * - `callbackUrl` open-redirect attempts land on the app origin;
 * - the credentials callback without a CSRF token sets no session;
 * - `/api/auth/session` shows only allow-listed fields and an update cannot change them;
 * - without NEXTAUTH_SECRET outside demo mode the app refuses to start.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import {
  LIVECHAT_SERVICE_API_KEY,
  LIVECHAT_SERVICE_LOGIN,
  ROCKETCHAT_SERVICE_USER,
  ROCKETCHAT_USERS,
} from "../../simulator/accounts";
import { simulatorControl } from "../support/simulator-control";
import { signIn, startApp, type RunningApp } from "../support/app-server";

const appUrl = inject("appUrl");
const simulatorUrl = inject("simulatorUrl");
const control = simulatorControl(simulatorUrl);

const UPSTREAM_ENV = {
  LIVECHAT_API_URL: `${simulatorUrl}/livechat`,
  LIVECHAT_LOGIN: LIVECHAT_SERVICE_LOGIN,
  LIVECHAT_API_KEY: LIVECHAT_SERVICE_API_KEY,
  ROCKETCHAT_URL: `${simulatorUrl}/rocketchat`,
  ROCKETCHAT_USER_ID: ROCKETCHAT_SERVICE_USER._id,
  ROCKETCHAT_AUTH_TOKEN: ROCKETCHAT_SERVICE_USER.authToken,
  CHATLENS_DATA_DIR: "memory://",
};
const SECRET = "auth-tests-secret-0123456789-abcdefghijklmnop";

const maria = ROCKETCHAT_USERS.find((u) => u.username === "maria.manager")!;
const rita = ROCKETCHAT_USERS.find((u) => u.username === "rc.admin")!;

async function upstreamLogins(): Promise<number> {
  const { requests } = await control<{ requests: Record<string, number> }>("GET", "/stats");
  return Object.entries(requests)
    .filter(([key]) => key.startsWith("rocketchat POST") && key.includes("login"))
    .reduce((sum, [, n]) => sum + n, 0);
}

const rc = (username: string, password: string) => ({ username, password });

describe("brute-force limits (trusted proxy, default limits: 5 per account, 20 per address)", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ ...UPSTREAM_ENV, NEXTAUTH_SECRET: SECRET, CHATLENS_TRUST_PROXY: "1" });
  }, 120_000);
  afterAll(() => app.stop());

  test("20 wrong passwords from rotating X-Forwarded-For: 5 reach Rocket.Chat, then the account is refused, even with the right password", async () => {
    await control("DELETE", "/stats");
    const errors: (string | null)[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await signIn(app.url, "rocketchat", rc(maria.username, `guess-${i}`), {
        headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
      });
      expect(r.cookie).toBeNull();
      errors.push(r.error);
    }
    expect(errors.slice(0, 5)).toEqual(Array(5).fill("CredentialsSignin"));
    for (const e of errors.slice(5)) expect(e).toMatch(/^TooManyAttempts:account:(89\d|900)$/);
    expect(await upstreamLogins()).toBe(5);

    // The right password, another address, another spelling of the name: still refused
    // without asking Rocket.Chat.
    const right = await signIn(app.url, "rocketchat", rc(" Maria.Manager ", maria.password), {
      headers: { "x-forwarded-for": "203.0.113.200" },
    });
    expect(right.cookie).toBeNull();
    expect(right.error).toMatch(/^TooManyAttempts:account:/);
    expect(await upstreamLogins()).toBe(5);

    // The sign-in page turns the code into words.
    const page = await fetch(`${app.url}/signin?error=${encodeURIComponent(right.error!)}`);
    expect(await page.text()).toMatch(
      /Too many failed sign-ins for this account\. Try again in 1[45] minutes\./,
    );
  });

  test("20 failures from one address over many accounts lock that address only", async () => {
    const ip = { "x-forwarded-for": "192.0.2.50" };
    for (let i = 0; i < 20; i++) {
      const r = await signIn(app.url, "rocketchat", rc(`nobody-${i}`, "x"), { headers: ip });
      expect(r.error).toBe("CredentialsSignin");
    }
    await control("DELETE", "/stats");
    const blocked = await signIn(app.url, "rocketchat", rc(rita.username, rita.password), {
      headers: ip,
    });
    expect(blocked.cookie).toBeNull();
    expect(blocked.error).toMatch(/^TooManyAttempts:client:/);
    expect(await upstreamLogins()).toBe(0);
    const elsewhere = await signIn(app.url, "rocketchat", rc(rita.username, rita.password), {
      headers: { "x-forwarded-for": "192.0.2.51" },
    });
    expect(elsewhere.cookie).not.toBeNull();
  });

  test("a successful sign-in resets the account's count", async () => {
    const user = ROCKETCHAT_USERS.find((u) => u.username === "tom.twofactor")!;
    const headers = { "x-forwarded-for": "192.0.2.60" };
    for (let i = 0; i < 4; i++) {
      expect(
        (await signIn(app.url, "rocketchat", rc(user.username, "bad"), { headers })).error,
      ).toBe("CredentialsSignin");
    }
    const ok = await signIn(
      app.url,
      "rocketchat",
      { ...rc(user.username, user.password), code: "246810" },
      { headers },
    );
    expect(ok.cookie).not.toBeNull();
    for (let i = 0; i < 5; i++) {
      expect(
        (await signIn(app.url, "rocketchat", rc(user.username, "bad"), { headers })).error,
      ).toBe("CredentialsSignin");
    }
    expect(
      (await signIn(app.url, "rocketchat", rc(user.username, "bad"), { headers })).error,
    ).toMatch(/^TooManyAttempts:account:/);
  });
});

describe("brute-force limits without a trusted proxy", () => {
  let app: RunningApp;
  beforeAll(async () => {
    // Per-address limit 2, so the one shared bucket holds 5 × 2 = 10 failures.
    app = await startApp({
      ...UPSTREAM_ENV,
      NEXTAUTH_SECRET: SECRET,
      CHATLENS_SIGNIN_MAX_FAILURES_PER_IP: "2",
    });
  }, 120_000);
  afterAll(() => app.stop());

  test("rotating X-Forwarded-For creates no fresh buckets: all clients share one", async () => {
    const errors: (string | null)[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await signIn(
        app.url,
        "livechat",
        { login: `x${i}@evil.example`, apiKey: "k" },
        {
          headers: { "x-forwarded-for": `203.0.113.${i + 1}` },
        },
      );
      errors.push(r.error);
    }
    expect(errors.slice(0, 10)).toEqual(Array(10).fill("CredentialsSignin"));
    expect(errors.slice(10)).toEqual([
      expect.stringMatching(/^TooManyAttempts:client:/),
      expect.stringMatching(/^TooManyAttempts:client:/),
    ]);
  });
});

describe("callbackUrl", () => {
  const attacks = [
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http://localhost.evil.example",
    "http://127.0.0.1.evil.example/",
    `${appUrl}@evil.example`,
    "https:evil.example",
    "/\t/evil.example",
    " //evil.example",
    "data:text/html,<script>alert(1)</script>",
  ];
  test.each(attacks)("sign-in with callbackUrl %j lands on the app origin", async (callbackUrl) => {
    const r = await signIn(
      appUrl,
      "livechat",
      { login: LIVECHAT_SERVICE_LOGIN, apiKey: LIVECHAT_SERVICE_API_KEY },
      { callbackUrl },
    );
    expect(r.cookie).not.toBeNull();
    expect(new URL(r.url).origin).toBe(new URL(appUrl).origin);
  });

  test("a same-origin callbackUrl is kept", async () => {
    const r = await signIn(
      appUrl,
      "livechat",
      { login: LIVECHAT_SERVICE_LOGIN, apiKey: LIVECHAT_SERVICE_API_KEY },
      { callbackUrl: "/?source=livechat&range=last7" },
    );
    expect(r.url).toBe(`${appUrl}/?source=livechat&range=last7`);
  });
});

describe("CSRF", () => {
  test("the credentials callback without a CSRF token sets no session", async () => {
    const r = await signIn(
      appUrl,
      "livechat",
      { login: LIVECHAT_SERVICE_LOGIN, apiKey: LIVECHAT_SERVICE_API_KEY },
      { csrf: false },
    );
    expect(r.cookie).toBeNull();
    expect(new URL(r.url, appUrl).searchParams.get("csrf")).toBe("true");
  });

  test("a CSRF token that does not match the cookie sets no session", async () => {
    const csrfRes = await fetch(`${appUrl}/api/auth/csrf`);
    const res = await fetch(`${appUrl}/api/auth/callback/livechat`, {
      method: "POST",
      redirect: "manual",
      // No CSRF cookie at all: the token from the body cannot be verified.
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        login: LIVECHAT_SERVICE_LOGIN,
        apiKey: LIVECHAT_SERVICE_API_KEY,
        csrfToken: ((await csrfRes.json()) as { csrfToken: string }).csrfToken,
      }),
    });
    expect(res.headers.getSetCookie().some((c) => c.startsWith("next-auth.session-token="))).toBe(
      false,
    );
    expect(res.headers.get("location")).toContain("csrf=true");
  });
});

describe("the session endpoint", () => {
  const ALLOWED_TOP = ["expires", "provider", "role", "user", "userId"];
  const ALLOWED_USER = ["email", "image", "name"];
  const SECRETS = [
    LIVECHAT_SERVICE_API_KEY,
    ROCKETCHAT_SERVICE_USER.authToken,
    maria.password,
    "authToken",
    "x-auth-token",
    "apiKey",
    "api-key",
    "password",
  ];

  async function sessionOf(cookie: string) {
    const res = await fetch(`${appUrl}/api/auth/session`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const text = await res.text();
    return { text, body: JSON.parse(text) as Record<string, unknown> };
  }

  test.each([
    ["livechat", { login: LIVECHAT_SERVICE_LOGIN, apiKey: LIVECHAT_SERVICE_API_KEY }],
    ["rocketchat", rc(maria.username, maria.password)],
  ] as const)("%s: only allow-listed fields, no credential", async (provider, fields) => {
    const r = await signIn(appUrl, provider, fields);
    const { text, body } = await sessionOf(r.cookie!);
    expect(Object.keys(body).every((k) => ALLOWED_TOP.includes(k))).toBe(true);
    const user = body.user as Record<string, unknown>;
    expect(Object.keys(user).every((k) => ALLOWED_USER.includes(k))).toBe(true);
    for (const s of SECRETS) expect(text.toLowerCase()).not.toContain(s.toLowerCase());
    expect(body.provider).toBe(provider);
  });

  test("an update with { role: admin, userId: x } changes nothing", async () => {
    const r = await signIn(appUrl, "rocketchat", rc(maria.username, maria.password));
    const cookie = `${r.cookie}; ${r.csrfCookie}`;
    const before = (await sessionOf(r.cookie!)).body;
    expect(before.role).toBe("livechat-manager");

    const res = await fetch(`${appUrl}/api/auth/session`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({
        csrfToken: r.csrfToken,
        data: { role: "admin", userId: "x", provider: "demo", user: { name: "Mallory" } },
      }),
    });
    expect(res.status).toBe(200);
    const updated = (await res.json()) as Record<string, unknown>;
    const newCookie =
      res.headers
        .getSetCookie()
        .find((c) => c.startsWith("next-auth.session-token="))
        ?.split(";")[0] ?? r.cookie!;
    const after = (await sessionOf(newCookie)).body;
    for (const s of [updated, after]) {
      expect(s.role).toBe("livechat-manager");
      expect(s.userId).toBe(before.userId);
      expect(s.provider).toBe("rocketchat");
      expect(s.user).toEqual(before.user);
    }
  });

  test("an update without a CSRF token is refused", async () => {
    const r = await signIn(appUrl, "rocketchat", rc(maria.username, maria.password));
    const res = await fetch(`${appUrl}/api/auth/session`, {
      method: "POST",
      headers: { cookie: r.cookie!, "content-type": "application/json" },
      body: JSON.stringify({ data: { role: "admin" } }),
    });
    expect(res.status).toBe(400);
    expect((await sessionOf(r.cookie!)).body.role).toBe("livechat-manager");
  });
});

describe("NEXTAUTH_SECRET", () => {
  test("unset outside demo mode: the app refuses to start, naming the variable", async () => {
    await expect(startApp({ ...UPSTREAM_ENV })).rejects.toThrow(
      /NEXTAUTH_SECRET: is required \(generate one with `openssl rand -base64 32`\)/,
    );
  });
});
