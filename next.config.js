// @ts-check
/**
 * Next.js configuration. Type and lint errors are never ignored in builds: `npm test` runs
 * `tsc --noEmit` and ESLint as gates before `next build`.
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The simulator and scripts run under tsx, never inside the Next bundle.
  outputFileTracingExcludes: { "*": ["./simulator/**", "./e2e/**", "./tests/**"] },
};

module.exports = nextConfig;
