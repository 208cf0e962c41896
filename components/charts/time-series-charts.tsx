"use client";

import { Bar, BarChart, CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, formatDuration } from "@/lib/format";
import {
  AXIS_STYLE,
  bucketTickFormatter,
  CHART_COLORS,
  ChartFrame,
  durationTicks,
  ChartLegend,
  GRID_STYLE,
  renderTooltip,
  type TimeAxis,
} from "./chart-shell";

/**
 * Pure, typed chart components: data in, SVG out. No fetching and no loading states (the
 * overview's widget containers own those). `null` values are drawn as gaps, never as 0.
 */

/** One bucket of a single-series chart. */
export interface ValuePoint {
  key: string;
  value: number | null;
}

/** One bucket of the ratings chart. */
export interface RatingsPoint {
  key: string;
  good: number | null;
  bad: number | null;
}

const CHART_MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };

function xAxis(axis: TimeAxis) {
  return (
    <XAxis
      dataKey="key"
      {...AXIS_STYLE}
      tickFormatter={bucketTickFormatter(axis)}
      minTickGap={16}
      interval="preserveStartEnd"
    />
  );
}

/** Bars per bucket, e.g. chats over time. */
export function CountBarChart({
  points,
  axis,
  label,
  seriesName,
}: {
  points: ValuePoint[];
  axis: TimeAxis;
  label: string;
  seriesName: string;
}) {
  return (
    <ChartFrame label={label}>
      <BarChart
        responsive
        data={points}
        margin={CHART_MARGIN}
        style={{ width: "100%", height: "100%" }}
      >
        <CartesianGrid {...GRID_STYLE} />
        {xAxis(axis)}
        <YAxis
          {...AXIS_STYLE}
          width="auto"
          allowDecimals={false}
          tickFormatter={(v: number) => formatCount(v)}
        />
        <Tooltip
          cursor={{ fill: CHART_COLORS.cursor }}
          filterNull={false}
          isAnimationActive={axis.animate}
          content={renderTooltip(axis, formatCount)}
        />
        <Bar
          dataKey="value"
          name={seriesName}
          fill={CHART_COLORS.primary}
          radius={[3, 3, 0, 0]}
          maxBarSize={48}
          isAnimationActive={axis.animate}
        />
      </BarChart>
    </ChartFrame>
  );
}

/** Good and bad ratings stacked per bucket. */
export function RatingsStackedChart({
  points,
  axis,
  label,
}: {
  points: RatingsPoint[];
  axis: TimeAxis;
  label: string;
}) {
  return (
    <div className="flex flex-col gap-2">
      <ChartLegend
        items={[
          { label: "Good", color: CHART_COLORS.good },
          { label: "Bad", color: CHART_COLORS.bad },
        ]}
      />
      <ChartFrame label={label}>
        <BarChart
          responsive
          data={points}
          margin={CHART_MARGIN}
          style={{ width: "100%", height: "100%" }}
        >
          <CartesianGrid {...GRID_STYLE} />
          {xAxis(axis)}
          <YAxis
            {...AXIS_STYLE}
            width="auto"
            allowDecimals={false}
            tickFormatter={(v: number) => formatCount(v)}
          />
          <Tooltip
            cursor={{ fill: CHART_COLORS.cursor }}
            filterNull={false}
            isAnimationActive={axis.animate}
            content={renderTooltip(axis, formatCount)}
          />
          <Bar
            dataKey="good"
            name="Good"
            stackId="ratings"
            fill={CHART_COLORS.good}
            maxBarSize={48}
            isAnimationActive={axis.animate}
          />
          <Bar
            dataKey="bad"
            name="Bad"
            stackId="ratings"
            fill={CHART_COLORS.bad}
            radius={[3, 3, 0, 0]}
            maxBarSize={48}
            isAnimationActive={axis.animate}
          />
        </BarChart>
      </ChartFrame>
    </div>
  );
}

/** A duration (seconds) per bucket as a line; axis and tooltip read `1m 05s`. */
export function DurationLineChart({
  points,
  axis,
  label,
  seriesName,
  color = CHART_COLORS.primary,
}: {
  points: ValuePoint[];
  axis: TimeAxis;
  label: string;
  seriesName: string;
  color?: string;
}) {
  // Dots keep a lone value between two gaps visible; smaller when buckets are dense.
  const dotRadius = points.length <= 62 ? 2.5 : 1.25;
  const ticks = durationTicks(points.map((p) => p.value));
  return (
    <ChartFrame label={label}>
      <LineChart
        responsive
        data={points}
        margin={CHART_MARGIN}
        style={{ width: "100%", height: "100%" }}
      >
        <CartesianGrid {...GRID_STYLE} />
        {xAxis(axis)}
        <YAxis
          {...AXIS_STYLE}
          width="auto"
          ticks={ticks}
          domain={[0, ticks[ticks.length - 1] ?? "auto"]}
          tickFormatter={(v: number) => formatDuration(v)}
        />
        <Tooltip
          cursor={{ stroke: CHART_COLORS.grid }}
          filterNull={false}
          isAnimationActive={axis.animate}
          content={renderTooltip(axis, formatDuration)}
        />
        <Line
          type="monotone"
          dataKey="value"
          name={seriesName}
          stroke={color}
          strokeWidth={2}
          dot={{ r: dotRadius, fill: color, strokeWidth: 0 }}
          activeDot={{ r: 4 }}
          connectNulls={false}
          isAnimationActive={axis.animate}
        />
      </LineChart>
    </ChartFrame>
  );
}
