// GET /api/sources – the configured sources, their teams (groups/departments), metrics and the reporting time zone.
import { NextResponse } from "next/server";
import { NO_STORE } from "@/lib/api/errors";
import { withSession } from "@/lib/api/with-session";
import { getSourcesInfo } from "@/lib/sources";

export const dynamic = "force-dynamic";

export const GET = withSession<unknown>(async () => {
  return NextResponse.json(await getSourcesInfo(), { headers: NO_STORE });
});
