// The opcodes core-jobs times, with the same parameters as the Ganeti side (bench/peer/ganeti-jobs.py): diskless,
// one NIC, 128 MiB (the default ipolicy's minimum), started, OS noop. The noop OS is "installed" (its create script
// does nothing) because Ganeti turns start off when no_install is set (LUInstanceCreate: "No-installation mode
// selected, disabling startup"), and the figure is meant to include the start.
import type { OpInput } from "../../lib/ganeti/jobs/job";

export type Placement = { pnode: string } | { iallocator: "hail" };

export function createOp(instance_name: string, placement: Placement): OpInput {
  return {
    OP_ID: "OP_INSTANCE_CREATE",
    instance_name,
    disk_template: "diskless",
    disks: [],
    nics: [{}],
    os_type: "noop",
    no_install: false,
    beparams: { memory: 128, vcpus: 1 },
    start: true,
    ...placement,
  };
}

export const shutdownOp = (instance_name: string): OpInput => ({ OP_ID: "OP_INSTANCE_SHUTDOWN", instance_name });
export const startupOp = (instance_name: string): OpInput => ({ OP_ID: "OP_INSTANCE_STARTUP", instance_name });
export const removeOp = (instance_name: string): OpInput => ({ OP_ID: "OP_INSTANCE_REMOVE", instance_name });
