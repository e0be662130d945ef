// Running an iallocator request and answering it (Ganeti's IAlloc.processRequest, formatIAllocResult and the
// format* functions, plus Dedicated.runDedicatedAllocation): `{"success", "info", "result"}` exactly as hail
// prints it, and the cluster after the placement for `-S` and for callers inside Gantry.
import type { ClusterData } from "../cluster-data";
import type { Instance } from "../instance";
import type { Node } from "../node";
import { allocList, tryGroupAlloc, tryMGAlloc } from "../allocation/multi-group";
import { tryChangeGroup } from "../allocation/change-group";
import { processRelocate } from "../allocation/relocate";
import { tryAllocateSecondary } from "../allocation/allocate-secondary";
import { dedicatedAllocList, findDedicatedAllocation, findDedicatedMGAllocation, isDedicated } from "../allocation/dedicated";
import { tryNodeEvac, type EvacState } from "../allocation/evacuate";
import type { AllocSolution } from "../allocation/solution";
import { solutionLog } from "../allocation/solution";
import type { AllocOptions, InstanceList, NodeList } from "../allocation/types";
import { elems, mustFind } from "../allocation/types";
import type { IAllocInput } from "./iallocator";

type Outcome = { ok: true; info: string; result: unknown; nodes: NodeList; instances: InstanceList } | { ok: false; info: string };

export type IAllocAnswer = {
  success: boolean;
  info: string;
  result: unknown;
  /** The JSON line hail prints. */
  response: string;
  /** The cluster after the request (the input cluster when it failed). */
  data: ClusterData;
};

/** formatResponse: keys in Ganeti's order. */
export const formatResponse = (success: boolean, info: string, result: unknown): string => JSON.stringify({ success, info, result });

function formatAllocate<M>(il: InstanceList, sol: AllocSolution<M>): Outcome {
  const info = solutionLog(sol);
  if (!sol.solution) return { ok: false, info };
  return { ok: true, info, result: sol.solution.changed.map((n) => n.name), nodes: sol.solution.nodes, instances: withNew(il, sol.solution.inst) };
}

/** formatAllocate keeps the new instance beside the others (Ganeti files it under its placeholder index). */
function withNew(il: InstanceList, inst: Instance): InstanceList {
  return [...il, inst];
}

function formatNodeEvac(data: ClusterData, state: EvacState): Outcome {
  const { moved, failed, opcodes } = state.solution;
  const iname = (idx: number) => mustFind(data.instances, idx).name;
  const result = [
    moved.map((m) => [iname(m.idx), data.groups[m.gdx]!.name, m.nodes.map((n) => mustFind(data.nodes, n).name)]),
    failed.map((f) => [iname(f.idx), f.message]),
    opcodes,
  ];
  return { ok: true, info: `${failed.length} instances failed to move and ${moved.length} were moved successfully`, result, nodes: state.nodes, instances: state.instances };
}

function formatMultiAlloc<M>(r: { nodes: NodeList; instances: InstanceList; results: Array<{ inst: Instance; solution: AllocSolution<M> }> }): Outcome {
  const allocated = r.results.filter((x) => x.solution.solution !== null);
  const failed = r.results.filter((x) => x.solution.solution === null);
  const result = [
    allocated.map((x) => [x.solution.solution!.inst.name, x.solution.solution!.changed.map((n) => n.name)]),
    failed.map((x) => [x.inst.name, solutionLog(x.solution)]),
  ];
  const info = `${failed.length} instances failed to allocate and ${allocated.length} were allocated successfully`;
  return { ok: true, info, result, nodes: r.nodes, instances: r.instances };
}

const failed = (info: string): Outcome => ({ ok: false, info });

