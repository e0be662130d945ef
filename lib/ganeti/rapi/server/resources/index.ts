// Every RAPI v2 resource Gantry serves (Ganeti's lib/rapi/connector.py), one file per family.
import type { Resource } from "../routes";
import { CLUSTER_RESOURCES } from "./cluster";
import { GROUP_RESOURCES } from "./groups";
import { INSTANCE_ACTION_RESOURCES } from "./instance-actions";
import { INSTANCE_RESOURCES } from "./instances";
import { JOB_RESOURCES } from "./jobs";
import { NODE_RESOURCES } from "./nodes";
import { QUERY_RESOURCES } from "./query";
import { UNSUPPORTED_RESOURCES } from "./unsupported";

export const ALL_RESOURCES: Resource[] = [
  ...CLUSTER_RESOURCES,
  ...NODE_RESOURCES,
  ...GROUP_RESOURCES,
  ...INSTANCE_RESOURCES,
  ...INSTANCE_ACTION_RESOURCES,
  ...JOB_RESOURCES,
  ...QUERY_RESOURCES,
  ...UNSUPPORTED_RESOURCES,
];
