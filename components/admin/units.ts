// Sizes and limits in admin forms.
export { formatMiB } from "@/lib/text/format-mib";

export const formatCount = (n: number) => String(n);

/**
 * A limit typed in a field: empty is null (unlimited), a number is sent as one; anything else is sent as typed so that
 * the API's message says what to fix (NaN would travel as null, i.e. unlimited).
 */
export function parseLimit(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
}

export const limitText = (n: number | null) => (n === null ? "" : String(n));
