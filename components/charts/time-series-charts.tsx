"use client";

import type { ReactNode } from "react";
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
  ChartLegend,
  durationTicks,
  GRID_STYLE,
  renderTooltip,
  type TimeAxis,
} from "./chart-shell";

/**
 * Pure, typed chart components: data in, SVG out. No fetching and no loading states (the
 * widget containers own those). `null` values are drawn as gaps, never as 0.
 */

/** One series of a chart: `key` is the field of each point it reads. */
export interface ChartSeries {
  key: string;
  name: string;
  color: string;
}

/** One bucket: its key plus one number (or null) per series key. */
export type SeriesPoint = { key: string } & { [series: string]: number | string | null };

export type SeriesChartKind = "bars" | "stacked" | "grouped" | "line";

const CHART_MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };
const PERCENT_TICKS = [0, 25, 50, 75, 100];

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

function numberOf(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** The y axis for a unit: round clock ticks for durations, 0–100 for percentages. */
function yAxis(
  unit: MetricUnit,
  points: readonly SeriesPoint[],
  series: readonly ChartSeries[],
  stacked: boolean,
) {
  if (unit === "seconds") {
    const values = points.map((p) => {
      const vs = series.map((s) => numberOf(p[s.key]));
      if (!stacked) return Math.max(0, ...vs.filter((v): v is number => v !== null));
      return vs.reduce<number>((sum, v) => sum + (v ?? 0), 0);
    });
    const ticks = durationTicks(values);
    return (
      <YAxis
        {...AXIS_STYLE}
        width="auto"
        ticks={ticks}
        domain={[0, ticks[ticks.length - 1] ?? "auto"]}
        tickFormatter={(v: number) => formatValue(v, "seconds")}
      />
    );
  }
  if (unit === "percent") {
    return (
      <YAxis
        {...AXIS_STYLE}
        width="auto"
        ticks={PERCENT_TICKS}
        domain={[0, 100]}
        tickFormatter={(v: number) => `${v}%`}
      />
    );
  }
  return (
    <YAxis
      {...AXIS_STYLE}
      width="auto"
      allowDecimals={false}
      tickFormatter={(v: number) => formatCount(v)}
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

export interface TimeSeriesChartProps {
  kind: SeriesChartKind;
  points: SeriesPoint[];
  series: ChartSeries[];
  unit: MetricUnit;
  axis: TimeAxis;
  /** Accessible name of the figure. */
  label: string;
  /** Set when a bucket can be opened (drill-down). */
  onBucketClick?: (key: string) => void;
}

/**
 * A metric over time: bars (one series), stacked or grouped bars (parts), or lines. Axis and
 * tooltip values are formatted by `unit`.
 */
export function TimeSeriesChart({
  kind,
  points,
  series,
  unit,
  axis,
  label,
  onBucketClick,
}: TimeSeriesChartProps) {
  const format = (v: number) => formatValue(v, unit);
  // Lines: the chart's click reports the bucket under the pointer. Bars handle their own click.
  const onClick = kind === "line" ? bucketClickHandler(points, onBucketClick) : undefined;
  const legend: ReactNode =
    series.length > 1 ? (
      <ChartLegend items={series.map((s) => ({ label: s.name, color: s.color }))} />
    ) : null;

  if (kind === "line") {
    // Dots keep a lone value between two gaps visible; smaller when buckets are dense.
    const dotRadius = points.length <= 62 ? 2.5 : 1.25;
    return (
      <div className="flex flex-col gap-2">
        {legend}
        <ChartFrame label={label} clickable={onClick !== undefined}>
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
        </ChartFrame>
      </div>
    );
  }

  const stacked = kind === "stacked";
  return (
    <div className="flex flex-col gap-2">
      {legend}
      <ChartFrame label={label}>
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
      </ChartFrame>
    </div>
  );
}

/** Bars over named categories (not time), e.g. the response-time distribution. */
export function CategoryBarChart({
  data,
  label,
  seriesName,
  animate,
  color = CHART_COLORS.primary,
}: {
  data: { label: string; value: number }[];
  label: string;
  seriesName: string;
  animate: boolean;
  color?: string;
}) {
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
