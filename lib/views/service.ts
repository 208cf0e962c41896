/**
 * Answers the table and list endpoints (rankings, per-agent table, occupancy heat map, chat
 * archive, transcript, ticket list): resolves the one source, checks it offers the view, validates
 * team and agent against its lists, calls the adapter and stamps `fetchedAt`. Server only.
 */
import "server-only";
import { ApiHttpError } from "../api/errors";
import { getConfig } from "../env";
import { resolveAdapters, validateAgent, validateGroup } from "../metrics/service";
import type {
  AgentTableResponse,
  ChatListResponse,
  ChatTranscriptResponse,
  OccupancyResponse,
  RankingResponse,
  SourceId,
  TicketListResponse,
} from "../metrics/types";
import type { SourceAdapter } from "../sources/types";
import { UpstreamError } from "../upstream/errors";
import { withFreshness } from "../upstream/freshness";

type View = "ranking" | "occupancy" | "archive" | "transcript" | "tickets";

const VIEW_LABEL: Record<View, string> = {
  ranking: "Agent rankings are",
  occupancy: "Simultaneous chats are",
  archive: "The chat archive is",
  transcript: "Chat transcripts are",
  tickets: "Tickets are",
};

function adapterFor(source: SourceId | undefined): SourceAdapter {
  return resolveAdapters(source, null)[0]!;
}

/** @throws ApiHttpError 422 when the source does not offer the view. */
function need<K extends View>(adapter: SourceAdapter, view: K): NonNullable<SourceAdapter[K]> {
  const fn = adapter[view];
  if (!fn) {
    throw new ApiHttpError(
      422,
      "report_unavailable",
      `${VIEW_LABEL[view]} not available from ${adapter.name}: its API does not offer them.`,
    );
  }
  return fn.bind(adapter) as NonNullable<SourceAdapter[K]>;
}

/** Runs a view's upstream work and stamps the answer's age (see `withFreshness`). */
const stamp = withFreshness;

interface Range {
  source?: SourceId;
  from: string;
  to: string;
  group?: string;
}

async function prepare(adapter: SourceAdapter, q: Range) {
  const group = q.group ?? null;
  await validateGroup(adapter, group);
  const timezone = adapter.fixedTimezone ?? getConfig().timezone;
  return { from: q.from, to: q.to, group, timezone };
}

export async function getRanking(
  q: Range & { kind: "chats" | "tickets" },
): Promise<RankingResponse> {
  const adapter = adapterFor(q.source);
  const ranking = need(adapter, "ranking");
  return stamp(async () => ranking(q.kind, await prepare(adapter, q)));
}

export async function getAgentTable(q: Range): Promise<AgentTableResponse> {
  const adapter = adapterFor(q.source);
  return stamp(async () => adapter.agentTable(await prepare(adapter, q)));
}

export async function getOccupancy(q: Range): Promise<OccupancyResponse> {
  const adapter = adapterFor(q.source);
  const occupancy = need(adapter, "occupancy");
  return stamp(async () => occupancy(await prepare(adapter, q)));
}

export async function getChatList(
  q: Range & {
    hour?: string;
    agent?: string;
    type?: "chat" | "missed_chat";
    rate?: "rated" | "not_rated" | "rated_good" | "rated_bad";
    page?: string;
  },
): Promise<ChatListResponse> {
  const adapter = adapterFor(q.source);
  const archive = need(adapter, "archive");
  return stamp(async () => {
    const [window] = await Promise.all([
      prepare(adapter, q),
      validateAgent(adapter, q.agent ?? null),
    ]);
    return archive({
      ...window,
      hour: q.hour === undefined ? null : Number(q.hour),
      agent: q.agent ?? null,
      type: q.type ?? null,
      rate: q.rate ?? null,
      page: q.page === undefined ? 1 : Number(q.page),
    });
  });
}

/** @throws ApiHttpError 404 when the upstream has no such chat. */
export async function getTranscript(
  id: string,
  q: { source?: SourceId },
): Promise<ChatTranscriptResponse> {
  const adapter = adapterFor(q.source);
  const transcript = need(adapter, "transcript");
  try {
    return await stamp(() => transcript(id, adapter.fixedTimezone ?? getConfig().timezone));
  } catch (error) {
    if (error instanceof UpstreamError && error.kind === "not_found") {
      throw new ApiHttpError(404, "not_found", `${adapter.name} has no chat with id "${id}".`);
    }
    throw error;
  }
}

export async function getTicketList(
  q: Range & { status?: "open" | "pending" | "solved" | "spam"; page?: string },
): Promise<TicketListResponse> {
  const adapter = adapterFor(q.source);
  const tickets = need(adapter, "tickets");
  return stamp(async () =>
    tickets({
      ...(await prepare(adapter, q)),
      status: q.status ?? null,
      page: q.page === undefined ? 1 : Number(q.page),
    }),
  );
}
