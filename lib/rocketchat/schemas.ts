/**
 * zod schemas for the Rocket.Chat REST endpoints Chatlens reads.
 *
 * Sources: `GET /api/v1/livechat/analytics/dashboards/charts-data` (`shared/seeds/003_…`),
 * `GET /api/v1/livechat/analytics/agent-overview` (`shared/seeds/001_…`), and the notes in
 * `shared/reference/rocketchat-analytics.md` (§1.3 error envelopes, §2 charts-data, §3
 * agent-overview, §6 login/me/department). Durations are seconds (floats rounded to 2
 * decimals in charts; `"HH:MM:SS"` strings in agent-overview).
 *
 * Used by both our client and the simulator.
 */
import { z } from "zod";

/** The seven chart names accepted by charts-data and agent-overview (case-sensitive). */
export const chartName = z.enum([
  "Total_conversations",
  "Avg_chat_duration",
  "Total_messages",
  "Avg_first_response_time",
  "Best_first_response_time",
  "Avg_response_time",
  "Avg_reaction_time",
]);
export type ChartName = z.infer<typeof chartName>;

/** charts-data 200: `dataPoints[i]` belongs to `dataLabels[i]`; labels `M/D` or `hA-hA` (one day). */
export const chartsDataResponse = z
  .object({
    chartLabel: z.string(),
    dataLabels: z.array(z.string()),
    dataPoints: z.array(z.number()),
    success: z.literal(true),
  })
  .refine((body) => body.dataLabels.length === body.dataPoints.length, {
    message: "dataLabels and dataPoints differ in length",
  });

/**
 * agent-overview 200. `value` is a string ("71.43%", "HH:MM:SS", sometimes "25" as in the
 * documented example) or a number (`Total_messages` at runtime, and in the simulator).
 */
export const agentOverviewResponse = z.union([
  z.object({
    head: z.array(z.object({ name: z.string() })),
    data: z.array(z.object({ name: z.string(), value: z.union([z.string(), z.number()]) })),
    success: z.literal(true),
  }),
  // Unknown name or unparseable dates: the server answers 200 `{"success":true}` and nothing else.
  z.object({ success: z.literal(true) }).strict(),
]);

/** analytics/overview (and agent-overview) when the name is unknown or dates unparseable: exactly `{"success":true}`. */
export const emptySuccessResponse = z.object({ success: z.literal(true) }).strict();

/** GET /api/v1/livechat/users/agent (paginated): agents with their department ids (§6.4). */
export const agentsResponse = z.object({
  users: z.array(
    z.looseObject({
      _id: z.string(),
      username: z.string(),
      name: z.string().optional(),
      status: z.string().optional(),
      statusLivechat: z.string().optional(),
      emails: z.array(z.object({ address: z.string(), verified: z.boolean() })).optional(),
      departments: z.array(z.string()).optional(),
    }),
  ),
  count: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  success: z.literal(true),
});

/** analytics/overview 200: a bare array (no `success` key survives JSON.stringify on arrays). */
export const overviewResponse = z.array(
  z.object({ title: z.string(), value: z.union([z.string(), z.number()]) }),
);

export const meResponse = z.looseObject({
  _id: z.string(),
  username: z.string(),
  name: z.string().optional(),
  roles: z.array(z.string()),
  utcOffset: z.number().optional(),
  success: z.literal(true).optional(),
});

/** POST /api/v1/login 200 (6.x lacks `success`). */
export const loginResponse = z.looseObject({
  status: z.literal("success"),
  data: z.looseObject({
    userId: z.string(),
    authToken: z.string(),
    me: z.looseObject({ _id: z.string(), username: z.string(), roles: z.array(z.string()) }),
  }),
  success: z.literal(true).optional(),
});

/** POST /api/v1/logout 200 */
export const logoutResponse = z.looseObject({
  status: z.literal("success"),
  data: z.looseObject({ message: z.string() }),
});

/** GET /api/v1/livechat/department (paginated). */
export const departmentsResponse = z.object({
  departments: z.array(
    z.looseObject({
      _id: z.string(),
      name: z.string(),
      enabled: z.boolean(),
      type: z.string().optional(),
      numAgents: z.number().int().optional(),
    }),
  ),
  count: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  success: z.literal(true),
});

/**
 * Error bodies across versions (§1.3): 6.x `{status:"error", message}`, 7.x/8.x
 * `{success:false, error, errorType?, status?, message?}`.
 */
export const errorBody = z.union([
  z.looseObject({ success: z.literal(false), error: z.string(), errorType: z.string().optional() }),
  z.looseObject({ status: z.literal("error"), message: z.string() }),
]);

export type ChartsDataResponse = z.infer<typeof chartsDataResponse>;
export type DepartmentsResponse = z.infer<typeof departmentsResponse>;
export type LoginResponse = z.infer<typeof loginResponse>;
