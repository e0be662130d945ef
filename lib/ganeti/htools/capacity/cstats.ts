// Cluster resource totals (Ganeti's Cluster.CStats, totalResources and computeAllocationDelta) for hspace's
// INI/TRL/FIN statistics and key metrics. Memory follows Ganeti 3.0.2's state of record: "free" is the node's
// unallocated memory, "instance" memory is i_mem.
import { compCV } from "../metrics";
import type { Node } from "../node";
import { availCpu, availDisk, unallocatedMem } from "../node";

export type CStats = {
  fmem: number;
  fdsk: number;
  fspn: number;
  amem: number;
  adsk: number;
  acpu: number;
  mmem: number;
  mdsk: number;
  mcpu: number;
  imem: number;
  idsk: number;
  ispn: number;
  icpu: number;
  tmem: number;
  tdsk: number;
  tspn: number;
  tcpu: number;
  vcpu: number;
  ncpu: number;
  xmem: number;
  nmem: number;
  score: number;
  ninst: number;
};

/** totalResources: sums over every node (offline ones included, as Ganeti does). */
export function totalResources(nodes: readonly Node[]): CStats {
  const cs: CStats = {
    fmem: 0, fdsk: 0, fspn: 0, amem: 0, adsk: 0, acpu: 0, mmem: 0, mdsk: 0, mcpu: 0, imem: 0, idsk: 0, ispn: 0, icpu: 0,
    tmem: 0, tdsk: 0, tspn: 0, tcpu: 0, vcpu: 0, ncpu: 0, xmem: 0, nmem: 0, score: 0, ninst: 0,
  };
  for (const n of nodes) {
    const free = unallocatedMem(n);
    const amem = Math.max(0, free - n.rMem);
    const adsk = availDisk(n);
    const acpu = availCpu(n);
    cs.fmem += free;
    cs.fdsk += n.fDsk;
    cs.fspn += n.fSpindles;
    cs.amem += amem;
    cs.adsk += adsk;
    cs.acpu += acpu;
    cs.mmem = Math.max(cs.mmem, amem);
    cs.mdsk = Math.max(cs.mdsk, adsk);
    cs.mcpu = Math.max(cs.mcpu, acpu);
    cs.imem += n.iMem;
    cs.idsk += Math.trunc(n.tDsk) - n.fDsk;
    cs.ispn += n.tSpindles - n.fSpindles;
    cs.icpu += n.uCpu;
    cs.tmem += n.tMem;
    cs.tdsk += n.tDsk;
    cs.tspn += n.tSpindles;
    cs.tcpu += n.tCpu;
    cs.vcpu += n.hiCpu;
    cs.ncpu += n.uCpu / n.iPolicy.vcpuRatio;
    cs.xmem += n.xMem;
    cs.nmem += n.nMem;
    cs.ninst += n.pList.length;
  }
  cs.score = compCV(nodes);
  return cs;
}

/** Ganeti's AllocInfo: the "key metrics" of a tiered run. */
export type AllocInfo = { vcpus: number; ncpus: number; mem: number; disk: number; spn: number };

/** computeAllocationDelta: (used at the start, allocated by the run, left unallocated). */
export function computeAllocationDelta(ini: CStats, fin: CStats): [AllocInfo, AllocInfo, AllocInfo] {
  const rini: AllocInfo = { vcpus: ini.icpu, ncpus: ini.ncpu, mem: ini.imem, disk: ini.idsk, spn: ini.ispn };
  const rfin: AllocInfo = {
    vcpus: fin.icpu - ini.icpu,
    ncpus: fin.ncpu - ini.ncpu,
    mem: fin.imem - ini.imem,
    disk: fin.idsk - ini.idsk,
    spn: fin.ispn - ini.ispn,
  };
  const runa: AllocInfo = {
    vcpus: fin.vcpu - fin.icpu,
    ncpus: fin.tcpu - fin.ncpu,
    mem: Math.trunc(fin.tmem) - fin.imem,
    disk: Math.trunc(fin.tdsk) - fin.idsk,
    spn: Math.trunc(fin.tspn) - fin.ispn,
  };
  return [rini, rfin, runa];
}
