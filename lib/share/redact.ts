/**
 * What a share link must not reveal, removed on the server before any JSON or HTML is built
 * (server only).
 *
 * - Hidden agent names (`scope.hideAgentNames`): every agent's name AND id (ids are logins and
 *   e-mail addresses) becomes "Agent 1", "Agent 2"… (ids `agent-1`, `agent-2`…). The numbers
 *   follow a stable order per link — a keyed hash of the link id and the agent id, so two links
 *   number the same people differently and the order says nothing about names — over the
 *   sources' agent lists, so one agent has the same number in every table of the link.
 *   Agents missing from those lists (e.g. a former agent in an old ranking) get the next
 *   numbers in order of appearance. The browser asks with the pseudonymous id; the endpoint
 *   maps it back (`realId`) before the request reaches a service.
 * - Source lists (`scrubSources`): a share page gets only the sources in its scope, the locked
 *   team and the locked agent — never the account's roster of agents or teams.
 *
 * Besides the named fields, every string value equal to a known agent id or name is replaced
 * anywhere in an answer (`pseudonymiseStrings`), and free text (notes, error messages) has
 * every known id and name replaced, so a field added to a response later does not leak.
 */
import "server-only";
import { createHmac } from "node:crypto";
import type {
  AgentTableResponse,
  MetricResponse,
  OccupancyResponse,
  RankingResponse,
  SourceAgent,
  SourceInfo,
  SourcesResponse,
  TicketListResponse,
} from "@/lib/metrics/types";
import type { ShareScope } from "./scope";

const PSEUDONYM_ID = /^agent-([1-9]\d{0,5})$/;

/** A link's agent pseudonyms: real id ⇄ "Agent n". */
export class AgentPseudonyms {
  private readonly numbers = new Map<string, number>();
  private readonly byNumber = new Map<number, string>();
  /** Real names and ids, longest first (text replacement must try "Ann Lee" before "Ann"). */
  private readonly known: { text: string; n: number; kind: "id" | "name" }[] = [];
  private readonly exact = new Map<string, { n: number; kind: "id" | "name" }>();
  private sorted = true;

  /**
   * @param salt the link id: the numbering is stable per link and differs between links
   * @param agents every agent the link's sources list (and the scope's agent)
   */
  constructor(
    private readonly salt: string,
    agents: readonly SourceAgent[],
  ) {
    const names = new Map<string, string>();
    for (const a of agents) if (!names.has(a.id)) names.set(a.id, a.name);
    const order = [...names.keys()].sort((a, b) => {
      const ka = this.rank(a);
      const kb = this.rank(b);
      return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
    });
    for (const id of order) this.numberOf(id);
    for (const [id, name] of names) this.remember(name, this.numberOf(id), "name");
  }

  private rank(id: string): string {
    return createHmac("sha256", this.salt).update(id).digest("hex");
  }

  private remember(text: string, n: number, kind: "id" | "name") {
    // One- or two-letter names would shred unrelated text; exact matches still apply.
    if (text.length >= 3) {
      this.known.push({ text, n, kind });
      this.sorted = false;
    }
    if (text.length > 0 && !this.exact.has(text)) this.exact.set(text, { n, kind });
  }

  private numberOf(realId: string): number {
    let n = this.numbers.get(realId);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(realId, n);
      this.byNumber.set(n, realId);
      this.remember(realId, n, "id");
    }
    return n;
  }

  /** The pseudonymous id of `realId` (`agent-3`); an unknown agent gets the next number. */
  id(realId: string): string {
    return `agent-${this.numberOf(realId)}`;
  }

  /** The pseudonymous name of `realId` ("Agent 3"). */
  name(realId: string): string {
    return `Agent ${this.numberOf(realId)}`;
  }

  /** The real id behind a pseudonymous id, or null when it names no agent of this link. */
  realId(pseudonymousId: string): string | null {
    const match = PSEUDONYM_ID.exec(pseudonymousId);
    return match ? (this.byNumber.get(Number(match[1])) ?? null) : null;
  }

  /** `text` with every known agent id and name (3+ characters) replaced by its pseudonym. */
  text(text: string): string {
    if (!this.sorted) {
      this.known.sort((a, b) => b.text.length - a.text.length);
      this.sorted = true;
    }
    let out = text;
    for (const k of this.known) {
      if (out.includes(k.text)) {
        out = out.split(k.text).join(k.kind === "id" ? `agent-${k.n}` : `Agent ${k.n}`);
      }
    }
    return out;
  }

  /**
   * A deep copy of `value` where every string equal to a known agent id or name is replaced by
   * its pseudonym (object keys included).
   */
  pseudonymiseStrings<T>(value: T): T {
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === "string") {
      const hit = this.exact.get(value);
      return hit ? (hit.kind === "id" ? `agent-${hit.n}` : `Agent ${hit.n}`) : value;
    }
    if (Array.isArray(value)) return value.map((v) => this.walk(v));
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [this.walk(k) as string, this.walk(v)]),
      );
    }
    return value;
  }
}

