import { describe, expect, it } from "vitest";
import type { Instance } from "./instance";
import { shrinkByType } from "./instance";
import { elems } from "./allocation/types";
import { addPriEx, refusesWhateverShrinks } from "./node-placement";
import { createRng, randomCluster } from "./testing/random-cluster";
import type { FailMode } from "./types";

const SHRINKING: FailMode[] = ["FailMem", "FailDisk", "FailCPU"];

/** Every instance a shrink chain of `fm` walks from `inst` (the start included). */
function chain(inst: Instance, fm: FailMode): Instance[] {
  const out = [inst];
  for (let r = shrinkByType(inst, fm); r.ok; r = shrinkByType(r.value, fm)) out.push(r.value);
  return out;
}

describe("refusesWhateverShrinks (hspace skips shrink chains that cannot fit)", () => {
  it("never claims a refusal that some shrink of the resource would get past, on random clusters", () => {
    let claimed = 0;
    let checked = 0;
    const wrong: string[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const { data } = randomCluster(seed);
      const rng = createRng(seed * 7919);
      const nodes = elems(data.nodes);
      const specs = data.instances.slice(0, 6).map((i) => ({
        ...i,
        // Scale up to reach full nodes as well as roomy ones.
        mem: i.mem * rng.int(1, 6),
        vcpus: i.vcpus * rng.int(1, 4),
      }));
      for (const spec of specs) {
        const inst = { ...spec, dsk: spec.disks.reduce((s, d) => s + d.size, 0) };
        for (const n of nodes) {
          for (const fm of SHRINKING) {
            for (const force of [false, true]) {
              checked++;
              if (!refusesWhateverShrinks(force, n, inst, fm)) continue;
              claimed++;
              const fits = chain(inst, fm).find((step) => addPriEx(force, n, step).ok);
              if (fits) wrong.push(`seed ${seed} ${n.name} ${fm}: ${fits.mem}/${fits.dsk}/${fits.vcpus} fits`);
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    // The bound must actually fire, or the property says nothing.
    expect(claimed).toBeGreaterThan(checked / 50);
    expect(claimed).toBeLessThan(checked);
  });

  it("names the chain of the failing resource as still open: a node short only of memory can take a smaller one", () => {
    const { data } = randomCluster(3);
    const node = elems(data.nodes).find((n) => !n.offline)!;
    const inst = { ...data.instances[0]!, mem: node.tMem * 4, exclTags: [] };
    expect(addPriEx(false, node, inst).ok).toBe(false);
    expect(refusesWhateverShrinks(false, node, inst, "FailMem")).toBe(false);
    expect(refusesWhateverShrinks(false, node, inst, "FailDisk")).toBe(true);
    expect(refusesWhateverShrinks(false, node, inst, "FailCPU")).toBe(true);
  });
});
