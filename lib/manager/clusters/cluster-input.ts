// The fields an admin enters for a cluster, checked before anything is asked of the cluster.
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";

export const clusterSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Short name: 1–40 letters, digits or '-', starting with a letter or digit (it appears in URLs and tags).");

export const clusterFields = {
  slug: clusterSlug,
  rapiUrl: z.string().trim().min(1, "RAPI URL: enter the cluster's RAPI address, e.g. https://cluster.example.org:5080").max(2048),
  username: z.string().trim().max(256, "User name: at most 256 characters."),
  password: z.string().max(1024, "Password: at most 1,024 characters."),
  /** Ganeti's vnc-cluster-password, for the console proxy; VNC itself uses its first 8 characters. */
  vncPassword: z.string().max(1024, "VNC password: at most 1,024 characters."),
  fingerprint: z.string().trim().max(200),
  readOnly: z.boolean(),
  description: z.string().trim().max(2000, "Description: at most 2,000 characters."),
};

/** Parses with a schema; the first problem becomes wrong_input with its message (prefixed with the field's name). */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".");
  const message = issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}.` : issue.message;
  throw new AppError("wrong_input", field && !message.includes(":") ? `${field}: ${message}` : message);
}
