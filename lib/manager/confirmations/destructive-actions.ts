// The VM actions that destroy something and so may wait for a confirmation by e-mail (ganetimgr's: delete, reinstall,
// rename): for each, the name it is stored and audited under, the permission rule, its options checked as the use case
// checks them, what it does in words, and the use case that runs it.
import type { CachedInstance } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/manager/actor";
import type { Action } from "@/lib/manager/access/rules";
import { parseInput } from "@/lib/manager/clusters/cluster-input";
import type { InstanceRef } from "@/lib/manager/instances/instance-target";
import { reinstallInput, reinstallInstance } from "@/lib/manager/instances/reinstall-instance";
import { removeInstance } from "@/lib/manager/instances/remove-instance";
import { checkRename, renameInput, renameInstance } from "@/lib/manager/instances/rename-instance";
import type { JobDeps, Submitted } from "@/lib/manager/jobs/submit-job";

export type DestructiveKind = "remove" | "reinstall" | "rename";

type Params = { os?: string; newName?: string };
type Vm = Pick<CachedInstance, "name" | "adminState" | "os">;

export type DestructiveAction = {
  kind: DestructiveKind;
  /** ActionConfirmation.action and the audit action of the job. */
  action: string;
  rule: Action;
  parse: (input: unknown) => Params;
  /** What Ganeti would refuse, said before a confirmation is mailed. */
  check?: (vm: Vm, params: Params) => void;
  /** "Delete web1.example.org": a title, and the label of the job the page follows. */
  title: (name: string, params: Params) => string;
  /** What will happen, for the mail and the confirmation page. */
  effect: (vm: Vm, cluster: string, params: Params) => string;
  run: (deps: JobDeps, request: { actor: Actor; ref: InstanceRef; input: Params }) => Promise<Submitted>;
};

export const DESTRUCTIVE_ACTIONS: Record<DestructiveKind, DestructiveAction> = {
  remove: {
    kind: "remove",
    action: "instance.remove",
    rule: "instance.remove",
    parse: () => ({}),
    title: (name) => `Delete ${name}`,
    effect: (vm, cluster) => `${vm.name} and all its disks are removed from cluster ${cluster}. This cannot be undone.`,
    run: (deps, { actor, ref }) => removeInstance(deps, { actor, ref }),
  },
  reinstall: {
    kind: "reinstall",
    action: "instance.reinstall",
    rule: "instance.remove",
    parse: (input) => parseInput(reinstallInput, input ?? {}),
    title: (name, { os }) => `Reinstall ${name}${os ? ` with ${os}` : ""}`,
    effect: (vm, cluster, { os }) =>
      `Everything on the disks of ${vm.name} (cluster ${cluster}) is erased and ${os ?? vm.os} is installed afresh. A VM that is up then is started again. This cannot be undone.`,
    run: reinstallInstance,
  },
  rename: {
    kind: "rename",
    action: "instance.rename",
    rule: "instance.modify",
    parse: (input) => parseInput(renameInput, input),
    check: (vm, { newName }) => checkRename(vm, newName!),
    title: (name, { newName }) => `Rename ${name} to ${newName}`,
    effect: (vm, cluster, { newName }) => `${vm.name} (cluster ${cluster}) is renamed to ${newName}; whoever reaches it by its old name no longer will.`,
    run: renameInstance,
  },
};

/** The action stored with a confirmation ("instance.remove" …), or undefined for one this version does not know. */
export const destructiveActionNamed = (action: string): DestructiveAction | undefined => Object.values(DESTRUCTIVE_ACTIONS).find((a) => a.action === action);
