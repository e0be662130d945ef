// Checking an OS against what a node offers (Ganeti's CheckNodeHasOS, _CheckOSVariant and the OS parameter
// validation), with Ganeti's messages; used when an instance's OS or OS parameters change.
import { OpPrereqError } from "../../errors";
import type { Node, Params } from "../../objects/types";
import type { OsDefinition } from "../../rpc/node-rpc";
import type { OpContext } from "../definition";

export async function checkNodeHasOs(ctx: OpContext, node: Node, os: string, forceVariant: boolean): Promise<OsDefinition> {
  let available: OsDefinition[];
  try {
    available = await ctx.rpc.node(node.uuid).osDiagnose();
  } catch (error) {
    throw new OpPrereqError(`Can't get the OS list of node ${node.name}: ${(error as Error).message}`, "environment_error");
  }
  const [base, variant] = splitOsName(os);
  const definition = available.find((d) => d.name === base && d.valid);
  if (!definition) {
    throw new OpPrereqError(
      `OS '${os}' not in supported OS list for node ${node.name} (available: ${available.map((d) => d.name).join(", ")})`,
      "wrong_input",
    );
  }
  if (!forceVariant) checkVariant(definition, variant);
  return definition;
}

function checkVariant(definition: OsDefinition, variant: string | undefined): void {
  if (!definition.variants.length) {
    if (variant) throw new OpPrereqError(`OS '${definition.name}' doesn't support variants ('${variant}' passed)`, "wrong_input");
    return;
  }
  if (!variant) throw new OpPrereqError("OS name must include a variant", "wrong_input");
  if (!definition.variants.includes(variant)) throw new OpPrereqError("Unsupported OS variant", "wrong_input");
}

/** Refuses parameters the OS does not declare (Ganeti's OS validation on the node). */
export function checkOsParams(definition: OsDefinition, params: Params): void {
  const known = new Set(definition.parameters.map(([name]) => name));
  const unknown = Object.keys(params).filter((key) => !known.has(key));
  if (unknown.length) {
    throw new OpPrereqError(`The following parameters are not supported by the OS ${definition.name}: ${unknown.join(", ")}`, "wrong_input");
  }
}

export function splitOsName(os: string): [string, string | undefined] {
  const plus = os.indexOf("+");
  return plus === -1 ? [os, undefined] : [os.slice(0, plus), os.slice(plus + 1)];
}
