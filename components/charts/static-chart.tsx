import { scaleBand, scalePoint } from "d3-scale";
import { curveMonotoneX, line } from "d3-shape";
import {
  bucketTickFormatter,
  CHART_COLORS,
  yTickLabel,
  yTicks,
  type TimeAxis,
} from "./chart-shell";
import {
  axisValues,
  type ChartSeries,
  type SeriesChartKind,
  type SeriesPoint,
} from "./time-series-charts";
import type { MetricUnit } from "@/lib/metrics/types";

/**
 * The server's drawing of a time-series chart: the same data, axes, grid and colours as the
 * interactive Recharts chart (`TimeSeriesChart`), as plain SVG and HTML that need no script and
 * no measuring. Recharts 3 renders nothing on the server (its series register in effects), so
 * without this a streamed page would show numbers but empty chart boxes until every script has
 * loaded and hydrated. The browser swaps in the interactive chart right after hydration.
 *
 * The plot is one SVG stretched to the frame (`preserveAspectRatio="none"`, strokes kept at
 * their width by `vector-effect`); axis labels are HTML placed in percentages, so the drawing
 * fits any width without knowing it. Bars: Recharts' band layout (10 % gap each side, at most
 * `maxBar` px wide at a typical card width); lines: its point layout and monotone curve, with
 * gaps for `null` (never drawn as 0).
 */

/** Plot width units of the SVG's viewBox; the height units are the same number as a percentage. */
const W = 1000;
const H = 100;
/** A typical plot width in px (a half-width card at 1440 px), to cap bar widths like Recharts. */
const TYPICAL_PLOT_PX = 560;
/** At most this many x labels: Recharts thins them by width (`minTickGap`), we by count. */
const MAX_X_LABELS = 7;

