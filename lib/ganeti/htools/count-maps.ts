// Multisets kept as Map<key, count>, the way Ganeti's htools keep a node's primary tags and its N+1 peer memory:
// replaced, never changed in place, so the records that hold them stay immutable.

export function addTags<K>(map: Map<K, number>, keys: Iterable<K>): Map<K, number> {
  const out = new Map(map);
  for (const k of keys) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

export function delTags<K>(map: Map<K, number>, keys: Iterable<K>): Map<K, number> {
  const out = new Map(map);
  for (const k of keys) {
    const v = out.get(k);
    if (v === undefined) continue;
    if (v > 1) out.set(k, v - 1);
    else out.delete(k);
  }
  return out;
}

/** The sum of the counts. */
export function countTotal<K>(map: ReadonlyMap<K, number>): number {
  let s = 0;
  for (const v of map.values()) s += v;
  return s;
}

/** The largest count (0 for an empty map). */
export function countMax<K>(map: ReadonlyMap<K, number>): number {
  let m = 0;
  for (const v of map.values()) if (v > m) m = v;
  return m;
}

/** Σ(count − 1): how many entries repeat a key already there (conflicting primaries of exclusion tags). */
export const countRepeats = <K>(map: ReadonlyMap<K, number>): number => countTotal(map) - map.size;
