"use client";

import type { ReactNode } from "react";
import type { TooltipContentProps, TooltipPayload } from "recharts";
import { bucketTickLabel, bucketTooltipLabel } from "@/components/format-dates";
import { scaleLinear } from "d3-scale";
import { formatCount, formatValue } from "@/lib/format";
import type { Granularity, MetricUnit } from "@/lib/metrics/types";

/**
 * The chart theme. Every colour is a CSS variable from `app/globals.css`, so the same SVG is
 * right in light and dark mode without re-rendering when the scheme changes.
 */
export const CHART_COLORS = {
  primary: "var(--chart-1)",
  secondary: "var(--chart-2)",
  tertiary: "var(--chart-3)",
  good: "var(--chart-good)",
  bad: "var(--chart-bad)",
  grid: "var(--chart-grid)",
  axis: "var(--chart-axis)",
  cursor: "var(--chart-cursor)",
} as const;

/** Colours for the parts of a stacked or grouped chart, in order. */
export const SERIES_PALETTE = [
  CHART_COLORS.primary,
  CHART_COLORS.secondary,
  CHART_COLORS.tertiary,
  "var(--chart-4, #c26a1b)",
  "var(--chart-5, #b0417f)",
] as const;

/** Shared axis styling: muted 12 px labels, no axis lines (the grid is enough). */
export const AXIS_STYLE = {
  // rem, not px: the root font grows on 2560 px+ screens and the axis labels grow with it.
  tick: { fill: CHART_COLORS.axis, fontSize: "0.75rem" },
  tickLine: false,
  axisLine: false,
} as const;

export const GRID_STYLE = { stroke: CHART_COLORS.grid, vertical: false } as const;

/** Props every chart of the dashboard takes: the x axis is always the metric's buckets. */
export interface TimeAxis {
  granularity: Granularity;
  /** True when the range spans several days (hour labels then also show the day). */
  multiDay: boolean;
  /** Turns all animation off (reduced motion). */
  animate: boolean;
}

const DURATION_STEPS = [
  1,
  2,
  5,
  10,
  15,
  20,
  30,
  60,
  120,
  180,
  300,
  600,
  900,
  1200,
  1800,
  3600,
  7200,
  10800,
  21600,
  43200,
  86400,
  // Whole days, for totals such as a team's hours online over a week or a month.
  2 * 86400,
  3 * 86400,
  5 * 86400,
  10 * 86400,
  20 * 86400,
  50 * 86400,
  100 * 86400,
];

/**
 * Y-axis ticks for durations on round clock values (15s, 30s, 1m, 5m…) rather than the
 * arbitrary steps a linear scale picks (`1m 20s`, `2m 40s`). At most five ticks from 0.
 */
export function durationTicks(values: readonly (number | null)[]): number[] {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  if (max === 0) return [0, 10];
  const step =
    DURATION_STEPS.find((s) => Math.ceil(max / s) <= 4) ?? Math.ceil(max / 4 / 86400) * 86400;
  const count = Math.ceil(max / step);
  return Array.from({ length: count + 1 }, (_, i) => i * step);
}

/**
 * Y-axis ticks for counts: whole numbers from 0, four to seven of them, on d3's nice steps (1, 2, 5 ×
 * 10ⁿ). Fixed here rather than left to Recharts so the server-drawn chart and the interactive
 * one share their grid.
 */
export function countTicks(values: readonly (number | null)[]): number[] {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  if (max === 0) return [0, 1];
  if (max <= 4) return Array.from({ length: Math.ceil(max) + 1 }, (_, i) => i);
  const ticks = scaleLinear().domain([0, max]).nice(4).ticks(4);
  return ticks.filter((t) => Number.isInteger(t));
}

const PERCENT_TICKS = [0, 25, 50, 75, 100];

/** The y ticks of a chart in `unit` over the plotted `values` (per bucket: max, or stack sum). */
export function yTicks(unit: MetricUnit, values: readonly (number | null)[]): number[] {
  if (unit === "seconds") return durationTicks(values);
  if (unit === "percent") return PERCENT_TICKS;
  return countTicks(values);
}

/** The label of a y tick in `unit`. */
export function yTickLabel(unit: MetricUnit, v: number): string {
  if (unit === "seconds") return formatValue(v, "seconds");
  if (unit === "percent") return `${v}%`;
  return formatCount(v);
}

/** `tickFormatter` for an x axis over bucket keys. */
export function bucketTickFormatter(axis: TimeAxis): (key: string) => string {
  return (key) => bucketTickLabel(String(key), axis.granularity, axis.multiDay);
}

/**
 * The fixed-height box a chart fills. Recharts' `responsive` charts size themselves from their
 * parent with plain CSS, so the height lives here and grows on very large screens.
 */
export function ChartFrame({
  label,
  children,
  clickable = false,
}: {
  label: string;
  children: ReactNode;
  /** Buckets open something on click: show a pointer. */
  clickable?: boolean;
}) {
  return (
    <div
      role="figure"
      aria-label={label}
      className={`h-60 w-full sm:h-64 min-[2560px]:h-80 ${clickable ? "cursor-pointer" : ""}`}
    >
      {children}
    </div>
  );
}

/** A legend entry rendered in HTML (themable and readable, unlike an SVG legend). */
export interface LegendItem {
  label: string;
  color: string;
}

/** Small colour-keyed legend placed above a chart. */
export function ChartLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          <span
            aria-hidden="true"
            className="size-2.5 rounded-sm"
            style={{ background: item.color }}
          />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/**
 * The themed tooltip body for every chart: the bucket as a full date, then one row per series
 * with its formatted value ("No data" for gaps, never 0). Use with `filterNull={false}`.
 */
export function renderTooltip(
  axis: TimeAxis,
  format: (value: number) => string,
): (props: TooltipContentProps) => ReactNode {
  function ChartTooltipContent({ active, payload }: TooltipContentProps) {
    if (!active || payload.length === 0) return null;
    const key = bucketKeyOf(payload);
    return (
      <div className="min-w-36 rounded-lg border border-line bg-surface px-3 py-2 text-xs text-fg shadow-lg">
        {key !== null && (
          <p className="mb-1 font-medium">{bucketTooltipLabel(key, axis.granularity)}</p>
        )}
        <ul className="space-y-0.5">
          {payload.map((entry) => (
            <li key={String(entry.dataKey ?? entry.name)} className="flex items-center gap-2">
              <span
                aria-hidden="true"
                className="size-2 rounded-sm"
                style={{ background: entry.color ?? entry.fill ?? entry.stroke }}
              />
              <span className="text-muted">{entry.name}</span>
              <span className="ml-auto pl-3 font-medium tabular-nums">
                {typeof entry.value === "number" ? format(entry.value) : "No data"}
              </span>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return ChartTooltipContent;
}

function bucketKeyOf(payload: TooltipPayload): string | null {
  const datum: unknown = payload[0]?.payload;
  if (
    typeof datum === "object" &&
    datum !== null &&
    "key" in datum &&
    typeof datum.key === "string"
  ) {
    return datum.key;
  }
  return null;
}
