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
  | { instance: string; kind: "vnc"; host: string; port: number; display: number }
  | { instance: string; kind: "spice"; host: string; port: number }
  | { instance: string; kind: "ssh"; host: string; port: number; user: string; command: string[] };

/** `answer`: what the primary node said of the console, for hypervisors in CONSOLES_OPENED_BY_NODE. */
export type ConsoleSource = { instance: Instance; primary: Node; answer?: ConsoleAnswer };

/** Ganeti's constants.VNC_BASE_PORT: display N listens on port 5900 + N. */
export const VNC_BASE_PORT = 5900;

/** Hypervisors whose console the primary node opens when asked. */
export const CONSOLES_OPENED_BY_NODE: ReadonlySet<HypervisorName> = new Set(["fake"]);

type ConsoleBuilder = (source: ConsoleSource) => InstanceConsole;

const BUILDERS: Partial<Record<HypervisorName, ConsoleBuilder>> = {
  fake: ({ instance, primary, answer }) => {
    if (answer === undefined) throw new Error(`the console of ${instance.name} was not asked of ${primary.name}`);
    if (answer === null) throw new HypervisorError(`Instance ${instance.name} is not running on ${primary.name}`);
    if ("error" in answer) throw new HypervisorError(answer.error);
    // As Ganeti's kvm: the host is the bind address, the display the port less VNC_BASE_PORT.
    return { instance: instance.name, kind: "vnc", host: answer.host, port: answer.port, display: answer.port - VNC_BASE_PORT };
  },
  // kvm: VNC at the node (vnc_bind_address) on the instance's network_port, once the kvm hypervisor allocates one.
};

export function instanceConsole(source: ConsoleSource): InstanceConsole {
  const build = BUILDERS[source.instance.hypervisor];
  if (!build) {
    throw new OpPrereqError(`Console access for ${source.instance.hypervisor} instances is not supported yet`, "wrong_input");
  }
  return build(source);
}
