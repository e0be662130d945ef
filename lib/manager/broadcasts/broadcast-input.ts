// What an admin sends to VM owners: which VMs (all of a cluster's, a node's — primary or secondary —, or chosen ones),
// a subject and a text. The scope alone is enough for a preview.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/manager/clusters/cluster-input";

const scopeFields = {
  cluster: z.string({ message: "Cluster: its short name." }).trim().min(1, "Cluster: its short name."),
  node: z.string().trim().min(1, "Node: its name, or leave it out for all the cluster's VMs.").max(255).optional(),
  instances: z
    .array(z.string().trim().min(1).max(255), { message: "VMs: a list of VM names." })
    .min(1, "VMs: choose at least one VM, or leave the list out for all the cluster's VMs.")
    .max(5000, "VMs: at most 5,000 at once; notify a whole node or cluster instead.")
    .optional(),
};

const message = {
  // One line: it becomes a header.
  subject: z.string({ message: "Subject: a line saying what it is about." }).trim().min(1, "Subject: a line saying what it is about.").max(200, "Subject: at most 200 characters.").regex(/^[^\r\n]*$/, "Subject: one line."),
  text: z.string({ message: "Text: the notice itself." }).trim().min(1, "Text: the notice itself.").max(20_000, "Text: at most 20,000 characters."),
};

const previewSchema = z.object({ ...scopeFields, subject: z.string().optional(), text: z.string().optional() }).strict();
const sendSchema = z.object({ ...scopeFields, ...message }).strict();

export type BroadcastScope = { cluster: string; node?: string; instances?: string[] };
export type BroadcastInput = BroadcastScope & { subject: string; text: string };

function oneScope<T extends BroadcastScope>(input: T): T {
  if (input.node && input.instances) throw new AppError("wrong_input", "Scope: a node or a list of VMs, not both.");
  return input.instances ? { ...input, instances: [...new Set(input.instances)] } : input;
}

/** The scope of a preview (a subject and text, if sent along, are not looked at). */
export const parseScope = (input: unknown): BroadcastScope => {
  const { subject: _s, text: _t, ...scope } = parseInput(previewSchema, input);
  return oneScope(scope);
};

export const parseBroadcast = (input: unknown): BroadcastInput => oneScope(parseInput(sendSchema, input));
