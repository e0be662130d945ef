// An audit row as the API shows it: dates as ISO text, before and after as the JSON they were written as.
import type { AuditEntry } from "@/lib/generated/prisma/client";

export type AuditItem = Omit<AuditEntry, "at" | "before" | "after"> & { at: string; before: unknown; after: unknown };

const parsed = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text; // written by hand or by an older version: shown as it is
  }
};

export const auditItem = (entry: AuditEntry): AuditItem => ({ ...entry, at: entry.at.toISOString(), before: parsed(entry.before), after: parsed(entry.after) });
