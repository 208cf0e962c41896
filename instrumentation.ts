/**
 * Runs once when the Next.js server starts: validates the configuration so a bad value stops
 * the server at once, with a message naming the variable, instead of failing on first use.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkConfigurationOrExit } = await import("./lib/startup-check");
  checkConfigurationOrExit();
}
