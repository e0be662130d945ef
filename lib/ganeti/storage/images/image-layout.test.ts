import { describe, expect, it } from "vitest";
import { DEFAULT_FILE_STORAGE_DIR, DEFAULT_SHARED_FILE_STORAGE_DIR } from "../../objects/defaults";
import { allowedRoots, diskImagePath, instanceStorageDir } from "./image-layout";

const dirs = { file_storage_dir: DEFAULT_FILE_STORAGE_DIR, shared_file_storage_dir: DEFAULT_SHARED_FILE_STORAGE_DIR };
const uuid = "0f5c1d2e-8a44-4b7e-9d63-2a1f6b9c0e11";

describe("image layout (Ganeti 3's file and sharedfile names)", () => {
  it("puts file disks under the node's file storage dir, one directory per instance", () => {
    expect(diskImagePath(dirs, { template: "file", uuid, index: 0 }, "vm1.example.com")).toBe(
      `/srv/ganeti/file-storage/vm1.example.com/${uuid}.file.disk0`,
    );
  });

  it("puts sharedfile disks under the shared dir, named after their template", () => {
    expect(diskImagePath(dirs, { template: "sharedfile", uuid, index: 2 }, "vm1.example.com")).toBe(
      `/srv/ganeti/shared-file-storage/vm1.example.com/${uuid}.sharedfile.disk2`,
    );
  });

  it("inserts the instance's own file_storage_dir between the root and the instance name", () => {
    expect(instanceStorageDir(dirs, "file", "vm1", "tenants/a")).toBe("/srv/ganeti/file-storage/tenants/a/vm1");
    expect(() => instanceStorageDir(dirs, "file", "vm1", "../../etc")).toThrow(/relative path below the cluster's storage directory/);
    expect(() => instanceStorageDir(dirs, "file", "vm1", "/etc")).toThrow(/relative path/);
  });

  it("refuses instance names that would climb or split the layout", () => {
    for (const name of ["..", ".", "a/b", ""]) expect(() => instanceStorageDir(dirs, "file", name)).toThrow(/cannot be used as a directory name/);
  });

  it("says how to set a storage dir the cluster lacks, and allows only configured roots", () => {
    const noShared = { ...dirs, shared_file_storage_dir: "" };
    expect(() => instanceStorageDir(noShared, "sharedfile", "vm1")).toThrow(
      "Cluster file storage dir for 'sharedfile' storage is not defined: set it with gnt-cluster modify --shared-file-storage-dir=DIR",
    );
    expect(allowedRoots(noShared)).toEqual([DEFAULT_FILE_STORAGE_DIR]);
    expect(allowedRoots(dirs)).toEqual([DEFAULT_FILE_STORAGE_DIR, DEFAULT_SHARED_FILE_STORAGE_DIR]);
  });

  it("refuses a cluster storage dir in a system directory", () => {
    expect(() => instanceStorageDir({ ...dirs, file_storage_dir: "/etc/ganeti" }, "file", "vm1")).toThrow(/forbidden prefix/);
  });
});
