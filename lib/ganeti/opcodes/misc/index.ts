import type { OpcodeDefinition } from "../definition";
import { testDelay } from "./test-delay";

export const MISC_OPCODES: OpcodeDefinition[] = [testDelay];
