// How to reach an instance's console (Ganeti's objects.InstanceConsole, computed master-side by each hypervisor's
// GetInstanceConsole). The kinds are Ganeti's: a message, VNC, SPICE or an SSH command; only the fields of the kind
// are present, as Ganeti's ToDict drops unset ones. Some hypervisors' consoles are opened by the primary node when
// asked (fake: a VNC server drawing a simulated text console); for those the caller asks the node first
// (NodeRpc.instanceConsoles) and passes its answer.
import { HypervisorError, OpPrereqError } from "../errors";
import type { HypervisorName, Instance, Node } from "../objects/types";
import type { ConsoleAnswer } from "../rpc/node-rpc";

export type InstanceConsole =
  | { instance: string; kind: "msg"; message: string }
  | {
      instance: string;
      kind: "vnc";
      host: string;
      port: number;
      display: number;
      /**
       * Gantry's kvm: the VNC password is this instance's own, derived from the cluster VNC password and this UUID
       * (vnc-cluster-password.ts instanceVncPassword); absent: the cluster VNC password itself, as Ganeti's.
       */
      vnc_password_of_instance?: string;
    }
  | { instance: string; kind: "spice"; host: string; port: number }
  | { instance: string; kind: "ssh"; host: string; port: number; user: string; command: string[] };

/** `answer`: what the primary node said of the console, for hypervisors in CONSOLES_OPENED_BY_NODE. */
export type ConsoleSource = { instance: Instance; primary: Node; answer?: ConsoleAnswer };

/** Ganeti's constants.VNC_BASE_PORT: display N listens on port 5900 + N. */
export const VNC_BASE_PORT = 5900;

/** Hypervisors whose instances get a network port of the cluster's pool at creation (Ganeti's HTS_REQ_PORT). */
export const HYPERVISORS_WITH_PORT: ReadonlySet<HypervisorName> = new Set(["kvm"]);

/**
 * Hypervisors whose primary node is asked for the console: fake opens it when asked; kvm's node tells where the
 * instance's QEMU listens (the address it bound VNC to).
 */
export const CONSOLES_OPENED_BY_NODE: ReadonlySet<HypervisorName> = new Set(["fake", "kvm"]);

type ConsoleBuilder = (source: ConsoleSource) => InstanceConsole;

/** VNC where the primary node says; as Ganeti's kvm, the host is the bind address, the display the port less 5900. */
function vncFromNode({ instance, primary, answer }: ConsoleSource): Extract<InstanceConsole, { kind: "vnc" }> {
  if (answer === undefined) throw new Error(`the console of ${instance.name} was not asked of ${primary.name}`);
  if (answer === null) throw new HypervisorError(`Instance ${instance.name} is not running on ${primary.name}`);
  if ("error" in answer) throw new HypervisorError(answer.error);
  return { instance: instance.name, kind: "vnc", host: answer.host, port: answer.port, display: answer.port - VNC_BASE_PORT };
}

const BUILDERS: Partial<Record<HypervisorName, ConsoleBuilder>> = {
  fake: vncFromNode,
  kvm: (source) => ({ ...vncFromNode(source), vnc_password_of_instance: source.instance.uuid }),
};

export function instanceConsole(source: ConsoleSource): InstanceConsole {
  const build = BUILDERS[source.instance.hypervisor];
  if (!build) {
    throw new OpPrereqError(`Console access for ${source.instance.hypervisor} instances is not supported yet`, "wrong_input");
  }
  return build(source);
}
