/**
 * The configured sources (server only): one adapter per configured vendor, built from
 * `lib/env.ts`, plus a short-lived cache of their team lists (groups / departments), which
 * route handlers use to validate `group` before anything is sent upstream.
 */
import "server-only";
import { LRUCache } from "lru-cache";
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
import { createLiveChatAdapter } from "./livechat";
import { createRocketChatAdapter } from "./rocketchat";
import type { SourceAdapter } from "./types";

let adapters: Map<SourceId, SourceAdapter> | undefined;

/** Adapters of the configured sources, LiveChat first. */
export function getAdapters(): Map<SourceId, SourceAdapter> {
  if (adapters) return adapters;
  const config = getConfig();
  const map = new Map<SourceId, SourceAdapter>();
  if (config.livechat) {
    map.set(
      "livechat",
      createLiveChatAdapter(new LiveChatClient(config.livechat, config.upstreamTimeoutMs)),
    );
  }
  if (config.rocketchat) {
    map.set(
      "rocketchat",
      createRocketChatAdapter(new RocketChatClient(config.rocketchat, config.upstreamTimeoutMs)),
    );
  }
  adapters = map;
  return map;
}

// Teams and agents change rarely; five minutes keeps validation cheap without hiding a new one for long.
const TTL_MS = 5 * 60_000;
const teamsCache = new LRUCache<SourceId, SourceTeam[]>({ max: 8, ttl: TTL_MS });
const agentsCache = new LRUCache<SourceId, SourceAgent[]>({ max: 8, ttl: TTL_MS });
const inflight = new Map<string, Promise<unknown>>();

function cached<T extends object>(
  cache: LRUCache<SourceId, T>,
  kind: string,
  adapter: SourceAdapter,
  load: () => Promise<T>,
): Promise<T> {
  const hit = cache.get(adapter.id);
  if (hit) return Promise.resolve(hit);
  const key = `${kind}:${adapter.id}`;
  let pending = inflight.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load()
      .then((value) => {
        cache.set(adapter.id, value);
        return value;
      })
      .finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  return pending;
}

/** The teams of a source, cached for 5 minutes. @throws UpstreamError */
export function listTeams(adapter: SourceAdapter): Promise<SourceTeam[]> {
  return cached(teamsCache, "teams", adapter, () => adapter.listTeams());
}

/** The agents of a source, cached for 5 minutes. @throws UpstreamError */
export function listAgents(adapter: SourceAdapter): Promise<SourceAgent[]> {
  return cached(agentsCache, "agents", adapter, () => adapter.listAgents());
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
