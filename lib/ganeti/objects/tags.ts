// Tag rules (Ganeti's ValidateTagName): up to 128 characters of letters, digits and . + * / : @ _ -; 4096 per object.
import { TagError } from "../errors";

const TAG_RE = /^[\w.+*/:@-]+$/;
export const MAX_TAG_LENGTH = 128;
export const MAX_TAGS_PER_OBJECT = 4096;

export function validateTag(tag: string): void {
  if (tag.length > MAX_TAG_LENGTH) throw new TagError(`Tag too long (>${MAX_TAG_LENGTH} characters)`);
  if (!tag) throw new TagError("Tags cannot be empty");
  if (!TAG_RE.test(tag)) throw new TagError(`Tag contains invalid characters: '${tag}'`);
}

export function addTags(existing: string[], added: string[]): string[] {
  added.forEach(validateTag);
  const result = [...new Set([...existing, ...added])];
  if (result.length > MAX_TAGS_PER_OBJECT) throw new TagError(`Too many tags (more than ${MAX_TAGS_PER_OBJECT})`);
  return result;
}
