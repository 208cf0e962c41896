// GET /api/screen/{token}/metrics/{metric}?board=<id>&range=today|last7|last30 – one tile of a
//     TV screen, no session (the token is the credential, never logged). The answer is the
//     metric report of `/api/metrics/{metric}` for the board's source and team over the preset
//     (compare=previous, hourly for today, daily otherwise) plus `status` (the tile's goal
//     colour of the headline value, or null) and, for `today`, `todaySoFar` `{ cutoff "HH:00",
//     value, previousValue, previousFrom, previousTo[, notes] }` over complete hours only.
//     401 `invalid_screen_token`; 410 `screen_revoked` / `screen_token_replaced` /
//     `screen_not_found`; 400 unknown, repeated or missing parameters; 403
//     `not_allowed_by_screen` for another board, a metric not on the board or another range
//     (nothing is computed or sent upstream). See lib/screens/data.ts.
import { NextResponse, type NextRequest } from "next/server";
import { ApiHttpError, NO_STORE, toErrorResponse } from "@/lib/api/errors";
import { todayIn } from "@/lib/dates";
import { getConfig } from "@/lib/env";
import { getMetricReport } from "@/lib/metrics/service";
import {
  checkScreenRequest,
  headlineStatus,
  parseScreenQuery,
  previousHoursParams,
  tileParams,
  todaySoFarField,
} from "@/lib/screens/data";
import { screenRefused } from "@/lib/screens/http";
import { appScreenService } from "@/lib/screens/service";
import { todaySoFarComparison } from "@/lib/screens/today-so-far";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string; metric: string }> };

/** The URL is a credential: keep it out of referrers too. */
const HEADERS = { ...NO_STORE, "referrer-policy": "no-referrer" } as const;

export async function GET(request: NextRequest, context: Context): Promise<Response> {
  try {
    const { token, metric } = await context.params;
    // Read fresh on every request, so a revoke or a rotation stops the TV at once.
    const opened = await (await appScreenService()).openScreen(token);
    if (!opened.ok) throw screenRefused(opened.reason);

    const query = parseScreenQuery(request.nextUrl.searchParams);
    if (!query.ok) throw new ApiHttpError(400, "invalid_parameter", query.message);
    const check = checkScreenRequest(opened.boards, metric, query.value);
    if (!check.ok) {
      throw new ApiHttpError(403, "not_allowed_by_screen", `Not on this screen: ${check.message}.`);
    }

    const tz = getConfig().timezone;
    const now = Date.now();
    const params = tileParams(check.board, check.metric, check.range, todayIn(tz, now));
    const report = await getMetricReport(params);
    const comparison = check.range === "today" ? todaySoFarComparison(tz, now, params) : null;
    const todaySoFar = comparison
      ? todaySoFarField(
          check.metric,
          comparison,
          report.buckets,
          (await getMetricReport(previousHoursParams(params, comparison))).buckets,
        )
      : undefined;
    const status = headlineStatus(check.tile, report.total.value);
    return NextResponse.json(
      { ...report, status, ...(todaySoFar ? { todaySoFar } : {}) },
      { headers: HEADERS },
    );
  } catch (error) {
    const res = toErrorResponse(error);
    res.headers.set("referrer-policy", "no-referrer");
    return res;
  }
}
