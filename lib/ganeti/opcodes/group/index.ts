import type { OpcodeDefinition } from "../definition";
import { groupAdd } from "./add";

export const GROUP_OPCODES: OpcodeDefinition[] = [groupAdd];
