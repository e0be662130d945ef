import type { OpcodeDefinition } from "../definition";
import { groupAdd } from "./add";
import { groupAssignNodes } from "./assign-nodes";
import { groupRemove } from "./remove";
import { groupRename } from "./rename";
import { groupSetParams } from "./set-params";

export const GROUP_OPCODES: OpcodeDefinition[] = [groupAdd, groupAssignNodes, groupRemove, groupSetParams, groupRename];
