// GET /api/reports/agents – one row per agent with the source's per-agent figures.
import { NextResponse } from "next/server";
import { ApiHttpError, NO_STORE } from "@/lib/api/errors";
import { viewQuery, parseQuery } from "@/lib/api/view-params";
import { withSession } from "@/lib/api/with-session";
import { getAgentTable } from "@/lib/views/service";

export const dynamic = "force-dynamic";

export const GET = withSession<unknown>(async (request) => {
  const parsed = parseQuery(viewQuery, request.nextUrl.searchParams);
  if (!parsed.ok) throw new ApiHttpError(400, "invalid_parameter", parsed.message);
  return NextResponse.json(await getAgentTable(parsed.value), { headers: NO_STORE });
});
