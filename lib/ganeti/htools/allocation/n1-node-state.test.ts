import { describe, expect, it } from "vitest";
import type { Instance } from "../instance";
import { METRIC_COMPONENTS } from "../metrics";
import type { Node } from "../node";
import { addPriEx, addSecExEx, removePri, removeSec } from "../node-placement";
import { createRng, randomCluster } from "../testing/random-cluster";
import { instanceFacts, N1NodeState, n1StateApplies } from "./n1-node-state";
import { roughCluster } from "./n1-test-clusters";

/** What the record of a node must hold: node.ts's fields and metrics.ts's component values, bit for bit. */
function expectedRecord(n: Node): Record<string, number> {
  const out: Record<string, number> = {
    iMem: n.iMem, fDsk: n.fDsk, fMemForth: n.fMemForth, fDskForth: n.fDskForth, uCpu: n.uCpu, uCpuForth: n.uCpuForth,
    pCount: n.pList.length, sCount: n.sList.length, rMem: n.rMem, failN1: n.failN1 ? 1 : 0, pMem: n.pMem, pDsk: n.pDsk,
    pRem: n.pRem, pCpu: n.pCpu, pMemForth: n.pMemForth, pDskForth: n.pDskForth, pCpuForth: n.pCpuForth,
    instSpindles: n.instSpindles, instSpindlesForth: n.instSpindlesForth, loadCpu: n.utilLoad.cpu, loadMem: n.utilLoad.mem,
    loadDsk: n.utilLoad.dsk, loadNet: n.utilLoad.net, locationScore: n.locationScore,
  };
  METRIC_COMPONENTS.forEach((c, k) => (out[`c${k}`] = c.kind === "map" ? 0 : c.value(n)));
  return out;
}

const expectedComponents = (n: Node): number[] => METRIC_COMPONENTS.map((c) => (c.kind === "map" ? 0 : c.value(n)));
const componentsByName = (values: ArrayLike<number>): Record<string, number> => Object.fromEntries(Array.from(values, (v, k) => [`c${k}`, v]));

/** Every field with the same bits (Object.is: -0 is not 0, NaN is NaN); the differing ones are reported. */
function expectSameBits(label: string, actual: Record<string, number>, expected: Record<string, number>): void {
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  const differing = [...keys].filter((k) => !Object.is(actual[k], expected[k])).map((k) => `${k}: ${actual[k]} vs ${expected[k]}`);
  if (differing.length > 0) expect(differing, label).toEqual([]);
}

describe("N1NodeState: flat node records", () => {
  it("loads every node as node.ts has it", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const data = seed % 2 ? roughCluster(seed) : randomCluster(seed).data;
      const state = new N1NodeState(data.nodes);
      for (const n of data.nodes) expectSameBits(`seed ${seed} ${n.name}`, state.describe(n.idx), expectedRecord(n));
    }
  });

  it("follows removePri, forced addPriEx, removeSec and forced addSecExEx operation for operation, and undoes them", () => {
    let applied = 0;
    let refused = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const options = { fill: seed % 2 ? 0.85 : 0.3, offline: seed % 3 ? 0 : 0.2 };
      const data = seed % 4 < 2 ? roughCluster(seed, options) : randomCluster(seed, options).data;
      if (!n1StateApplies(data.nodes)) continue;
      const rng = createRng(seed * 7919);
      const model: Node[] = data.nodes.slice();
      const state = new N1NodeState(data.nodes);
      const instances = data.instances;
      const check = (j: number, what: string) => expectSameBits(`seed ${seed} ${what} on ${model[j]!.name}`, state.describe(j), expectedRecord(model[j]!));
      for (let step = 0; step < 120; step++) {
        const inst: Instance = rng.pick(instances);
        const f = instanceFacts(inst);
        const j = rng.int(0, model.length - 1);
        const op = rng.int(0, 3);
        if (op === 0) {
          // Leave a node it is a primary of.
          const on = model.findIndex((n) => n.pList.includes(inst.idx));
          if (on < 0) continue;
          model[on] = removePri(model[on]!, inst);
          state.removePriTrial(on, f);
          expectSameBits(`seed ${seed} removePriTrial ${inst.name}`, componentsByName(state.trialVals), componentsByName(expectedComponents(model[on]!)));
          state.removePri(on, f);
          check(on, `removePri ${inst.name}`);
        } else if (op === 1) {
          const r = addPriEx(true, model[j]!, inst);
          expect(state.addPriTrial(j, f), `seed ${seed} addPriTrial ${inst.name}`).toBe(r.ok);
          if (r.ok) expectSameBits(`seed ${seed} addPriTrial ${inst.name}`, componentsByName(state.trialVals), componentsByName(expectedComponents(r.value)));
          expect(state.addPri(j, f), `seed ${seed} addPri ${inst.name}`).toBe(r.ok);
          if (r.ok) model[j] = r.value;
          check(j, `addPri ${inst.name}`);
          if (r.ok) applied++;
          else refused++;
        } else if (op === 2) {
          // Stop being the secondary of a DRBD instance whose primary is still inst.pNode.
          if (inst.diskTemplate !== "drbd" || !model[inst.sNode]?.sList.includes(inst.idx)) continue;
          model[inst.sNode] = removeSec(model[inst.sNode]!, inst);
          state.removeSec(inst.sNode, f);
          check(inst.sNode, `removeSec ${inst.name}`);
        } else {
          const pdx = rng.int(0, model.length - 1);
          const ignoreDisks = rng.chance(0.3);
          const r = addSecExEx(ignoreDisks, true, model[j]!, inst, pdx);
          expect(state.addSec(j, f, pdx, ignoreDisks), `seed ${seed} addSec ${inst.name}`).toBe(r.ok);
          if (r.ok) model[j] = r.value;
          check(j, `addSec ${inst.name}`);
          if (r.ok) applied++;
          else refused++;
        }
      }
      state.restore();
      for (const n of data.nodes) expectSameBits(`seed ${seed} restored ${n.name}`, state.describe(n.idx), expectedRecord(n));
    }
    expect(applied).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(50);
  }, 60_000);

  it("does not model exclusive storage", () => {
    const { data } = randomCluster(3);
    expect(n1StateApplies(data.nodes)).toBe(true);
    expect(n1StateApplies(data.nodes.map((n) => (n.idx === 0 ? { ...n, exclStorage: true } : n)))).toBe(false);
  });
});
