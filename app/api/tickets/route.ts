// GET /api/tickets – one page of the ticket list (LiveChat GET /tickets).
import { NextResponse } from "next/server";
import { ApiHttpError, NO_STORE } from "@/lib/api/errors";
import { ticketListQuery, parseQuery } from "@/lib/api/view-params";
import { withSession } from "@/lib/api/with-session";
import { getTicketList } from "@/lib/views/service";

export const dynamic = "force-dynamic";

export const GET = withSession<unknown>(async (request) => {
  const parsed = parseQuery(ticketListQuery, request.nextUrl.searchParams);
  if (!parsed.ok) throw new ApiHttpError(400, "invalid_parameter", parsed.message);
  return NextResponse.json(await getTicketList(parsed.value), { headers: NO_STORE });
});