/** processRequest (and the dedicated-cluster variant for allocations). */
function processRequest(opts: AllocOptions, input: IAllocInput): Outcome {
  const { request: rq, data } = input;
  const { groups: gl, nodes: nl, instances: il } = data;
  const dedicatedGroup = rq.type === "allocate" ? rq.group : rq.type === "multi-allocate" ? uniqueGroup(rq.requests.map((r) => r.group)) : undefined;
  if (dedicatedGroup !== undefined && isDedicated(data, dedicatedGroup)) return processDedicated(opts, input);
  switch (rq.type) {
    case "allocate": {
      const o: AllocOptions = { ...opts, restrictToNodes: opts.restrictToNodes ?? rq.restrictToNodes };
      const r = rq.group === null ? tryMGAlloc(o, gl, nl, il, rq.inst, rq.count) : tryGroupAlloc(o, gl, nl, il, rq.group, rq.inst, rq.count);
      return r.ok ? formatAllocate(il, r.value.solution) : failed(r.error);
    }
    case "relocate": {
      const r = processRelocate(opts, nl, il, rq.idx, rq.count, rq.exclude);
      if (!r.ok) return failed(r.error);
      return { ok: true, info: "success", result: r.value.nodes.map((n) => mustFind(r.value.nl, n).name), nodes: r.value.nl, instances: r.value.il };
    }
    case "change-group":
      return formatNodeEvac(data, tryChangeGroup(opts, gl, nl, il, rq.groups, rq.idxs));
    case "node-evacuate":
      return formatNodeEvac(data, tryNodeEvac(opts, nl, il, rq.mode, rq.idxs));
    case "multi-allocate": {
      const r = allocList(opts, gl, nl, il, rq.requests);
      return r.ok ? formatMultiAlloc(r.value) : failed(r.error);
    }
    case "allocate-secondary": {
      const r = tryAllocateSecondary(opts, nl, il, rq.idx);
      if (!r.ok) return failed(r.error);
      const sol = r.value;
      const info = solutionLog(sol);
      if (!sol.solution) return failed(info);
      if (sol.solution.changed.length !== 2) return failed(`Internal error (not a DRBD allocation); info was: ${info}`);
      return { ok: true, info, result: sol.solution.changed[1]!.name, nodes: sol.solution.nodes, instances: withNew(il, sol.solution.inst) };
    }
  }
}

/** isAllocationRequest for multi-allocate: the group if all requests name the same one. */
function uniqueGroup(groups: Array<string | null>): string | null {
  const named = [...new Set(groups.filter((g): g is string => g !== null))];
  return named.length === 1 ? named[0]! : null;
}

function processDedicated(opts: AllocOptions, input: IAllocInput): Outcome {
  const { request: rq, data } = input;
  const { groups: gl, nodes: nl, instances: il } = data;
  if (rq.type === "allocate") {
    // Ganeti 3.0.2 honours the request's restrict-to-nodes here too.
    opts = { ...opts, restrictToNodes: opts.restrictToNodes ?? rq.restrictToNodes };
    if (rq.group !== null) {
      const g = gl.filter((x) => x.name === rq.group || x.uuid === rq.group);
      if (g.length !== 1) return failed(`Wrong number of elems found with name ${rq.group}`);
      const r = findDedicatedAllocation(opts, gl, nl, g[0]!.idx, rq.inst, rq.count);
      return r.ok ? formatAllocate(il, { ...r.value.solution, log: r.value.log }) : failed(r.error);
    }
    const r = findDedicatedMGAllocation(opts, gl, nl, il, rq.inst, rq.count);
    return r.ok ? formatAllocate(il, r.value) : failed(r.error);
  }
  if (rq.type === "multi-allocate") {
    const r = dedicatedAllocList(opts, gl, nl, il, rq.requests);
    return r.ok ? formatMultiAlloc(r.value) : failed(r.error);
  }
  return failed("Dedicated Allocation only for proper allocation requests");
}

/** Whether the request would be answered with the dedicated (lost-allocations) metric. */
export function usesDedicatedAllocation(input: IAllocInput): boolean {
  const rq = input.request;
  if (rq.type === "allocate") return isDedicated(input.data, rq.group);
  if (rq.type === "multi-allocate") return isDedicated(input.data, uniqueGroup(rq.requests.map((r) => r.group)));
  return false;
}

/** Cluster data after a request: changed nodes replaced, new instances appended with their real index. */
function resultData(data: ClusterData, nodes: NodeList, instances: InstanceList): ClusterData {
  const merged = data.nodes.map((n, k) => nodes[k] ?? n);
  const known = data.instances.length;
  const added = instances.slice(known).filter((i): i is Instance => i !== undefined);
  const outInstances = [...data.instances.map((i, k) => instances[k] ?? i)];
  const outNodes: Node[] = merged;
  for (const inst of added) {
    const idx = outInstances.length;
    const old = inst.idx;
    outInstances.push({ ...inst, idx });
    if (old >= 0 && old < known) continue; // a copy of an existing instance (change-group's trial placement)
    for (const k of new Set([inst.pNode, inst.sNode])) {
      const n = outNodes[k];
      if (!n) continue;
      outNodes[k] = { ...n, pList: n.pList.map((x) => (x === old ? idx : x)), sList: n.sList.map((x) => (x === old ? idx : x)) };
    }
  }
  return { ...data, nodes: outNodes, instances: elems(outInstances) };
}

/** runIAllocator: answer the request. */
export function runIAllocator(opts: AllocOptions, input: IAllocInput): IAllocAnswer {
  const out = processRequest(opts, input);
  if (!out.ok) {
    const info = `Request failed: ${out.info}`;
    return { success: false, info, result: [], response: formatResponse(false, info, []), data: input.data };
  }
  const info = `Request successful: ${out.info}`;
  return { success: true, info, result: out.result, response: formatResponse(true, info, out.result), data: resultData(input.data, out.nodes, out.instances) };
}
