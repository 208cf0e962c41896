/**
 * The Redis connection of an attempt limiter (sign-in, share-link passwords; server only).
 * Built to fail fast rather than queue: no offline queue, one retry, 1 s per command, 2 s to
 * connect, so a Redis outage costs a sign-in at most a moment before the limiter's in-memory
 * insurance takes over. Logs the first error of each outage once (`what` names the limiter),
 * never the URL.
 */
import "server-only";
import { Redis } from "ioredis";

export function limiterRedis(redisUrl: string, what: string): Redis {
  const redis = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    connectTimeout: 2_000,
  });
  // Without a listener ioredis prints every reconnect error.
  let warned = false;
  redis.on("error", (error: Error) => {
    if (!warned) console.warn(`[limits] Redis unavailable for ${what} (${error.message})`);
    warned = true;
  });
  redis.on("ready", () => {
    warned = false;
  });
  return redis;
}
