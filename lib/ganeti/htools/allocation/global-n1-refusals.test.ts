import { describe, expect, it } from "vitest";
import { randomCluster } from "../testing/random-cluster";
import { applyElement } from "./apply-element";
import { allocGlobalN1 } from "./global-n1";
import { failoverRefusals } from "./global-n1-fast";
import { redundantReference } from "./global-n1-reference";
import { pairElement } from "./primitives";
import type { AllocOptions } from "./types";
import { elems } from "./types";

describe("allocGlobalN1 with the starting list (failover refusals decide without simulating every node)", () => {
  it("answers as the reference for every DRBD placement on random, partly over-committed clusters", () => {
    let refusedEarly = 0;
    let placements = 0;
    let withRefusals = 0;
    let roomy = 0;
    let redundantAfter = 0;
    for (let seed = 1; seed <= 24; seed++) {
      // Forced placements and high fills leave clusters that are not N+1 redundant, which is when refusals exist;
      // every other seed is a roomy cluster where most placements keep it redundant.
      const full = seed % 2 === 1;
      const { data } = randomCluster(seed, { nodes: [4, 14], fill: full ? 0.75 : 0.3, forced: full ? 0.3 : 0, templates: [["drbd", 4], ["plain", 1]] });
      const nl = data.nodes;
      const il = data.instances;
      const spec = il.find((i) => i.diskTemplate === "drbd");
      if (!spec) continue;
      const inst = { ...spec, name: "new", alias: "new", idx: il.length, mem: Math.max(128, Math.floor(spec.mem / 4)) };
      for (const opts of [{}, { acceptExisting: true }] as AllocOptions[]) {
        const refusals = failoverRefusals(opts, nl, il);
        if (refusals.length > 0) withRefusals++;
        const check = allocGlobalN1(opts, il, nl);
        for (const p of elems(nl)) {
          for (const s of elems(nl)) {
            if (p.idx === s.idx || p.group !== s.group) continue;
            const e = pairElement({ ...opts, ignoreSoftErrors: true }, nl, inst, p.idx, s.idx, 0);
            if (!e.ok) continue;
            placements++;
            if (!full) roomy++;
            const after = applyElement(il, e.value);
            const expected = redundantReference(opts, after.nodes, after.instances);
            expect(check(e.value), `seed ${seed} ${JSON.stringify(opts)} ${p.name}/${s.name}`).toBe(expected);
            if (expected) redundantAfter++;
            if (!expected && refusals.some(({ read }) => [...read].every((k) => e.value.nodes[k] === nl[k]))) refusedEarly++;
          }
        }
      }
    }
    // The shortcut must have been taken for many placements, or this says nothing about it.
    expect(withRefusals).toBeGreaterThan(5);
    expect(refusedEarly).toBeGreaterThan(placements / 10);
    // And placements that keep the cluster redundant must be common too, or a shortcut refusing everything would pass.
    expect(redundantAfter).toBeGreaterThan(roomy / 4);
  });
});
