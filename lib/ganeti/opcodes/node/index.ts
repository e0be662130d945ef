import type { OpcodeDefinition } from "../definition";
import { nodeAdd } from "./add";

export const NODE_OPCODES: OpcodeDefinition[] = [nodeAdd];
