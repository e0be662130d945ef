// A new VM's OS parameters and hypervisor parameters as the create request carries them: names as Ganeti writes
// them, values as text (OS parameters) or text and yes/no (hypervisor parameters). Which hypervisor parameters a user
// may set, and their values, is hvparam-allow-list.ts's to say.
import { z } from "zod";

export const MAX_PARAMS = 32;
const MAX_VALUE = 1024;
const OS_PARAM_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const HV_PARAM_NAME = /^[a-z0-9_]{1,64}$/;

const record = (what: string) => z.record(z.string(), z.unknown(), { message: `${what}: an object of names and values, e.g. {"name": "value"}.` });

export const osParams = record("OS parameters").transform((params, ctx) => {
  const entries = Object.entries(params);
  if (entries.length > MAX_PARAMS) ctx.addIssue({ code: "custom", path: [], message: `OS parameters: at most ${MAX_PARAMS}.` });
  for (const [key, value] of entries) {
    const say = (message: string) => ctx.addIssue({ code: "custom", path: [key], message });
    if (!OS_PARAM_NAME.test(key)) say(`OS parameter '${key}': a name of letters, digits, '_' and '-' (at most 64), as the OS declares it.`);
    else if (typeof value !== "string") say(`OS parameter ${key}: the value must be text.`);
    else if (value.length > MAX_VALUE) say(`OS parameter ${key}: at most ${MAX_VALUE} characters.`);
  }
  return params as Record<string, string>;
});

export const hvParams = record("Hypervisor parameters").transform((params, ctx) => {
  const entries = Object.entries(params);
  if (entries.length > MAX_PARAMS) ctx.addIssue({ code: "custom", path: [], message: `Hypervisor parameters: at most ${MAX_PARAMS}.` });
  for (const [key, value] of entries) {
    const say = (message: string) => ctx.addIssue({ code: "custom", path: [key], message });
    if (!HV_PARAM_NAME.test(key)) say(`Hypervisor parameter '${key}': a name of lower-case letters, digits and '_', e.g. boot_order.`);
    else if (typeof value !== "string" && typeof value !== "boolean") say(`Hypervisor parameter ${key}: the value must be text, true or false.`);
    else if (typeof value === "string" && value.length > MAX_VALUE) say(`Hypervisor parameter ${key}: at most ${MAX_VALUE} characters.`);
  }
  return params as Record<string, string | boolean>;
});
