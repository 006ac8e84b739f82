import { readFile } from 'node:fs/promises';

/** Resident memory of a process right now, in MiB (/proc/<pid>/status). */
export async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

/** User + system CPU seconds of each process so far (/proc/<pid>/stat, clock ticks of 1/100 s). */
export async function cpuOf<K extends string>(pids: Record<K, number>): Promise<Record<K, number>> {
  const entries = await Promise.all(
    Object.entries<number>(pids).map(async ([name, pid]) => {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return [name, (Number(fields[11]) + Number(fields[12])) / 100] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<K, number>;
}

/** The value at quantile `p` (0…1) of the finite values, NaN when there are none. */
export function percentile(values: number[], p: number): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}
