/**
 * The main-thread CPU a page load costs its browser content process, read
 * from Linux's /proc: how Firefox, which gives no trace over its remote
 * protocol here, shows what Podium adds to a page's main thread.
 */
import fs from 'node:fs';

/** Firefox's web-content processes: `Web Content`, or `Isolated Web Co` (Fission). */
const CONTENT_PROCESS = /^(Web Content|Isolated Web Co)/;

const read = (file: string): string | undefined => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

function children(): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const stat = read(`/proc/${d}/stat`);
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const kids = out.get(ppid);
    if (kids) kids.push(Number(d));
    else out.set(ppid, [Number(d)]);
  }
  return out;
}

/** Main-thread CPU so far (ms) of each content process under `rootPid`; undefined where /proc is missing. */
export function contentMainThreads(rootPid: number | undefined): Map<number, number> | undefined {
  if (rootPid === undefined || !fs.existsSync('/proc/self/stat')) return undefined;
  const tree = children();
  const out = new Map<number, number>();
  const visit = (pid: number) => {
    for (const kid of tree.get(pid) ?? []) {
      if (CONTENT_PROCESS.test(read(`/proc/${kid}/comm`) ?? '')) {
        // schedstat: nanoseconds on a CPU, of the process's main thread alone.
        const ns = Number(read(`/proc/${kid}/task/${kid}/schedstat`)?.split(' ')[0]);
        if (Number.isFinite(ns)) out.set(kid, ns / 1e6);
      }
      visit(kid);
    }
  };
  visit(rootPid);
  return out;
}

/**
 * What the load cost the page's process between two snapshots: the content
 * process that spent the most (the page's; the others stay idle). A process
 * started in between counts from zero.
 */
export function pageProcessCpu(before: Map<number, number>, after: Map<number, number>): number | undefined {
  let most: number | undefined;
  for (const [pid, ms] of after) most = Math.max(most ?? 0, ms - (before.get(pid) ?? 0));
  return most;
}
