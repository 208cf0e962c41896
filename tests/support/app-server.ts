/**
 * Starts the built Next.js app (`next start`, needs `next build` first) on a free port with
 * the given environment, and waits until it answers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  url: string;
  logs: string[];
  /** The `next` process id (the benchmark samples its memory). */
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface StartAppOptions {
  /** Build directory to start (`CHATLENS_DIST_DIR`); default: that variable, else `.next`. */
  distDir?: string;
}

/**
 * `CHATLENS_TEST_DEV=1` runs `next dev` instead (no build needed; for iterating on route
 * handlers — CI always tests the production build).
 */
export async function startApp(
  env: Record<string, string>,
  options: StartAppOptions = {},
): Promise<RunningApp> {
  const dev = process.env.CHATLENS_TEST_DEV === "1";
  const distDir = options.distDir ?? process.env.CHATLENS_DIST_DIR;
  if (!dev && !existsSync(path.join(ROOT, distDir || ".next", "BUILD_ID"))) {
    throw new Error("The app is not built: run `npm run build` before the integration tests.");
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // CHATLENS_PROFILE_DIR: write a V8 CPU profile of the server there (profiling the bench).
      ...(process.env.CHATLENS_PROFILE_DIR
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.CHATLENS_PROFILE_DIR}`]
        : []),
      require.resolve("next/dist/bin/next"),
      dev ? "dev" : "start",
      "--port",
      String(port),
      "--hostname",
      "127.0.0.1",
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: dev ? "development" : "production",
        NEXTAUTH_URL: url,
        ...(distDir ? { CHATLENS_DIST_DIR: distDir } : {}),
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (d: Buffer) => logs.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => logs.push(d.toString()));

  const deadline = Date.now() + (dev ? 180_000 : 60_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`next start exited with ${child.exitCode}:\n${logs.join("")}`);
    try {
      const res = await fetch(`${url}/api/auth/csrf`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`next start did not answer within 60 s:\n${logs.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    logs,
    pid: child.pid,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** What a sign-in through next-auth's HTTP endpoints answered. */
export interface SignInResult {
  status: number;
  /** The session cookie (`name=value`), or null when sign-in was refused. */
  cookie: string | null;
  /** Where next-auth sends the browser (`url` of the json answer, or `Location`). */
  url: string;
  /** `?error=` of that URL. */
  error: string | null;
  /** The CSRF cookie pair and token, for later POSTs. */
  csrfCookie: string;
  csrfToken: string;
}

/** Options of `signIn`: extra request headers, a `callbackUrl`, or no CSRF token at all. */
export interface SignInOptions {
  headers?: Record<string, string>;
  callbackUrl?: string;
  csrf?: boolean;
}

/**
 * Signs in through next-auth's own HTTP endpoints (CSRF token + credentials callback);
 * `cookie` is the cookie header to send with API calls, or null when sign-in was refused.
 */
export async function signIn(
  baseUrl: string,
  provider: string,
  fields: Record<string, string>,
  options: SignInOptions = {},
): Promise<SignInResult> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${baseUrl}/api/auth/callback/${provider}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrfCookie,
      ...options.headers,
    },
    body: new URLSearchParams({
      ...fields,
      ...(options.csrf === false ? {} : { csrfToken }),
      callbackUrl: options.callbackUrl ?? `${baseUrl}/`,
      json: "true",
    }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  // With json=true next-auth answers `{ url }` instead of a redirect; the error rides on that URL.
  let url = res.headers.get("location") ?? "";
  if (!url && res.headers.get("content-type")?.includes("json")) {
    url = ((await res.json()) as { url?: string }).url ?? "";
  }
  let error: string | null = null;
  try {
    error = new URL(url, baseUrl).searchParams.get("error");
  } catch {
    error = null;
  }
  return {
    status: res.status,
    cookie: session ? session.split(";")[0]! : null,
    url,
    error,
    csrfCookie,
    csrfToken,
  };
}
