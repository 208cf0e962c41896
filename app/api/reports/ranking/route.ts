// GET /api/reports/ranking – agents ranked by chat or ticket ratings (LiveChat ratings/ranking).
import { NextResponse } from "next/server";
import { ApiHttpError, NO_STORE } from "@/lib/api/errors";
import { rankingQuery, parseQuery } from "@/lib/api/view-params";
import { withSession } from "@/lib/api/with-session";
import { getRanking } from "@/lib/views/service";

export const dynamic = "force-dynamic";

export const GET = withSession<unknown>(async (request) => {
  const parsed = parseQuery(rankingQuery, request.nextUrl.searchParams);
  if (!parsed.ok) throw new ApiHttpError(400, "invalid_parameter", parsed.message);
  return NextResponse.json(await getRanking(parsed.value), { headers: NO_STORE });
});
