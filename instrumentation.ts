/**
 * Runs once when the Next.js server starts: validates the configuration so a bad value stops
 * the server at once, with a message naming the variable, instead of failing on first use.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseConfig, ConfigError } = await import("./lib/config");
  try {
    parseConfig(process.env, () => "startup-check-only");
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\nChatlens: invalid configuration — ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
