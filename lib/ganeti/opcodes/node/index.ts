import type { OpcodeDefinition } from "../definition";
import { nodeAdd } from "./add";
import { nodeEvacuate } from "./evacuate";
import { nodeMigrate } from "./migrate";
import { nodePowercycle } from "./powercycle";
import { nodeQueryStorage } from "./query-storage";
import { nodeRemove } from "./remove";
import { nodeSetParams } from "./set-params";

export const NODE_OPCODES: OpcodeDefinition[] = [nodeAdd, nodeRemove, nodeSetParams, nodePowercycle, nodeMigrate, nodeEvacuate, nodeQueryStorage];
