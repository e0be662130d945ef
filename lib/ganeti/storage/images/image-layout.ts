// Where an instance's file and sharedfile disks live, as Ganeti 3 lays them out (cmdlib/instance_storage.py):
//   <cluster file_storage_dir>[/<instance file_storage_dir>]/<instance name>/<disk uuid>.file.disk<N>
//   <cluster shared_file_storage_dir>[/<instance file_storage_dir>]/<instance name>/<disk uuid>.sharedfile.disk<N>
// `file` roots are local to each node; the `sharedfile` root is the same storage mounted on every node.
import path from "node:path";
import { FileStoragePathError } from "../../errors";
import type { Cluster } from "../../objects/types";
import { checkStorageRoot } from "./storage-paths";

export type FileTemplate = "file" | "sharedfile";
export const FILE_TEMPLATES: readonly FileTemplate[] = ["file", "sharedfile"];

export type StorageDirs = Pick<Cluster, "file_storage_dir" | "shared_file_storage_dir">;

/** The cluster's root for a template; an empty setting means the template cannot be used (Ganeti's ECODE_STATE). */
export function templateRoot(dirs: StorageDirs, template: FileTemplate): string {
  const root = template === "file" ? dirs.file_storage_dir : dirs.shared_file_storage_dir;
  if (!root) {
    const setting = template === "file" ? "--file-storage-dir" : "--shared-file-storage-dir";
    throw new FileStoragePathError(`Cluster file storage dir for '${template}' storage is not defined: set it with gnt-cluster modify ${setting}=DIR`);
  }
  return checkStorageRoot(root);
}

/** The roots a node accepts paths under: the configured ones of both file templates. */
export function allowedRoots(dirs: StorageDirs): string[] {
  return FILE_TEMPLATES.flatMap((template) => {
    const root = template === "file" ? dirs.file_storage_dir : dirs.shared_file_storage_dir;
    return root ? [checkStorageRoot(root)] : [];
  });
}

/** One plain path segment: an instance name, never something that would climb or split the layout. */
function checkSegment(what: string, value: string): void {
  if (!value || value === "." || value === ".." || value.includes("/") || value.includes("\0")) {
    throw new FileStoragePathError(`${what} '${value}' cannot be used as a directory name for file storage`);
  }
}

/** The instance's optional subdirectory (opcode field file_storage_dir): relative, without `..`. */
function checkSubdir(subdir: string): void {
  if (path.posix.isAbsolute(subdir) || subdir.split("/").some((s) => s === ".." || s === ".")) {
    throw new FileStoragePathError(`Instance file storage dir '${subdir}' must be a relative path below the cluster's storage directory, without '.' or '..'`);
  }
}

/** The directory holding one instance's disk images (Ganeti's CalculateFileStorageDir). */
export function instanceStorageDir(dirs: StorageDirs, template: FileTemplate, instanceName: string, subdir?: string | null): string {
  checkSegment("Instance name", instanceName);
  if (subdir) checkSubdir(subdir);
  return path.posix.join(templateRoot(dirs, template), subdir ?? "", instanceName);
}

/** A disk image's file name: Ganeti's unique name with the template's prefix. */
export const diskImageName = (template: FileTemplate, diskUuid: string, index: number): string => {
  checkSegment("Disk uuid", diskUuid);
  return `${diskUuid}.${template}.disk${index}`;
};

export function diskImagePath(
  dirs: StorageDirs,
  disk: { template: FileTemplate; uuid: string; index: number },
  instanceName: string,
  subdir?: string | null,
): string {
  return path.posix.join(instanceStorageDir(dirs, disk.template, instanceName, subdir), diskImageName(disk.template, disk.uuid, disk.index));
}