function numberOf(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

/** Which x labels to show: evenly thinned, always the first and the last. */
function labelIndexes(n: number): number[] {
  if (n <= MAX_X_LABELS) return Array.from({ length: n }, (_, i) => i);
  const step = Math.ceil((n - 1) / (MAX_X_LABELS - 1));
  const picked: number[] = [];
  for (let i = 0; i < n - 1; i += step) picked.push(i);
  // Drop the one before the last if it would crowd it.
  if (n - 1 - (picked[picked.length - 1] ?? 0) < step / 2) picked.pop();
  picked.push(n - 1);
  return picked;
}

export function StaticSeriesChart({
  kind,
  points,
  series,
  unit,
  axis,
}: {
  kind: SeriesChartKind;
  points: readonly SeriesPoint[];
  series: readonly ChartSeries[];
  unit: MetricUnit;
  axis: TimeAxis;
}) {
  const stacked = kind === "stacked";
  const ticks = yTicks(unit, axisValues(points, series, stacked));
  const top = ticks[ticks.length - 1] || 1;
  const y = (v: number) => H - (Math.min(v, top) / top) * H;
  const keys = points.map((p) => p.key);
  const xLabel = bucketTickFormatter(axis);

  let marks: React.ReactNode;
  let xAt: (index: number) => number;
  if (kind === "line") {
    const x = scalePoint<number>()
      .domain(keys.map((_, i) => i))
      .range([0, W]);
    xAt = (i) => (keys.length === 1 ? W / 2 : (x(i) ?? 0));
    marks = series.map((s) => {
      const path = line<SeriesPoint>()
        .defined((p) => numberOf(p[s.key]) !== null)
        .x((_, i) => xAt(i))
        .y((p) => y(numberOf(p[s.key]) ?? 0))
        .curve(curveMonotoneX)(points as SeriesPoint[]);
      // A value between two gaps has no segment to draw: mark it with a dot, as Recharts does.
      // A zero-length line with round caps stays round however the SVG is stretched.
      const lone = points.flatMap((p, i) => {
        const v = numberOf(p[s.key]);
        const before = i > 0 ? numberOf(points[i - 1]?.[s.key]) : null;
        const after = i < points.length - 1 ? numberOf(points[i + 1]?.[s.key]) : null;
        return v !== null && before === null && after === null ? [{ i, v }] : [];
      });
      return (
        <g key={s.key}>
          <path
            d={path ?? ""}
            fill="none"
            stroke={s.color}
            strokeWidth={2}
            vectorEffect="non-scaling-stroke"
          />
          {lone.map(({ i, v }) => (
            <line
              key={i}
              x1={xAt(i)}
              x2={xAt(i)}
              y1={y(v)}
              y2={y(v)}
              stroke={s.color}
              strokeWidth={5}
              strokeLinecap="round"
              vectorEffect="non-scaling-stroke"
            />
          ))}
        </g>
      );
    });
  } else {
    const band = scaleBand<number>()
      .domain(keys.map((_, i) => i))
      .range([0, W]);
    xAt = (i) => (band(i) ?? 0) + band.bandwidth() / 2;
    const maxBar = ((kind === "grouped" ? 24 : 48) / TYPICAL_PLOT_PX) * W;
    const slot = band.bandwidth() * 0.8;
    marks = points.map((p, i) => {
      const center = xAt(i);
      if (kind === "grouped") {
        const width = Math.min(maxBar, slot / series.length);
        const left = center - (width * series.length) / 2;
        return series.map((s, k) => {
          const v = numberOf(p[s.key]);
          if (v === null || v <= 0) return null;
          return (
            <rect
              key={`${p.key}-${s.key}`}
              x={left + k * width}
              width={Math.max(width - 1, 0.5)}
              y={y(v)}
              height={H - y(v)}
              fill={s.color}
            />
          );
        });
      }
      const width = Math.min(maxBar, slot);
      let base = 0;
      return series.map((s) => {
        const v = numberOf(p[s.key]);
        if (v === null || v <= 0) return null;
        const from = stacked ? base : 0;
        base = from + v;
        return (
          <rect
            key={`${p.key}-${s.key}`}
            x={center - width / 2}
            width={width}
            y={y(from + v)}
            height={y(from) - y(from + v)}
            fill={s.color}
          />
        );
      });
    });
  }

  return (
    <div
      data-static-chart={kind}
      aria-hidden="true"
      className="grid h-full w-full grid-cols-[auto_minmax(0,1fr)] grid-rows-[minmax(0,1fr)_1.25rem] gap-x-1.5 text-xs text-[color:var(--chart-axis)]"
    >
      {/* Tick labels 1 rem high, spread from the top edge to the bottom: their centres sit on
          the grid lines, which run from 0.5 rem below the top to 0.5 rem above the bottom. */}
      <div className="flex flex-col-reverse justify-between text-right leading-4 tabular-nums">
        {ticks.map((t) => (
          <span key={t}>{yTickLabel(unit, t)}</span>
        ))}
      </div>
      <div className="relative">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          preserveAspectRatio="none"
          className="absolute inset-x-0 top-2 h-[calc(100%-1rem)] w-full overflow-visible"
        >
          {ticks.map((t) => (
            <line
              key={t}
              x1={0}
              x2={W}
              y1={y(t)}
              y2={y(t)}
              stroke={CHART_COLORS.grid}
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {marks}
        </svg>
      </div>
      <div className="relative col-start-2">
        {labelIndexes(points.length).map((i) => (
          <span
            key={keys[i]}
            // Labels at the plot's very edges (lines start and end there) stay inside it.
            className={`absolute top-1 whitespace-nowrap ${
              xAt(i) <= 0 ? "" : xAt(i) >= W ? "-translate-x-full" : "-translate-x-1/2"
            }`}
            style={{ left: `${(xAt(i) / W) * 100}%` }}
          >
            {xLabel(keys[i] ?? "")}
          </span>
        ))}
      </div>
    </div>
  );
}
