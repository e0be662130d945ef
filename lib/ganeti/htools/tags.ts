// htools' configuration through cluster tags (Ganeti's HTools/Tags.hs and Tags/Constants.hs).
export const EXCLUSION_TAGS_PREFIX = "htools:iextags:";
export const MIGRATION_PREFIX = "htools:migration:";
export const ALLOW_MIGRATION_PREFIX = "htools:allowmigration:";
export const LOCATION_PREFIX = "htools:nlocation:";
export const DESIRED_LOCATION_PREFIX = "htools:desiredlocation:";

const stripPrefix = (prefix: string, s: string): string | null => (s.startsWith(prefix) ? s.slice(prefix.length) : null);

/** Cluster tags `prefix<p>` select the node tags that start with `<p>:`. */
function getTags(prefix: string, clusterTags: readonly string[], nodeTags: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const ct of clusterTags) {
    const p = stripPrefix(prefix, ct);
    if (p === null) continue;
    for (const nt of nodeTags) if (nt.startsWith(`${p}:`)) out.add(nt);
  }
  return out;
}

/** Instance-tag prefixes that are exclusion tags, from `htools:iextags:<prefix>` cluster tags. */
export const extractExclusionTags = (clusterTags: readonly string[]): string[] =>
  clusterTags.map((t) => stripPrefix(EXCLUSION_TAGS_PREFIX, t)).filter((t): t is string => t !== null && t !== "");

export const extractDesiredLocations = (clusterTags: readonly string[]): string[] =>
  clusterTags.map((t) => stripPrefix(DESIRED_LOCATION_PREFIX, t)).filter((t): t is string => t !== null && t !== "");

export const getLocations = (clusterTags: readonly string[], nodeTags: readonly string[]) => getTags(LOCATION_PREFIX, clusterTags, nodeTags);
export const getMigRestrictions = (clusterTags: readonly string[], nodeTags: readonly string[]) => getTags(MIGRATION_PREFIX, clusterTags, nodeTags);

/** `htools:allowmigration:<src>::<dst>` pairs (a node tagged dst may receive as if tagged src). */
function allowedMigrations(clusterTags: readonly string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const t of clusterTags) {
    const rest = stripPrefix(ALLOW_MIGRATION_PREFIX, t);
    if (rest === null) continue;
    const at = rest.indexOf("::");
    if (at < 0) continue;
    const src = rest.slice(0, at);
    const dst = rest.slice(at + 2);
    if (dst.includes("::")) continue;
    out.push([src, dst]);
  }
  return out;
}

/** The migration tags a node can receive: its own, plus those an allowmigration tag maps onto them. */
export function getRecvMigRestrictions(clusterTags: readonly string[], nodeTags: readonly string[]): Set<string> {
  const migs = allowedMigrations(clusterTags);
  const out = new Set<string>();
  for (const tag of getMigRestrictions(clusterTags, nodeTags)) {
    out.add(tag);
    for (const [src, dst] of migs) if (dst === tag) out.add(src);
  }
  return out;
}
