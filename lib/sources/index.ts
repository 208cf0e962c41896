/**
 * The configured sources (server only): one adapter per configured vendor, built from
 * `lib/env.ts`, each client calling its vendor through the one upstream gateway of the
 * process (cache, coalescing, pacing, retries, circuit breaker: `lib/upstream/gateway.ts`).
 * Team and agent lists come through the same cache (5 minutes fresh), which route handlers
 * use to validate `group` and `agent` before anything else is sent upstream.
 */
import "server-only";
import { getConfig } from "../env";
import { LiveChatClient } from "../livechat/client";
import type {
  SourceAgent,
  SourceId,
  SourceInfo,
  SourceTeam,
  SourcesResponse,
} from "../metrics/types";
import { RocketChatClient } from "../rocketchat/client";
import { UpstreamGateway } from "../upstream/gateway";
import { RedisCacheStore } from "../upstream/redis-store";
import { defaultSchedulerOptions, SourceScheduler } from "../upstream/scheduler";
import { MemoryCacheStore } from "../upstream/store";
import { createLiveChatAdapter } from "./livechat";
import { createRocketChatAdapter } from "./rocketchat";
import type { SourceAdapter } from "./types";

interface Runtime {
  gateway: UpstreamGateway;
  schedulers: Map<SourceId, SourceScheduler>;
  adapters: Map<SourceId, SourceAdapter>;
}

// On globalThis: Next may bundle this module into several entries (route handlers, pages);
// the process must still have exactly one cache and one scheduler per source.
const RUNTIME = Symbol.for("chatlens.sources.runtime");
type WithRuntime = typeof globalThis & { [RUNTIME]?: Runtime };

function runtime(): Runtime {
  const holder = globalThis as WithRuntime;
  if (holder[RUNTIME]) return holder[RUNTIME];
  const config = getConfig();
  const store = config.redisUrl ? new RedisCacheStore(config.redisUrl) : new MemoryCacheStore();
  const gateway = new UpstreamGateway({ store, timeoutMs: config.upstreamTimeoutMs });
  const schedulers = new Map<SourceId, SourceScheduler>();
  const adapters = new Map<SourceId, SourceAdapter>();
  if (config.livechat) {
    const scheduler = new SourceScheduler(
      defaultSchedulerOptions("livechat", config.upstreamTimeoutMs),
    );
    schedulers.set("livechat", scheduler);
    adapters.set(
      "livechat",
      createLiveChatAdapter(
        new LiveChatClient(config.livechat, config.upstreamTimeoutMs, gateway.caller(scheduler)),
      ),
    );
  }
  if (config.rocketchat) {
    const scheduler = new SourceScheduler(
      defaultSchedulerOptions("rocketchat", config.upstreamTimeoutMs),
    );
    schedulers.set("rocketchat", scheduler);
    adapters.set(
      "rocketchat",
      createRocketChatAdapter(
        new RocketChatClient(
          config.rocketchat,
          config.upstreamTimeoutMs,
          gateway.caller(scheduler),
        ),
      ),
    );
  }
  holder[RUNTIME] = { gateway, schedulers, adapters };
  return holder[RUNTIME];
}

/** Adapters of the configured sources, LiveChat first. */
export function getAdapters(): Map<SourceId, SourceAdapter> {
  return runtime().adapters;
}

/** The process's upstream gateway (stats for the benchmark and health checks). */
export function getGateway(): UpstreamGateway {
  return runtime().gateway;
}

/** The teams of a source (cached by the gateway). @throws UpstreamError */
export function listTeams(adapter: SourceAdapter): Promise<SourceTeam[]> {
  return adapter.listTeams();
}

/** The agents of a source (cached by the gateway). @throws UpstreamError */
export function listAgents(adapter: SourceAdapter): Promise<SourceAgent[]> {
  return adapter.listAgents();
}

const describe = (error: unknown) => (error instanceof Error ? error.message : "unknown error");

/** Describes every configured source; a source whose teams fail to load says so in `teamsError`. */
export async function getSourcesInfo(): Promise<SourcesResponse> {
  const config = getConfig();
  const sources = await Promise.all(
    [...getAdapters().values()].map(async (a): Promise<SourceInfo> => {
      const [teams, agents] = await Promise.allSettled([listTeams(a), listAgents(a)]);
      return {
        id: a.id,
        name: a.name,
        teamLabel: a.teamLabel,
        metrics: [...a.metrics],
        agentFilterMetrics: [...a.agentFilterMetrics],
        archive: a.archive !== undefined,
        tickets: a.tickets !== undefined,
        fixedTimezone: a.fixedTimezone,
        teams: teams.status === "fulfilled" ? teams.value : [],
        agents: agents.status === "fulfilled" ? agents.value : [],
        ...(teams.status === "rejected"
          ? { teamsError: `Could not load ${a.teamLabel}s: ${describe(teams.reason)}` }
          : {}),
        ...(agents.status === "rejected"
          ? { agentsError: `Could not load agents: ${describe(agents.reason)}` }
          : {}),
      };
    }),
  );
  return { sources, timezone: config.timezone, demo: config.demo };
}
