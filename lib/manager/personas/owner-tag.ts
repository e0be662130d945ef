// Ownership mirrored to the cluster as a tag, so that it survives the loss of the database: the user's e-mail or the
// group's name (ids would be lost with the database; e-mails and group names are what an admin re-creates).
// Ganeti allows tags of letters, digits and . + * / : @ _ - up to 128 characters; e-mails and group names fit.
export const OWNER_TAG_PREFIX = "gantry:owner:";

export type OwnerTag = { kind: "user"; email: string } | { kind: "group"; name: string };

export const ownerTagText = (owner: OwnerTag): string =>
  owner.kind === "user" ? `${OWNER_TAG_PREFIX}user:${owner.email.toLowerCase()}` : `${OWNER_TAG_PREFIX}group:${owner.name}`;

/** The owner named by an instance's tags, or null (none, or a malformed one). The first well-formed tag counts. */
export function ownerFromTags(tags: readonly unknown[]): OwnerTag | null {
  for (const tag of tags) {
    if (typeof tag !== "string" || !tag.startsWith(OWNER_TAG_PREFIX)) continue;
    const rest = tag.slice(OWNER_TAG_PREFIX.length);
    if (rest.startsWith("user:") && rest.length > 5) return { kind: "user", email: rest.slice(5) };
    if (rest.startsWith("group:") && rest.length > 6) return { kind: "group", name: rest.slice(6) };
  }
  return null;
}

export const ownerTagsIn = (tags: readonly unknown[]): string[] => tags.filter((t): t is string => typeof t === "string" && t.startsWith(OWNER_TAG_PREFIX));
