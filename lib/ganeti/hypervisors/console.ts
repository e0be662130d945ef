// How to reach an instance's console (Ganeti's objects.InstanceConsole, computed master-side by each hypervisor's
// GetInstanceConsole). The kinds are Ganeti's: a message, VNC, SPICE or an SSH command; only the fields of the kind
// are present, as Ganeti's ToDict drops unset ones.
import { OpPrereqError } from "../errors";
import type { Instance, Node } from "../objects/types";

export type InstanceConsole =
  | { instance: string; kind: "msg"; message: string }
  | { instance: string; kind: "vnc"; host: string; port: number; display: number }
  | { instance: string; kind: "spice"; host: string; port: number }
  | { instance: string; kind: "ssh"; host: string; port: number; user: string; command: string[] };

export type ConsoleSource = { instance: Instance; primary: Node };

type ConsoleBuilder = (source: ConsoleSource) => InstanceConsole;

const BUILDERS: Partial<Record<Instance["hypervisor"], ConsoleBuilder>> = {
  fake: ({ instance }) => ({ instance: instance.name, kind: "msg", message: "Console not available for fake hypervisor" }),
  // kvm: VNC at the node (vnc_bind_address) on the instance's network_port, once the kvm hypervisor allocates one.
};

export function instanceConsole(source: ConsoleSource): InstanceConsole {
  const build = BUILDERS[source.instance.hypervisor];
  if (!build) {
    throw new OpPrereqError(`Console access for ${source.instance.hypervisor} instances is not supported yet`, "wrong_input");
  }
  return build(source);
}
