"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
  type MouseHandlerDataParam,
} from "recharts";
import { formatCount, formatValue } from "@/lib/format";
import type { MetricUnit } from "@/lib/metrics/types";
import {
  AXIS_STYLE,
  bucketTickFormatter,
  CHART_COLORS,
  ChartFrame,
  GRID_STYLE,
  renderTooltip,
  yTickLabel,
  yTicks,
  type TimeAxis,
} from "./chart-shell";
import {
  axisValues,
  type ChartSeries,
  type SeriesPoint,
  type CategoryBarChartProps,
  type TimeSeriesChartProps,
} from "./time-series-charts";

/**
 * Everything that needs Recharts, in one module the chart wrappers load on demand
 * (`React.lazy`): the library is the largest script of a page, and the first paint does not
 * need it — the server's static drawing (`static-chart.tsx`) shows the data until it is here.
 */

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

/** The y axis for a unit: round clock ticks for durations, 0–100 for percentages. */
function yAxis(
  unit: MetricUnit,
  points: readonly SeriesPoint[],
  series: readonly ChartSeries[],
  stacked: boolean,
) {
  const ticks = yTicks(unit, axisValues(points, series, stacked));
  return (
    <YAxis
      {...AXIS_STYLE}
      width="auto"
      ticks={ticks}
      domain={[0, ticks[ticks.length - 1] ?? "auto"]}
      allowDecimals={false}
      tickFormatter={(v: number) => yTickLabel(unit, v)}
    />
  );
}

/** Turns a chart click into the clicked bucket's key. */
function bucketClickHandler(
  points: readonly SeriesPoint[],
  onBucketClick: ((key: string) => void) | undefined,
) {
  if (!onBucketClick) return undefined;
  return (state: MouseHandlerDataParam) => {
    const label = state.activeLabel;
    if (typeof label === "string" && points.some((p) => p.key === label)) {
      onBucketClick(label);
      return;
    }
    const index = Number(state.activeTooltipIndex ?? state.activeIndex);
    const point = Number.isInteger(index) ? points[index] : undefined;
    if (point) onBucketClick(point.key);
  };
}

/**
 * The interactive (Recharts) drawing of `TimeSeriesChart`: bars (one series), stacked or
 * grouped bars (parts), or lines, with tooltips and bucket clicks. Axis and tooltip values are
 * formatted by `unit`. Loaded on demand: the page shows the server's static drawing first.
 */
export function InteractiveSeriesChart({
  kind,
  points,
  series,
  unit,
  axis,
  onBucketClick,
}: Omit<TimeSeriesChartProps, "label">) {
  const format = (v: number) => formatValue(v, unit);
  // Lines: the chart's click reports the bucket under the pointer. Bars handle their own click.
  const onClick = kind === "line" ? bucketClickHandler(points, onBucketClick) : undefined;

  if (kind === "line") {
    // Dots keep a lone value between two gaps visible; smaller when buckets are dense.
    const dotRadius = points.length <= 62 ? 2.5 : 1.25;
    return (
      <LineChart
        responsive
        data={points}
        margin={CHART_MARGIN}
        style={{ width: "100%", height: "100%" }}
        onClick={onClick}
      >
        <CartesianGrid {...GRID_STYLE} />
        {xAxis(axis)}
        {yAxis(unit, points, series, false)}
        <Tooltip
          cursor={{ stroke: CHART_COLORS.grid }}
          filterNull={false}
          isAnimationActive={axis.animate}
          content={renderTooltip(axis, format)}
        />
        {series.map((s) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeWidth={2}
            dot={{ r: dotRadius, fill: s.color, strokeWidth: 0 }}
            activeDot={{ r: 4 }}
            connectNulls={false}
            isAnimationActive={axis.animate}
          />
        ))}
      </LineChart>
    );
  }

  const stacked = kind === "stacked";
  return (
    <BarChart
      responsive
      data={points}
      margin={CHART_MARGIN}
      style={{ width: "100%", height: "100%" }}
    >
      <CartesianGrid {...GRID_STYLE} />
      {xAxis(axis)}
      {yAxis(unit, points, series, stacked)}
      <Tooltip
        cursor={{ fill: CHART_COLORS.cursor }}
        filterNull={false}
        isAnimationActive={axis.animate}
        content={renderTooltip(axis, format)}
      />
      {series.map((s, i) => (
        <Bar
          key={s.key}
          dataKey={s.key}
          name={s.name}
          stackId={stacked ? "parts" : undefined}
          fill={s.color}
          radius={!stacked || i === series.length - 1 ? [3, 3, 0, 0] : undefined}
          maxBarSize={kind === "grouped" ? 24 : 48}
          isAnimationActive={axis.animate}
          className={onBucketClick ? "cursor-pointer" : undefined}
          // The bar itself says which bucket it is: no dependence on the hover state,
          // which Recharts updates on the next animation frame.
          onClick={
            onBucketClick
              ? (_data, index) => {
                  const point = points[index];
                  if (point) onBucketClick(point.key);
                }
              : undefined
          }
        />
      ))}
    </BarChart>
  );
}

/** Bars over named categories (not time), e.g. the response-time distribution. */
export function InteractiveCategoryBarChart({
  data,
  label,
  seriesName,
  animate,
  color = CHART_COLORS.primary,
}: CategoryBarChartProps) {
  return (
    <ChartFrame label={label}>
      <BarChart
        responsive
        data={data}
        margin={CHART_MARGIN}
        style={{ width: "100%", height: "100%" }}
      >
        <CartesianGrid {...GRID_STYLE} />
        <XAxis dataKey="label" {...AXIS_STYLE} interval={0} />
        <YAxis
          {...AXIS_STYLE}
          width="auto"
          allowDecimals={false}
          tickFormatter={(v: number) => formatCount(v)}
        />
        <Tooltip
          cursor={{ fill: CHART_COLORS.cursor }}
          isAnimationActive={animate}
          formatter={(v) => [formatCount(typeof v === "number" ? v : null), seriesName]}
          contentStyle={{
            background: "var(--surface)",
            border: "1px solid var(--line)",
            borderRadius: 8,
            fontSize: "0.75rem",
          }}
          labelStyle={{ color: "var(--foreground)", fontWeight: 500 }}
          itemStyle={{ color: "var(--foreground)" }}
        />
        <Bar
          dataKey="value"
          name={seriesName}
          fill={color}
          radius={[3, 3, 0, 0]}
          maxBarSize={56}
          isAnimationActive={animate}
        />
      </BarChart>
    </ChartFrame>
  );
}
