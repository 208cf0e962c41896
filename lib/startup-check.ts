/**
 * Node-only start-up check, imported by `instrumentation.ts`: stops the server when the
 * configuration is invalid, with a message that names the variable.
 */
import { ConfigError, parseConfig } from "./config";

export function checkConfigurationOrExit(): void {
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
