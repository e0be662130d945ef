// Disk template properties as htools 3.0.2 uses them (Ganeti's Types.templateMirrorType, diskTemplateMovable).
import type { Instance } from "../instance";
import type { DiskTemplate, MirrorType } from "../types";

/** templateMirrorType: diskless counts as externally mirrored (it can run anywhere), unlike types.ts's mirrorType. */
export function templateMirrorType(t: DiskTemplate): MirrorType {
  if (t === "drbd") return "internal";
  if (t === "file" || t === "plain") return "none";
  return "external";
}

export const instanceMirror = (i: Instance): MirrorType => templateMirrorType(i.diskTemplate);

/** diskTemplateMovable: instances that can simply be started on another node of the group. */
export const diskTemplateMovable = (t: DiskTemplate): boolean =>
  t === "diskless" || t === "sharedfile" || t === "rbd" || t === "ext" || t === "gluster";

/** Instance.requiredNodes. */
export const requiredNodes = (t: DiskTemplate): 1 | 2 => (t === "drbd" ? 2 : 1);
