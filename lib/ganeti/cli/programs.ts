import type { Program } from "./command";
import { gntCluster } from "./programs/gnt-cluster";
import { gntDebug } from "./programs/gnt-debug";
import { gntGroup } from "./programs/gnt-group";
import { gntInstance } from "./programs/gnt-instance";
import { gntJob } from "./programs/gnt-job";
import { gntNode } from "./programs/gnt-node";
import { gntOs } from "./programs/gnt-os";

export const PROGRAMS: Record<string, Program> = Object.fromEntries(
  [gntCluster, gntNode, gntGroup, gntInstance, gntJob, gntOs, gntDebug].map((p) => [p.name, p]),
);
