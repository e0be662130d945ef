// One balancing step (Ganeti's tryBalance / checkMove / checkInstanceMove): the best single move over every movable
// instance, target node and move type, kept only if it improves the score enough. Candidates are scored in O(1); the
// ones within a hair of the best are then rescored exactly, in Ganeti's order, so the first strictly lowest wins as
// in Ganeti's compareTables.
import type { Instance } from "../instance";
import type { Node } from "../node";
import { CandidateGenerator } from "./candidates";
import { movableInstances } from "./move-kinds";
import type { IMove, MoveKind, Placement } from "./moves";
import { applyMove, FAILOVER } from "./moves";
import { APPROX_EPSILON, GroupScorer } from "./scorer";
import type { AlgorithmOptions, Table } from "./table";

type Near = { instIdx: number; move: IMove; approx: number };

/** The best next table, or null when no move improves the score (checkMove, without the gain test). */
export function bestMove(table: Table, opts: AlgorithmOptions): Table | null {
  const { nodes, instances } = table;
  const scorer = new GroupScorer(nodes, table.groupNodes);
  const iniScore = table.score;
  const online = table.groupNodes.filter((idx) => !nodes[idx]!.offline);
  const generator = new CandidateGenerator(nodes, online, scorer, opts);

  // pass 1: O(1) scores; keep every candidate that may be the minimum
  let minApprox = Infinity;
  let near: Near[] = [];
  let pruneAt = 64;
  const sink = (i: Instance, kind: MoveKind, target: number, a: number) => {
    if (!(a <= Math.min(minApprox, iniScore) + APPROX_EPSILON)) return;
    if (a < minApprox) minApprox = a;
    near.push({ instIdx: i.idx, move: kind === "Failover" ? FAILOVER : ({ kind, node: target } as IMove), approx: a });
    if (near.length >= pruneAt) {
      const limit = Math.min(minApprox, iniScore) + APPROX_EPSILON;
      near = near.filter((c) => c.approx <= limit);
      pruneAt = Math.max(64, near.length * 2);
    }
  };
  for (const inst of movableInstances(table, opts)) generator.generate(inst, sink);
  const limit = Math.min(minApprox, iniScore) + APPROX_EPSILON;

  // pass 2: the exact score of the few that may win, first strictly lowest
  let best: { placement: Placement; changed: Array<[number, Node]>; inst: (typeof instances)[number] } | null = null;
  let bestScore = iniScore;
  const idxs: number[] = [];
  const news: Node[] = [];
  for (const c of near) {
    if (c.approx > limit) continue;
    const inst = instances[c.instIdx]!;
    const res = applyMove(opts.ignoreSoftErrors, nodes, inst, c.move);
    if (!res.ok) continue;
    const { changed } = res.value;
    idxs.length = 0;
    news.length = 0;
    for (const [idx, node] of changed) {
      idxs.push(idx);
      news.push(node);
    }
    const score = scorer.exact(changed.length, idxs, news);
    if (score < bestScore) {
      bestScore = score;
      best = { placement: { idx: inst.idx, pri: res.value.pri, sec: res.value.sec, move: c.move, score }, changed, inst: res.value.inst };
    }
  }
  if (!best) return null;
  const newNodes = nodes.slice();
  for (const [idx, node] of best.changed) newNodes[idx] = node;
  const newInstances = instances.slice();
  newInstances[best.inst.idx] = best.inst;
  return { ...table, nodes: newNodes, instances: newInstances, score: bestScore, placements: [best.placement, ...table.placements] };
}

/** One step of hbal: the best move if it lowers the score by enough (tryBalance). */
export function tryBalance(table: Table, opts: AlgorithmOptions): Table | null {
  const fin = bestMove(table, opts);
  if (!fin) return null;
  const ini = table.score;
  return fin.score < ini && (ini > opts.minGainLimit || ini - fin.score >= opts.minGain) ? fin : null;
}

/** Whether another step may be tried (doNextBalance): below the length cap and above the target score. */
export function doNextBalance(table: Table, maxRounds: number, minScore: number): boolean {
  return (maxRounds < 0 || table.placements.length < maxRounds) && table.score > minScore;
}
