// @ts-check
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
  // `npm test` type-checks the whole repository (tests, scripts) before the build; the build
  // itself checks only what it bundles.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // The simulator and scripts run under tsx, never inside the Next bundle.
  outputFileTracingExcludes: { "*": ["./simulator/**", "./e2e/**", "./tests/**"] },
};

module.exports = nextConfig;
