// `node apps/host/bench/summarise-cpu-profile.ts <file.cpuprofile> [lastSeconds]`: where a host process spent
// its CPU, from a `node --cpu-prof` profile (e.g. the bench's `BENCH_CPU_PROF=dir`): self time by function and
// by package or source file, and inclusive time of our own functions, over the last `lastSeconds` of the
// profile (default: all of it), so start-up can be left out.
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a frame's code lives: a package under node_modules, our source file, a node builtin, or V8. */
function placeOf(url: string): string {
  if (url === '') return '(native/V8)';
  if (url.startsWith('node:')) return url;
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const source = /\/(apps|packages|services)\/(.*)$/.exec(url);
  return source ? `${source[1]}/${source[2]}` : url;
}

function top(map: Map<string, number>, total: number, count: number): string[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([key, us]) =>
        `${((100 * us) / total).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`,
    );
}

const [file, lastSeconds] = process.argv.slice(2);
if (!file) throw new Error('usage: summarise-cpu-profile.ts <file.cpuprofile> [lastSeconds]');
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const from = lastSeconds ? profile.endTime - Number(lastSeconds) * 1e6 : 0;
const selfByFunction = new Map<string, number>();
const selfByPlace = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
let idle = 0;
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i] ?? 0;
  const next = profile.timeDeltas[i + 1] ?? 0;
  if (t < from) continue;
  const node = byId.get(profile.samples[i] as number);
  if (!node) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  if (functionName === '(idle)') {
    idle += next;
    continue;
  }
  total += next;
  const name = `${functionName || '(anonymous)'} ${placeOf(url)}:${lineNumber + 1}`;
  selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + next);
  selfByPlace.set(placeOf(url), (selfByPlace.get(placeOf(url)) ?? 0) + next);
  const seen = new Set<string>();
  for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) break;
    const place = placeOf(frame.url);
    const key = `${frame.functionName || '(anonymous)'} ${place}:${frame.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + next);
  }
}
console.log(`${file}: ${(total / 1000).toFixed(0)} ms busy, ${(idle / 1000).toFixed(0)} ms idle`);
console.log('\nself time by package / source file');
for (const line of top(selfByPlace, total, 30)) console.log(line);
console.log('\nself time by function');
for (const line of top(selfByFunction, total, 40)) console.log(line);
const ours = new Map([...inclusive].filter(([key]) => / (apps|packages|services)\//.test(key)));
console.log('\ninclusive time of our own functions');
for (const line of top(ours, total, 40)) console.log(line);
