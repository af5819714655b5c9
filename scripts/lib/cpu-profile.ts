import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// Reads a V8 `.cpuprofile` (node --cpu-prof) and says where the busy time went, per stretch of
// load: the benchmark leaves the server idle between the workloads it profiles, so each busy
// stretch between idle gaps is one workload. Each sample is charged to the deepest frame that
// belongs to a known part (JSON.* and the garbage collector by name, the rest by source file).

interface ProfileNode {
  id: number;
  parent?: number;
  children?: number[];
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const PARTS: [RegExp, string][] = [
  [/@electric-sql\/pglite|^wasm:\/\//, "SQL: PGlite"],
  [/drizzle-orm/, "SQL: Drizzle ORM"],
  [/node_modules\/zod\//, "zod"],
  [/node_modules\/next\/|\/\.next\//, "Next.js"],
  [/node:internal\/deps\/undici|node:internal\/webstreams|node:internal\/url|^node:url/, "web Request/Response, streams, URL"],
  [/node:internal\/async_hooks|node:async_hooks|node:internal\/async_local_storage/, "AsyncLocalStorage"],
  [/node:(_http|http|net|internal\/http|internal\/stream|stream|events|internal\/streams|internal\/timers|timers)/, "Node HTTP, net, streams, timers"],
  [/^node:/, "Node core, other"],
  [/\/lib\/http\//, "request bridge (lib/http)"],
  [/\/lib\/sandbox\/http\.ts/, "sandbox routing, auth, reply (http.ts)"],
  [/\/lib\/sandbox\/(control|namespace-cache|faults|scope|clock)\.ts/, "namespace, clock, fault resolution"],
  [/\/lib\/sandbox\/read-model\.ts/, "read model"],
  [/\/lib\/sandbox\//, "sandbox operations"],
  [/\/server\.ts/, "custom server (server.ts)"],
  [/\/lib\//, "app lib (config, guard …)"],
];

function partOf(frame: ProfileNode["callFrame"]): string | undefined {
  if (frame.functionName === "(garbage collector)") return "GC";
  if (frame.functionName === "(program)") return "V8 (program)";
  if (frame.url === "" && (frame.functionName === "stringify" || frame.functionName === "parse")) return "JSON";
  if (frame.url === "") return undefined;
  const known = PARTS.find(([pattern]) => pattern.test(frame.url));
  if (known) return known[1];
  return frame.url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? "other";
}

export interface Breakdown {
  busyMs: number;
  parts: { part: string; ms: number; share: number }[];
}

/**
 * The busy stretches of a profile, each as a breakdown: idle gaps of `gapMs` or more split them,
 * and stretches busy for less than `minBusyMs` (a timer's tick) are left out.
 */
export function breakdowns(profile: CpuProfile, { gapMs, minBusyMs }: { gapMs: number; minBusyMs: number }): Breakdown[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes) for (const child of node.children ?? []) byId.get(child)!.parent = node.id;
  const partCache = new Map<number, string>();
  const chargeTo = (id: number): string => {
    const cached = partCache.get(id);
    if (cached) return cached;
    const node = byId.get(id)!;
    const part = partOf(node.callFrame) ?? (node.parent === undefined ? "other" : chargeTo(node.parent));
    partCache.set(id, part);
    return part;
  };
  const stretches: Map<string, number>[] = [];
  let current = new Map<string, number>();
  let idleUs = 0;
  profile.samples.forEach((id, index) => {
    const us = profile.timeDeltas[index + 1] ?? 0;
    if (byId.get(id)!.callFrame.functionName === "(idle)") {
      idleUs += us;
      return;
    }
    if (idleUs >= gapMs * 1000 && current.size > 0) {
      stretches.push(current);
      current = new Map();
    }
    idleUs = 0;
    const part = chargeTo(id);
    current.set(part, (current.get(part) ?? 0) + us);
  });
  if (current.size > 0) stretches.push(current);
  const summaries = stretches.map((stretch) => {
    const busyUs = [...stretch.values()].reduce((sum, us) => sum + us, 0);
    const parts = [...stretch.entries()].map(([part, us]) => ({ part, ms: us / 1000, share: us / busyUs })).sort((a, b) => b.ms - a.ms);
    return { busyMs: busyUs / 1000, parts };
  });
  return summaries.filter((summary) => summary.busyMs >= minBusyMs);
}

/** The largest profile in `dir`: npm and tsx write small ones of their own. */
export function readLargestProfile(dir: string): CpuProfile {
  const files = readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"));
  const largest = files.map((name) => path.join(dir, name)).sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!largest) throw new Error(`no .cpuprofile in ${dir}`);
  return JSON.parse(readFileSync(largest, "utf8")) as CpuProfile;
}
