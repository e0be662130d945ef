// Sizes as the cluster counts them (MiB), shown in GiB from 1 GiB up.
export function formatMiB(mib: number): string {
  if (Math.abs(mib) < 1024) return `${mib} MiB`;
  const gib = mib / 1024;
  return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
}

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
