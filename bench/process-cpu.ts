import { readdirSync, readFileSync } from 'node:fs';

// CPU time of this process's descendants (the local stack's servers), read from /proc: how much of a
// bench's time the servers spent, beside this process's own process.cpuUsage(). Linux only; elsewhere empty.

const TICKS_PER_SECOND = 100;

interface ProcessStat {
  readonly pid: number;
  readonly parent: number;
  readonly name: string;
  /** User plus system CPU, in seconds. */
  readonly cpuSeconds: number;
}

function readStat(pid: number): ProcessStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The name is in parentheses and may hold spaces; the fields after it are space-separated.
    const close = text.lastIndexOf(')');
    const name = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    return { pid, parent: Number(fields[1]), name, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** CPU seconds used so far by each descendant of this process, by name (`java`, `node`), summed per name. */
export function descendantCpuSeconds(): Map<string, number> {
  const stats: ProcessStat[] = [];
  try {
    for (const entry of readdirSync('/proc')) if (/^\d+$/.test(entry)) stats.push(...[readStat(Number(entry))].filter((stat) => stat !== undefined));
  } catch {
    return new Map();
  }
  const children = new Map<number, ProcessStat[]>();
  for (const stat of stats) children.set(stat.parent, [...(children.get(stat.parent) ?? []), stat]);
  const totals = new Map<string, number>();
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      totals.set(child.name, (totals.get(child.name) ?? 0) + child.cpuSeconds);
      visit(child.pid);
    }
  };
  visit(process.pid);
  return totals;
}

/** What each name used between two readings of descendantCpuSeconds. */
export function cpuSince(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...after].map(([name, seconds]) => [name, seconds - (before.get(name) ?? 0)]));
}
