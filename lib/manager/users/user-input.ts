// The fields an admin enters for a user account, checked before anything is written.
import { z } from "zod";
import { passwordProblem } from "@/lib/manager/auth/password";

export const userFields = {
  // Stored lower-cased: sign-in lower-cases what is typed, and the owner tag on VMs carries the e-mail.
  email: z.string().trim().toLowerCase().max(254, "E-mail: at most 254 characters.").pipe(z.email("E-mail: enter an address like ada@example.org.")),
  name: z.string().trim().min(1, "Name: enter the person's name.").max(200, "Name: at most 200 characters."),
  password: z.string().superRefine((password, ctx) => {
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: "custom", message: `Password: ${problem}` });
  }),
  isAdmin: z.boolean({ error: "isAdmin: true or false." }),
  isActive: z.boolean({ error: "isActive: true or false." }),
};

/** A list of users or groups named by id (or e-mail / name): each at most once, at most 10,000. */
export const referenceList = (what: string) =>
  z
    .array(z.string().trim().min(1, `${what}: an empty entry; remove it.`).max(254), { error: `${what}: a list, e.g. [] for none.` })
    .max(10_000, `${what}: at most 10,000.`)
    .transform((items) => [...new Set(items)]);
