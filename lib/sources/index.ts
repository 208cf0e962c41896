/**
 * The configured sources (server only): one adapter per configured vendor, built from
 * `lib/env.ts`, plus a short-lived cache of their team lists (groups / departments), which
 * route handlers use to validate `group` before anything is sent upstream.
 */
import "server-only";
import { LRUCache } from "lru-cache";
import { getConfig } from "../env";
import { LiveChatClient } from "../livechat/client";
import type { SourceId, SourceInfo, SourceTeam, SourcesResponse } from "../metrics/types";
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

// Teams change rarely; five minutes keeps validation cheap without hiding a new team for long.
const teamsCache = new LRUCache<SourceId, SourceTeam[]>({ max: 8, ttl: 5 * 60_000 });
const inflight = new Map<SourceId, Promise<SourceTeam[]>>();

/** The teams of a source, cached for 5 minutes. @throws UpstreamError */
export async function listTeams(adapter: SourceAdapter): Promise<SourceTeam[]> {
  const hit = teamsCache.get(adapter.id);
  if (hit) return hit;
  let pending = inflight.get(adapter.id);
  if (!pending) {
    pending = adapter
      .listTeams()
      .then((teams) => {
        teamsCache.set(adapter.id, teams);
        return teams;
      })
      .finally(() => inflight.delete(adapter.id));
    inflight.set(adapter.id, pending);
  }
  return pending;
}

/** Describes every configured source; a source whose teams fail to load says so in `teamsError`. */
export async function getSourcesInfo(): Promise<SourcesResponse> {
  const config = getConfig();
  const sources = await Promise.all(
    [...getAdapters().values()].map(async (a): Promise<SourceInfo> => {
      const base = {
        id: a.id,
        name: a.name,
        teamLabel: a.teamLabel,
        metrics: [...a.metrics],
        fixedTimezone: a.fixedTimezone,
      };
      try {
        return { ...base, teams: await listTeams(a) };
      } catch (error) {
        const message = error instanceof Error ? error.message : "unknown error";
        return { ...base, teams: [], teamsError: `Could not load ${a.teamLabel}s: ${message}` };
      }
    }),
  );
  return { sources, timezone: config.timezone, demo: config.demo };
}
