// GET /api/metrics/{metric} – one metric's buckets and total (and previous period) for a source, range and team.
import { NextResponse } from "next/server";
import { ApiHttpError, NO_STORE } from "@/lib/api/errors";
import { parseMetricParams } from "@/lib/api/metric-params";
import { withSession } from "@/lib/api/with-session";
import { getMetricReport } from "@/lib/metrics/service";

export const dynamic = "force-dynamic";

export const GET = withSession<{ params: Promise<{ metric: string }> }>(
  async (request, { params }) => {
    const { metric } = await params;
    const parsed = parseMetricParams(metric, request.nextUrl.searchParams);
    if (!parsed.ok) throw new ApiHttpError(400, "invalid_parameter", parsed.message);
    const report = await getMetricReport(parsed.value);
    return NextResponse.json(report, { headers: NO_STORE });
  },
);
