"use client";

import { lazy, Suspense, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Skeleton } from "@/components/ui/widget-states";
import { useHydrating } from "@/lib/hooks/use-hydrating";
import type { MetricUnit } from "@/lib/metrics/types";
import { ChartDataTable, chartTableRows, dataTableId, DataTableToggle } from "./chart-data-table";
import { ChartFrame, ChartLegend, type TimeAxis } from "./chart-shell";
import { StaticSeriesChart } from "./static-chart";

const InteractiveSeriesChart = lazy(() =>
  import("./recharts-charts").then((m) => ({ default: m.InteractiveSeriesChart })),
);
const InteractiveCategoryBarChart = lazy(() =>
  import("./recharts-charts").then((m) => ({ default: m.InteractiveCategoryBarChart })),
);

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

function numberOf(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** The values the y axis must reach: per bucket, the largest series value or the stack's sum. */
export function axisValues(
  points: readonly SeriesPoint[],
  series: readonly ChartSeries[],
  stacked: boolean,
): number[] {
  return points.map((p) => {
    const vs = series.map((s) => numberOf(p[s.key]));
    if (!stacked) return Math.max(0, ...vs.filter((v): v is number => v !== null));
    return vs.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  });
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
 * tooltip values are formatted by `unit`. The server (and hydration) draw it as static SVG;
 * the interactive Recharts chart takes over once its script has loaded.
 */
export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const { kind, points, series, unit, axis, label, onBucketClick } = props;
  const drawing = (
    <StaticSeriesChart kind={kind} points={points} series={series} unit={unit} axis={axis} />
  );
  return (
    <div className="flex flex-col gap-2">
      {series.length > 1 && (
        <ChartLegend items={series.map((s) => ({ label: s.name, color: s.color }))} />
      )}
      <ChartFrame label={label} clickable={kind === "line" && onBucketClick !== undefined}>
        <ServerFirst drawing={drawing}>
          <InteractiveSeriesChart {...props} />
        </ServerFirst>
      </ChartFrame>
    </div>
  );
}

/** Recharts has drawn a chart: its y-axis labels and a line or a bar are in the DOM. */
function rechartsDrawn(el: HTMLElement): boolean {
  return (
    el.querySelector(".recharts-yAxis-tick-labels text") !== null &&
    el.querySelector(".recharts-line-curve, .recharts-bar-rectangle") !== null
  );
}

/**
 * Renders `drawing` (the server's static chart) on the server and while hydrating, then the
 * interactive chart (`children`) on top of it, and removes the drawing once Recharts has drawn
 * (checked on every DOM change, before the browser paints it; at most 5 s), so the chart
 * never blinks empty. Mounted in the browser without server HTML, it renders `children` only.
 * The wrapper's shape never changes, so the interactive chart is never re-mounted.
 */
function ServerFirst({ drawing, children }: { drawing: ReactNode; children: ReactNode }) {
  const hydrating = useHydrating();
  const [covered, setCovered] = useState(hydrating);
  const layer = useRef<HTMLDivElement>(null);
  const under = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = layer.current;
    if (hydrating || !covered || el === null) return;
    const uncover = () => {
      // Hidden at once, in this task (before the paint); React removes the node after.
      if (under.current) under.current.style.visibility = "hidden";
      setCovered(false);
    };
    if (rechartsDrawn(el)) return uncover();
    const observer = new MutationObserver(() => {
      if (!rechartsDrawn(el)) return;
      observer.disconnect();
      uncover();
    });
    observer.observe(el, { childList: true, subtree: true });
    // Safety net (a chart Recharts never "draws", e.g. all zeros): uncover anyway.
    const timer = setTimeout(uncover, 5_000);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [hydrating, covered]);
  return (
    <div className="relative h-full w-full">
      {covered && (
        <div ref={under} className="absolute inset-0">
          {drawing}
        </div>
      )}
      <div ref={layer} className="relative h-full w-full">
        {hydrating ? null : (
          // Mounted without server HTML (covered: false), the drawing stands in while the
          // interactive chart's script loads.
          <Suspense fallback={covered ? null : drawing}>{children}</Suspense>
        )}
      </div>
    </div>
  );
}

/** Bars over named categories (not time), e.g. the response-time distribution. */
export interface CategoryBarChartProps {
  data: { label: string; value: number }[];
  label: string;
  seriesName: string;
  animate: boolean;
  color?: string;
  /** Heads the category column of the data table; defaults to "Category". */
  categoryHeader?: string;
}

/**
 * Bars over named categories with their text alternative: a "Show table" toggle under the
 * chart opens the same counts as a table.
 */
export function CategoryBarChart(props: CategoryBarChartProps) {
  const [open, setOpen] = useState(false);
  const tableId = dataTableId(`category-chart${useId().replace(/[^A-Za-z0-9_-]/g, "")}`);
  const columns = [{ key: "value", name: props.seriesName, unit: "count" as const }];
  return (
    <div className="flex flex-col gap-2">
      <Suspense
        fallback={
          <ChartFrame label={props.label}>
            <Skeleton className="h-full w-full" />
          </ChartFrame>
        }
      >
        <InteractiveCategoryBarChart {...props} />
      </Suspense>
      <div className="flex justify-end">
        <DataTableToggle open={open} onToggle={() => setOpen((o) => !o)} controls={tableId} />
      </div>
      {open && (
        <ChartDataTable
          id={tableId}
          caption={props.label}
          rowHeader={props.categoryHeader ?? "Category"}
          columns={columns}
          rows={chartTableRows(
            props.data.map((d) => ({ key: d.label, value: d.value })),
            columns,
            (key) => key,
          )}
        />
      )}
    </div>
  );
}
