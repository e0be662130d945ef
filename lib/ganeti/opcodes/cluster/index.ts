import type { OpcodeDefinition } from "../definition";
import { clusterRedistConf } from "./redist-conf";

export const CLUSTER_OPCODES: OpcodeDefinition[] = [clusterRedistConf];
