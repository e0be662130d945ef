// The fields an admin enters for a group. The name appears in the Ganeti tag gantry:owner:group:<name> on the VMs the
// group owns (lib/manager/personas/owner-tag.ts), hence the narrow alphabet: Ganeti tags allow no spaces.
import { z } from "zod";

export const groupFields = {
  name: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, "Name: 1–64 letters, digits, '.', '_' or '-' (it appears in the VMs' Ganeti tags, which allow no spaces)."),
  description: z.string().trim().max(2000, "Description: at most 2,000 characters."),
};
