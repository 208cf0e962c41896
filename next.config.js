// @ts-check
const { execFileSync } = require("node:child_process");
const { version } = require("./package.json");

/** The security headers of every API answer (see lib/security/headers.ts for why). */
const API_SECURITY_HEADERS = [
  {
    key: "Content-Security-Policy",
    value: "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value:
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), browsing-topics=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** Token-carrying URLs (share links, TV screens) never go out as a Referer. */
const NO_REFERRER = [{ key: "Referrer-Policy", value: "no-referrer" }];

/** `<version>+<commit>.<build time>`: changes with every build, so TVs notice a deploy. */
function buildId() {
  let commit = "local";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      stdio: ["ignore", "pipe", "ignore"],
    })
      .toString()
      .trim();
  } catch {
    // Not a git checkout (a tarball): the build time alone tells builds apart.
  }
  return `${version}+${commit}.${Date.now().toString(36)}`;
}

/**
 * Next.js configuration. Type and lint errors are never ignored in builds: `npm test` runs
 * `tsc --noEmit` and ESLint as gates before `next build`.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  reactStrictMode: true,
  // A second build directory lets two builds (e.g. a benchmark and a test run) coexist.
  distDir: process.env.CHATLENS_DIST_DIR || ".next",
  poweredByHeader: false,
  // Read by lib/version.ts; inlined at build time (the value `next start` computes is unused).
  env: { CHATLENS_BUILD: process.env.CHATLENS_BUILD || buildId() },
  // `npm test` type-checks the whole repository (tests, scripts) before the build; the build
  // itself checks only what it bundles.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // Database drivers load from node_modules at run time instead of being bundled: PGlite's WASM
  // and data files stay where the package expects them (it also works bundled by Turbopack, but
  // then ~10 MB of assets are copied into every build); `pg` is on Next's default list anyway.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  // The simulator and scripts run under tsx, never inside the Next bundle.
  outputFileTracingExcludes: { "*": ["./simulator/**", "./e2e/**", "./tests/**"] },
  // Share pages and TV screens carry a credential (the token) in their URL: never sent on as a Referer,
  // never indexed. Their API answers set the same headers themselves (lib/share/serve.ts).
  async headers() {
    return [
      // API answers get their security headers here, not from proxy.ts: they need no nonce,
      // and skipping the proxy doubles warm API throughput (measured with `npm run bench`).
      // lib/security/api-headers.test.ts keeps these equal to lib/security/headers.ts.
      { source: "/api/:path*", headers: API_SECURITY_HEADERS },
      { source: "/api/share/:path*", headers: NO_REFERRER },
      { source: "/api/screen/:path*", headers: NO_REFERRER },
      {
        source: "/tv/:token*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
        ],
      },
      {
        source: "/share/:token*",
        headers: [
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
