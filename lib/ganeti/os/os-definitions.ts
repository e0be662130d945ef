// OS definitions a node can install into an instance's disks. `noop` installs nothing (Ganeti's ganeti-os-noop);
// `image` (also as `image+default`: a variant after `+` is accepted and ignored) writes a disk image given by the
// osparam `image` (a local file path) into the first disk. On a virtual node the write is simulated here: the image is
// checked and its size recorded, nothing is copied; a real node writes it (storage/images/install-image.ts).
import fs from "node:fs";
import { OpExecError } from "../errors";
import type { Params } from "../objects/types";
import type { InstanceSpec, OsDefinition } from "../rpc/node-rpc";

type OsImplementation = { definition: OsDefinition; install: (instance: InstanceSpec) => Promise<string[]> };

export const OS_DEFINITIONS: OsImplementation[] = [
  {
    definition: { name: "noop", variants: [], api_versions: [20], parameters: [], valid: true },
    install: async () => ["noop: nothing to install"],
  },
  {
    definition: {
      name: "image",
      variants: [],
      api_versions: [20],
      parameters: [["image", "Path of a raw or qcow2 disk image to write to the first disk"]],
      valid: true,
    },
    install: async (instance) => {
      const image = imageParam(instance.osparams);
      let size: number;
      try {
        size = fs.statSync(image).size;
      } catch {
        throw new OpExecError(`OS 'image': cannot read ${image} on this node`);
      }
      const first = instance.disks[0];
      if (!first) throw new OpExecError(`OS 'image' needs at least one disk to write ${image} to`);
      const sizeMiB = Math.ceil(size / 1024 / 1024);
      if (sizeMiB > first.size) throw new OpExecError(`Image ${image} (${sizeMiB} MiB) does not fit disk/0 (${first.size} MiB)`);
      return [`image: wrote ${image} (${sizeMiB} MiB) to ${first.iv_name} (simulated on a virtual node)`];
    },
  },
];

export const OS_NAMES = OS_DEFINITIONS.map((os) => os.definition.name);

export function findOs(name: string): OsImplementation | undefined {
  const base = name.split("+")[0];
  return OS_DEFINITIONS.find((os) => os.definition.name === base);
}

/** The `image` OS's one parameter: the path of the image to write. */
export function imageParam(osparams: Params): string {
  const image = osparams.image;
  if (typeof image !== "string" || !image) throw new OpExecError(`OS 'image' needs the osparam image=PATH (e.g. -O image=/srv/images/debian.img)`);
  return image;
}

/** The OS by its name (with or without a variant), or an error naming those this node has. */
export function requireOs(name: string): OsImplementation {
  const os = findOs(name);
  if (!os) throw new OpExecError(`OS '${name}' is not available on this node (known: ${OS_NAMES.join(", ")})`);
  return os;
}

export async function installOs(instance: InstanceSpec, _reinstall: boolean): Promise<string[]> {
  return requireOs(instance.os).install(instance);
}
