// Haskell's derived `show` for the few Ganeti records hail prints verbatim in its messages (a node group in the
// change-group "no groups for evacuation" error).
import { showDouble } from "../backends/haskell-format";
import type { Group } from "../cluster-data";
import type { AllocPolicy, DiskTemplate, IPolicy, ISpec } from "../types";

const POLICY: Record<AllocPolicy, string> = { preferred: "AllocPreferred", last_resort: "AllocLastResort", unallocable: "AllocUnallocable" };
const TEMPLATE_CONSTRUCTORS: Record<DiskTemplate, string> = {
  diskless: "DTDiskless",
  file: "DTFile",
  sharedfile: "DTSharedFile",
  plain: "DTPlain",
  blockdev: "DTBlock",
  drbd: "DTDrbd8",
  rbd: "DTRbd",
  ext: "DTExt",
  gluster: "DTGluster",
};

/** `show` of a String (JSON's escaping agrees for printable ASCII). */
export const showString = (s: string): string => JSON.stringify(s);
const showList = <T>(xs: readonly T[], f: (x: T) => string) => `[${xs.map(f).join(",")}]`;

const showISpec = (s: ISpec): string =>
  `ISpec {iSpecMemorySize = ${s.memorySize}, iSpecCpuCount = ${s.cpuCount}, iSpecDiskSize = ${s.diskSize}, iSpecDiskCount = ${s.diskCount}, iSpecNicCount = ${s.nicCount}, iSpecSpindleUse = ${s.spindleUse}}`;

/** `show` of an instance policy (hbal prints it at -v -v -v, hail in its errors). */
export const showIPolicy = (p: IPolicy): string =>
  `IPolicy {iPolicyMinMaxISpecs = ${showList(p.minmax, (m) => `MinMaxISpecs {minMaxISpecsMinSpec = ${showISpec(m.min)}, minMaxISpecsMaxSpec = ${showISpec(m.max)}}`)}, ` +
  `iPolicyStdSpec = ${showISpec(p.std)}, iPolicyDiskTemplates = ${showList(p.diskTemplates, (t) => TEMPLATE_CONSTRUCTORS[t])}, ` +
  `iPolicyVcpuRatio = ${showDouble(p.vcpuRatio)}, iPolicySpindleRatio = ${showDouble(p.spindleRatio)}}`;

export const showGroup = (g: Group): string =>
  `Group {name = ${showString(g.name)}, uuid = ${showString(g.uuid)}, idx = ${g.idx}, allocPolicy = ${POLICY[g.allocPolicy]}, ` +
  `networks = ${showList(g.networks, showString)}, iPolicy = ${showIPolicy(g.ipolicy)}, allTags = ${showList(g.tags, showString)}}`;

export const showGroups = (gs: readonly Group[]): string => showList(gs, showGroup);
