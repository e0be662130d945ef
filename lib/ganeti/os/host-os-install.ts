// OS installation on a real node: the OS definitions of os-definitions.ts (same names, parameters and checks), with
// the writes done for real into the instance's disk images instead of simulated.
import { OpExecError } from "../errors";
import type { Params } from "../objects/types";
import { installImage } from "../storage/images/install-image";
import type { ImageFormat } from "../storage/images/qemu-img";
import { imageParam, requireOs } from "./os-definitions";

/** One of the instance's disks as the node holds it. */
export type HostDisk = { iv_name: string; path: string; format: ImageFormat };
export type HostOsInstall = { os: string; osparams: Params; disks: HostDisk[] };

const HOST_INSTALLERS: Record<string, (roots: readonly string[], request: HostOsInstall) => Promise<string[]>> = {
  noop: async () => ["noop: nothing to install"],
  image: async (roots, request) => {
    const source = imageParam(request.osparams);
    const first = request.disks[0];
    if (!first) throw new OpExecError(`OS 'image' needs at least one disk to write ${source} to`);
    return installImage(roots, { source, disk: first });
  },
};

/** Installs the instance's OS into its disks below the node's storage roots; returns the lines for the job log. */
export async function installOsOnHost(roots: readonly string[], request: HostOsInstall): Promise<string[]> {
  const { definition } = requireOs(request.os);
  const install = HOST_INSTALLERS[definition.name];
  if (!install) throw new OpExecError(`OS '${request.os}' cannot be installed on a real node yet`);
  return install(roots, request);
}
