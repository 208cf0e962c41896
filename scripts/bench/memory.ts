/**
 * (d) Memory of the Next server process tree from `/proc` (Linux): `VmRSS` sampled every
 * 200 ms and `VmHWM` (the kernel's peak RSS). Before the measured phase the peak is reset
 * (`echo 5 > /proc/<pid>/clear_refs`), so `VmHWM` then covers that phase only; children
 * (`/proc/<pid>/task/<tid>/children`) are included in case `next start` forks.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

/** The process and all its descendants. */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    const p = out[i]!;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const children = readFileSync(`/proc/${p}/task/${tid}/children`, "utf8").trim();
        for (const c of children ? children.split(/\s+/) : []) {
          const child = Number(c);
          if (!out.includes(child)) out.push(child);
        }
      } catch {
        // task ended meanwhile
      }
    }
  }
  return out;
}

/** `VmRSS`, `VmHWM` in MiB, the thread count and the command line; null once the process is gone. */
export function readStatus(
  pid: number,
): { rssMiB: number; hwmMiB: number; threads: number; cmd: string } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    const threads = Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
    const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
    return { rssMiB: kb("VmRSS") / 1024, hwmMiB: kb("VmHWM") / 1024, threads, cmd };
  } catch {
    return null;
  }
}

/** Resets the kernel's peak-RSS counter of `pid`; false when the kernel refused. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

export interface MemoryFigures {
  pid: number;
  /** Every process of the tree seen while sampling, with its command line. */
  processes: { pid: number; cmd: string }[];
  /** `VmHWM` over the whole life of the process before the reset (start + earlier sections). */
  lifetimePeakBeforeMiB: number | null;
  peakResetOk: boolean;
  rssBeforeMiB: number | null;
  rssAfterMiB: number | null;
  /** Highest sampled sum of `VmRSS` over the tree. */
  sampledPeakMiB: number;
  /** Sum of `VmHWM` over the tree at the end (the phase's peak when the reset worked). */
  hwmMiB: number;
  samples: number;
  intervalMs: number;
}

export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private peak = 0;
  private samples = 0;
  private readonly seen = new Map<number, string>();
  private readonly lifetimePeak: number | null;
  private readonly resetOk: boolean;
  private readonly before: number | null;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 200,
  ) {
    this.lifetimePeak = this.sum("hwmMiB");
    this.resetOk = processTree(pid).every(resetPeak);
    this.before = this.sum("rssMiB");
  }

  private sum(field: "rssMiB" | "hwmMiB"): number | null {
    let total = 0;
    let any = false;
    for (const p of processTree(this.pid)) {
      const s = readStatus(p);
      if (!s) continue;
      any = true;
      total += s[field];
      this.seen.set(p, s.cmd);
    }
    return any ? total : null;
  }

  start(): this {
    this.timer = setInterval(() => {
      const rss = this.sum("rssMiB");
      if (rss === null) return;
      this.samples++;
      this.peak = Math.max(this.peak, rss);
    }, this.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): MemoryFigures {
    clearInterval(this.timer);
    const after = this.sum("rssMiB");
    const hwm = this.sum("hwmMiB") ?? Number.NaN;
    return {
      pid: this.pid,
      processes: [...this.seen].map(([pid, cmd]) => ({ pid, cmd: cmd.slice(0, 200) })),
      lifetimePeakBeforeMiB: this.lifetimePeak,
      peakResetOk: this.resetOk,
      rssBeforeMiB: this.before,
      rssAfterMiB: after,
      sampledPeakMiB: Math.max(this.peak, after ?? 0),
      hwmMiB: hwm,
      samples: this.samples,
      intervalMs: this.intervalMs,
    };
  }
}
