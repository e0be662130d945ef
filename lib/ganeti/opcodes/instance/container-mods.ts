// Ganeti's rules for finding the disk or NIC a modification means (GetItemFromContainer and the add position of
// _ApplyContainerMods). Modifications apply in order, each to the list as the previous ones left it.
import { OpPrereqError } from "../../errors";

export type Identified = { uuid: string | null; name: string | null };

const asIndex = (id: number | string): number | null => (typeof id === "number" ? id : /^-?\d+$/.test(id) ? Number(id) : null);

/** Where an add goes: -1 appends, otherwise 0..length. */
export function addPosition(kind: string, id: number | string, length: number): number {
  const index = asIndex(id);
  if (index === null) throw new OpPrereqError(`Only positive integer or -1 is accepted as identifier for add`, "wrong_input");
  if (index === -1) return length;
  if (index < 0) throw new OpPrereqError(`Not accepting negative indices other than -1 (${kind} ${index})`, "wrong_input");
  if (index > length) throw new OpPrereqError(`Got ${kind} index ${index}, but there are only ${length}`, "wrong_input");
  return index;
}

/** The position of the item an identifier names: an index (-1 for the last), a UUID or a name. */
export function findPosition(kind: string, id: number | string, items: Identified[]): number {
  const index = asIndex(id);
  if (index !== null) {
    if (index === -1 && items.length) return items.length - 1;
    if (index < 0) throw new OpPrereqError(`Not accepting negative indices other than -1 (${kind} ${index})`, "wrong_input");
    if (index >= items.length) throw new OpPrereqError(`Got ${kind} index ${index}, but there are only ${items.length}`, "wrong_input");
    return index;
  }
  const position = items.findIndex((item) => item.uuid === id || (item.name !== null && item.name === id));
  if (position === -1) throw new OpPrereqError(`Cannot find ${kind} with identifier ${id}`, "unknown_entity");
  return position;
}

/** Ganeti's ValidateDeviceNames: names are optional, unique and not purely numeric. */
export function validateDeviceNames(kind: string, items: Identified[]): void {
  const seen = new Set<string>();
  for (const { name } of items) {
    if (name === null || name.toLowerCase() === "none") continue;
    if (/^-?\d+$/.test(name)) throw new OpPrereqError(`Invalid name '${name}'. Purely numeric ${kind} names are not allowed.`, "wrong_input");
    if (seen.has(name)) throw new OpPrereqError(`${kind} name '${name}' already used`, "resource_not_unique");
    seen.add(name);
  }
}

/** "none" (any case) or an empty value clears a name, as in Ganeti. */
export function nameValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  return text === "" || text.toLowerCase() === "none" ? null : text;
}
