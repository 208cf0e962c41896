/**
 * `npm run simulator`: serves the LiveChat and Rocket.Chat emulations on 127.0.0.1.
 *
 * Env: `SIMULATOR_PORT` (default 4010), `SIMULATOR_NOW` (ISO instant: freezes the clock),
 * `SIMULATOR_RC_RATE_LIMIT` (`off` or `<limit>/<windowMs>`; default `10/60000`, i.e. on, like a
 * real Rocket.Chat), `SIMULATOR_LATENCY_MS` (latency added to every vendor request; default 0).
 * The control API is documented in `server.ts`.
 * Prints the base URLs and demo credentials, and stops cleanly on SIGINT/SIGTERM.
 */
import {
  LIVECHAT_SERVICE_API_KEY,
  LIVECHAT_SERVICE_LOGIN,
  ROCKETCHAT_SERVICE_USER,
  ROCKETCHAT_USERS,
  SIMULATOR_DEFAULT_PORT,
} from "./accounts";
import {
  createSimulator,
  resolveClock,
  resolveLatency,
  resolveRateLimit,
  warmDataset,
} from "./server";

/** How the Rocket.Chat limiter and global latency start (the env was validated by createSimulator). */
function rateLimitLine(): string {
  const limit = resolveRateLimit();
  const latency = resolveLatency();
  return [
    limit.enabled
      ? `Rocket.Chat rate limit: ${limit.limit} calls / ${limit.windowMs} ms per IP × route (SIMULATOR_RC_RATE_LIMIT=off to disable)`
      : "Rocket.Chat rate limit: off",
    latency > 0 ? `, latency +${latency} ms per request` : "",
  ].join("");
}

async function main(): Promise<void> {
  const rawPort = process.env.SIMULATOR_PORT;
  const port = rawPort === undefined || rawPort === "" ? SIMULATOR_DEFAULT_PORT : Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`invalid SIMULATOR_PORT: ${rawPort}`);

  const now = resolveClock();
  const warmMs = warmDataset(now);
  const simulator = createSimulator({ now });
  const { url } = await simulator.listen(port, "127.0.0.1");

  const manager = ROCKETCHAT_USERS.find((u) => u.roles.includes("livechat-manager") && !u.totpCode);
  console.log(
    [
      `Chatlens simulator listening on ${url} (dataset built in ${warmMs.toFixed(0)} ms, clock ${new Date(now()).toISOString()}${process.env.SIMULATOR_NOW ? " frozen" : ""})`,
      rateLimitLine(),
      "",
      `LIVECHAT_API_URL=${url}/livechat`,
      `LIVECHAT_LOGIN=${LIVECHAT_SERVICE_LOGIN}`,
      `LIVECHAT_API_KEY=${LIVECHAT_SERVICE_API_KEY}`,
      `ROCKETCHAT_URL=${url}/rocketchat`,
      `ROCKETCHAT_USER_ID=${ROCKETCHAT_SERVICE_USER._id}`,
      `ROCKETCHAT_AUTH_TOKEN=${ROCKETCHAT_SERVICE_USER.authToken}`,
      manager ? `Rocket.Chat manager sign-in: ${manager.username} / ${manager.password}` : "",
      "",
      `Try: curl -u ${LIVECHAT_SERVICE_LOGIN}:${LIVECHAT_SERVICE_API_KEY} -H 'X-API-Version: 2' '${url}/livechat/reports/chats/total_chats'`,
    ].join("\n"),
  );

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: shutting down`);
    simulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
