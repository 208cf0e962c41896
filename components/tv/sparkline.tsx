import { scaleLinear } from "d3-scale";
import { area, curveMonotoneX, line } from "d3-shape";
import type { MetricBucket } from "@/lib/metrics/types";

const W = 100;
const H = 40;

/**
 * A tile's small trend chart: the buckets' values as a line over a faint area, stretched to
 * its box (no axes; the tile's number says the scale). `null` buckets are gaps, never 0. Pure
 * SVG with no script and no animation, so a TV redraws it for free on every refresh and the
 * DOM never grows: one `<svg>` with two paths whatever the number of points.
 */
export function Sparkline({ buckets, label }: { buckets: readonly MetricBucket[]; label: string }) {
  const values = buckets.map((b) =>
    typeof b.value === "number" && Number.isFinite(b.value) ? b.value : null,
  );
  const present = values.filter((v): v is number => v !== null);
  if (present.length < 2) return null;
  const max = Math.max(...present);
  const min = Math.min(0, ...present);
  const x = scaleLinear()
    .domain([0, values.length - 1])
    .range([0, W]);
  const y = scaleLinear()
    .domain([min, max === min ? min + 1 : max])
    .range([H - 1, 1]);
  const defined = (v: number | null): v is number => v !== null;
  const path = line<number | null>()
    .defined(defined)
    .x((_, i) => x(i))
    .y((v) => y(v ?? 0))
    .curve(curveMonotoneX)(values);
  const fill = area<number | null>()
    .defined(defined)
    .x((_, i) => x(i))
    .y0(H)
    .y1((v) => y(v ?? 0))
    .curve(curveMonotoneX)(values);
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      className="h-full w-full overflow-visible"
      data-testid="tv-sparkline"
    >
      {fill ? <path d={fill} fill="var(--chart-1)" opacity={0.14} /> : null}
      {path ? (
        <path
          d={path}
          fill="none"
          stroke="var(--chart-1)"
          // Thicker on a 4K panel, so it reads from as far as on a 1080p one.
          style={{ strokeWidth: "max(3px, 0.3vmin)" }}
          vectorEffect="non-scaling-stroke"
          strokeLinejoin="round"
          strokeLinecap="round"
        />
      ) : null}
    </svg>
  );
}
