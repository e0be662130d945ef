// Every opcode Gantry knows, by Ganeti's OP_ID.
import { OpCodeUnknown, ParameterError } from "../errors";
import type { OpInput } from "../jobs/job";
import type { OpcodeDefinition } from "./definition";
import { CLUSTER_OPCODES } from "./cluster/index";
import { GROUP_OPCODES } from "./group/index";
import { INSTANCE_OPCODES } from "./instance/index";
import { NODE_OPCODES } from "./node/index";
import { MISC_OPCODES } from "./misc/index";

const ALL: OpcodeDefinition[] = [...CLUSTER_OPCODES, ...NODE_OPCODES, ...GROUP_OPCODES, ...INSTANCE_OPCODES, ...MISC_OPCODES];

export const OPCODES = new Map<string, OpcodeDefinition>(ALL.map((def) => [def.id, def]));

export function opcodeDefinition(opId: string): OpcodeDefinition {
  const definition = OPCODES.get(opId);
  if (!definition) throw new OpCodeUnknown(opId);
  return definition;
}

/** Validates an opcode's parameters, filling defaults; errors name the parameter as Ganeti does. */
export function validateOpcode(input: OpInput): Record<string, unknown> {
  if (!input || typeof input !== "object" || typeof input.OP_ID !== "string") {
    throw new ParameterError("An opcode must be an object with an OP_ID");
  }
  const definition = opcodeDefinition(input.OP_ID);
  const parsed = definition.params.safeParse(input);
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const issue = parsed.error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    throw new ParameterError(`Parameter '${input.OP_ID}.${issue.keys[0]}' is not a parameter of ${input.OP_ID}`);
  }
  const field = issue.path.length ? issue.path.join(".") : "(opcode)";
  throw new ParameterError(`Parameter '${input.OP_ID}.${field}' fails validation: ${issue.message}`);
}

/** "INSTANCE_CREATE(web1)", as Ganeti's job summaries. */
export function opSummary(input: OpInput): string {
  const base = input.OP_ID.replace(/^OP_/, "");
  const field = OPCODES.get(input.OP_ID)?.summaryField;
  const value = field ? input[field] : undefined;
  if (value === undefined || value === null) return base;
  return `${base}(${Array.isArray(value) ? value.join(",") : String(value)})`;
}
