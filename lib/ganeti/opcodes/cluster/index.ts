import type { OpcodeDefinition } from "../definition";
import { clusterDestroy } from "./destroy";
import { clusterMasterFailover } from "./master-failover";
import { clusterRedistConf } from "./redist-conf";
import { clusterSetParams } from "./set-params";
import { clusterVerify } from "./verify/verify";

export const CLUSTER_OPCODES: OpcodeDefinition[] = [clusterRedistConf, clusterSetParams, clusterVerify, clusterMasterFailover, clusterDestroy];
