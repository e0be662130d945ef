// What instance query fields read besides the instance: the configuration, the nodes' live answers, and per-query
// memos. A query computes many fields of one instance in a row (RAPI's bulk list: 35 fields × 10,000 instances), and
// several fields derive from the same thing — its disk objects, its NICs' filled parameters — so each is computed once
// per instance; the cluster-level layers of the merged parameters are the same for every instance of a hypervisor and
// OS, so they are merged once per query.
import type { ConfigStore } from "../config/config-store";
import { fillHvparams, fillNicparams } from "../objects/fill";
import type { Disk, Instance, Nic, Params } from "../objects/types";
import type { LiveData } from "../opcodes/instance/status";
import type { ConsoleAnswer, InstanceRunInfo } from "../rpc/node-rpc";

/** Hypervisor parameters only the cluster sets (Ganeti's HVC_GLOBALS); an instance's merged hvparams leave them out. */
export const HV_GLOBALS: ReadonlySet<string> = new Set(["migration_port", "migration_bandwidth", "migration_mode"]);

export type InstanceQueryContext = {
  config: ConfigStore;
  live: LiveData;
  running: Map<string, InstanceRunInfo>;
  /** What primary nodes answered for the consoles they open (instance-consoles.ts), when the query asks for them. */
  consoles: Map<string, ConsoleAnswer>;
  memo: InstanceMemo;
};

export function instanceQueryContext(config: ConfigStore, live: LiveData, running: Map<string, InstanceRunInfo>): InstanceQueryContext {
  return { config, live, running, consoles: new Map(), memo: new InstanceMemo(config) };
}

const EMPTY: readonly never[] = Object.freeze([]);

function isEmpty(params: Params | undefined): boolean {
  for (const _ in params) return false;
  return true;
}

export class InstanceMemo {
  private disksFor: Instance | null = null;
  private diskList: Disk[] = [];
  private nicsFor: Instance | null = null;
  private nicList: Params[] = [];
  private defaultNic: Params | null = null;
  private readonly hvBases = new Map<string, Map<string, Params>>();

  constructor(private readonly config: ConfigStore) {}

  /** The instance's disk objects, in order. */
  disks(i: Instance): readonly Disk[] {
    if (this.disksFor !== i) {
      this.disksFor = i;
      this.diskList = i.disks.length ? this.config.instanceDisks(i) : (EMPTY as never[]);
    }
    return this.diskList;
  }

  /** Secondary nodes (UUIDs): those of its disks, none without disks. */
  secondaryNodes(i: Instance): readonly string[] {
    return i.disks.length ? this.config.secondaryNodes(i) : EMPTY;
  }

  /** Each NIC's filled parameters (defaults, cluster, NIC); shared by NICs without parameters of their own. */
  nicparams(i: Instance): readonly Params[] {
    if (this.nicsFor !== i) {
      this.nicsFor = i;
      this.nicList = i.nics.map((nic) => this.filledNic(nic));
    }
    return this.nicList;
  }

  /**
   * Ganeti's hvparams field (getFilledInstHvParams without hvcGlobals): fillHvparams with the instance's layer last,
   * as there, on the per-query base; a new object per instance.
   */
  hvparams(i: Instance): Params {
    const base = this.hvBase(i);
    if (isEmpty(i.hvparams)) return { ...base };
    const filled = { ...base };
    for (const key in i.hvparams) if (!HV_GLOBALS.has(key)) filled[key] = i.hvparams[key];
    return filled;
  }

  private filledNic(nic: Nic): Params {
    if (!isEmpty(nic.nicparams)) return fillNicparams(this.config.cluster, nic);
    return (this.defaultNic ??= Object.freeze(fillNicparams(this.config.cluster, { nicparams: {} })));
  }

  /** The layers below the instance's own (defaults, cluster, OS), without the cluster-wide parameters. */
  private hvBase(i: Instance): Params {
    let byOs = this.hvBases.get(i.hypervisor);
    if (!byOs) this.hvBases.set(i.hypervisor, (byOs = new Map()));
    let base = byOs.get(i.os);
    if (!base) {
      const merged = fillHvparams(this.config.cluster, { hypervisor: i.hypervisor, os: i.os, hvparams: {} });
      base = Object.fromEntries(Object.entries(merged).filter(([k]) => !HV_GLOBALS.has(k)));
      byOs.set(i.os, base);
    }
    return base;
  }
}
