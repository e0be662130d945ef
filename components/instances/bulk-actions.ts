// The VM list's bulk actions: the permission each needs, the VMs it applies to (start those that are not up, shut
// down and reboot those that are), the request it sends for each VM (the one its page sends), and why a row cannot be
// chosen at all. The API decides again for every VM.
import type { RebootType } from "./power-options";
import type { InstanceAction, InstanceListItem } from "./types";
import type { VmRequest } from "./use-vm-action";

export type BulkKind = "start" | "shutdown" | "reboot" | "delete";
export type BulkRequest = Omit<VmRequest, "label">;
export type BulkOptions = { timeout?: number; type?: RebootType };

type BulkAction = { verb: string; needs: InstanceAction; applies: (vm: InstanceListItem) => boolean; leftOut: string; request: (options: BulkOptions) => BulkRequest };

export const BULK_ACTIONS: Record<BulkKind, BulkAction> = {
  start: { verb: "Start", needs: "power", applies: (vm) => vm.adminState !== "up", leftOut: "they are up already, or you may not start them", request: () => ({ path: "startup" }) },
  shutdown: {
    verb: "Shut down", needs: "power", applies: (vm) => vm.adminState === "up", leftOut: "they are not up, or you may not shut them down",
    request: ({ timeout }) => ({ path: "shutdown", body: { timeout } }),
  },
  reboot: { verb: "Reboot", needs: "power", applies: (vm) => vm.adminState === "up", leftOut: "they are not up, or you may not reboot them", request: ({ type }) => ({ path: "reboot", body: { type } }) },
  delete: { verb: "Delete", needs: "remove", applies: () => true, leftOut: "you may not delete them", request: () => ({ method: "DELETE" }) },
};

export const BULK_KINDS = Object.keys(BULK_ACTIONS) as BulkKind[];

export const bulkTargets = (kind: BulkKind, selected: InstanceListItem[]) =>
  selected.filter((vm) => vm.allowed.includes(BULK_ACTIONS[kind].needs) && BULK_ACTIONS[kind].applies(vm));

export const vmKey = (vm: { cluster: string; name: string }) => `${vm.cluster}/${vm.name}`;

/** Why a row's checkbox is disabled, or null when the user may take one of the bulk actions on it. */
export function notSelectableBecause(vm: InstanceListItem): string | null {
  if (vm.clusterReadOnly) return `Cluster ${vm.cluster} is read-only in Gantry: no actions can be taken on its VMs here.`;
  if (!BULK_KINDS.some((kind) => vm.allowed.includes(BULK_ACTIONS[kind].needs))) {
    return `You may see ${vm.name} but not start, stop or delete it: ask its owner or an administrator for a permission.`;
  }
  return null;
}

export const vmCount = (n: number) => `${n} VM${n === 1 ? "" : "s"}`;