/** The agents whose names a link hides: every agent of the sources in its scope, plus its own. */
export function linkAgents(scope: ShareScope, sources: readonly SourceInfo[]): SourceAgent[] {
  const inScope = sources.filter((s) => scope.source === "all" || s.id === scope.source);
  const agents = inScope.flatMap((s) => s.agents);
  if (scope.agent !== null && !agents.some((a) => a.id === scope.agent)) {
    agents.push({ id: scope.agent, name: scope.agent });
  }
  return agents;
}

/** A metric answer without agent ids (the agent filter) or names in its notes. */
export function redactMetric(r: MetricResponse, p: AgentPseudonyms): MetricResponse {
  return p.pseudonymiseStrings({
    ...r,
    agent: r.agent === null ? null : p.id(r.agent),
    ...(r.notes && { notes: r.notes.map((n) => p.text(n)) }),
  });
}

/** A ranking with every agent pseudonymous (the order, best first, is kept). */
export function redactRanking(r: RankingResponse, p: AgentPseudonyms): RankingResponse {
  return p.pseudonymiseStrings({
    ...r,
    rows: r.rows.map((row) => ({ ...row, agent: p.id(row.agent), name: p.name(row.agent) })),
  });
}

/**
 * The per-agent table with every agent pseudonymous, ordered by pseudonym: its own order
 * (by name) would hint at who is who.
 */
export function redactAgentTable(r: AgentTableResponse, p: AgentPseudonyms): AgentTableResponse {
  const rows = r.rows
    .map((row) => ({ row, n: Number(p.id(row.agent).slice("agent-".length)) }))
    .sort((a, b) => a.n - b.n)
    .map(({ row }) => ({ ...row, agent: p.id(row.agent), name: p.name(row.agent) }));
  return p.pseudonymiseStrings({ ...r, rows });
}

/** The ticket list with pseudonymous assignees. */
export function redactTicketList(r: TicketListResponse, p: AgentPseudonyms): TicketListResponse {
  return p.pseudonymiseStrings({
    ...r,
    tickets: r.tickets.map((t) => ({
      ...t,
      assignee:
        t.assignee === null ? null : { id: p.id(t.assignee.id), name: p.name(t.assignee.id) },
    })),
  });
}

/** Occupancy carries no agents; the generic pass still runs (future fields). */
export function redactOccupancy(r: OccupancyResponse, p: AgentPseudonyms): OccupancyResponse {
  return p.pseudonymiseStrings(r);
}

/**
 * The sources as a share page may show them: only those in the scope; of their teams only
 * the locked one; of their agents only the locked one (as `agent`, its pseudonym when names
 * are hidden). The account's rosters never reach the browser.
 */
export function scrubSources(
  sources: SourcesResponse,
  scope: ShareScope,
  p: AgentPseudonyms | null,
): SourcesResponse {
  const inScope = sources.sources.filter((s) => scope.source === "all" || s.id === scope.source);
  return {
    ...sources,
    sources: inScope.map((s) => {
      const team = s.teams.find((t) => t.id === scope.group);
      const agent = s.agents.find((a) => a.id === scope.agent);
      const shown: SourceAgent[] =
        scope.agent === null
          ? []
          : [
              p === null
                ? (agent ?? { id: scope.agent, name: scope.agent })
                : { id: p.id(scope.agent), name: p.name(scope.agent) },
            ];
      const scrubbed: SourceInfo = {
        ...s,
        teams: scope.group !== null && team ? [team] : [],
        agents: shown,
      };
      // The load errors name no one, but say nothing either about lists the page never shows.
      delete scrubbed.agentsError;
      if (scope.group === null) delete scrubbed.teamsError;
      return scrubbed;
    }),
  };
}
