// Test support: compares the shape of two JSON values field by field — the same keys (and, where asked, in the same
// order), the same JSON type for each value, recursively — and lists every difference as "path: what". Values are not
// compared (they depend on the cluster: uuids, times, memory); list lengths are not either. Paths use [*] for list
// elements so that known differences can be named once for every element.
export type ShapeOptions = {
  /** Paths (as reported) whose object keys must also come in the same order. */
  ordered?: (path: string) => boolean;
  /** Paths whose value is only checked to be of the same JSON type (contents belong to someone else). */
  opaque?: (path: string) => boolean;
};

const kind = (v: unknown) => (v === null || v === undefined ? "null" : Array.isArray(v) ? "list" : typeof v === "object" ? "object" : typeof v);

export function shapeDiff(expected: unknown, actual: unknown, path = "$", options: ShapeOptions = {}, out: string[] = []): string[] {
  const [ke, ka] = [kind(expected), kind(actual)];
  if (ke !== ka) {
    out.push(`${path}: ${ka} instead of ${ke}`);
    return out;
  }
  if (options.opaque?.(path)) return out;
  if (ke === "list") {
    const [e, a] = [expected as unknown[], actual as unknown[]];
    if (!e.length || !a.length) return out;
    a.forEach((item, i) => shapeDiff(e[Math.min(i, e.length - 1)], item, `${path}[*]`, options, out));
    return out;
  }
  if (ke === "object") {
    const [e, a] = [expected as Record<string, unknown>, actual as Record<string, unknown>];
    for (const key of Object.keys(e)) if (!(key in a)) out.push(`${path}.${key}: missing`);
    for (const key of Object.keys(a)) if (!(key in e)) out.push(`${path}.${key}: extra`);
    if (options.ordered?.(path)) {
      const common = Object.keys(e).filter((k) => k in a);
      const actualOrder = Object.keys(a).filter((k) => k in e);
      if (common.join(",") !== actualOrder.join(",")) out.push(`${path}: keys in another order (${actualOrder.join(",")})`);
    }
    for (const key of Object.keys(e)) if (key in a) shapeDiff(e[key], a[key], `${path}.${key}`, options, out);
  }
  return dedupe(out);
}

function dedupe(list: string[]): string[] {
  const unique = [...new Set(list)];
  list.length = 0;
  list.push(...unique);
  return list;
}

/** A documented difference: the paths it covers and why it is there. */
export type KnownDifference = { path: RegExp; why: string };

/** The differences no known one explains. */
export function unexplained(diffs: string[], known: KnownDifference[]): string[] {
  return diffs.filter((d) => !known.some((k) => k.path.test(d)));
}
