/**
 * The build this code belongs to: `<package version>+<git commit or "local">.<build time>`,
 * set by next.config.js at build time (`CHATLENS_BUILD`) and inlined into server and browser
 * bundles alike. A TV compares its own with the server's to notice a deploy. Client-safe.
 */
export const APP_VERSION: string = process.env.CHATLENS_BUILD ?? "dev";
