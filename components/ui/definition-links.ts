/**
 * Links to the metric dictionary. A plain module (no "use client"), so server components (the
 * definitions page) and client components (tooltips) share the same anchors.
 */
import type { MetricId } from "@/lib/metrics/types";

/** The anchor of a metric on the definitions page: `metric-chats.csat`. */
export function metricAnchor(metric: MetricId | string): string {
  return `metric-${metric}`;
}

/** `/definitions#metric-chats.csat` (ids with dots are valid fragments; no escaping needed). */
export function definitionHref(metric: MetricId | string): string {
  return `/definitions#${metricAnchor(metric)}`;
}
