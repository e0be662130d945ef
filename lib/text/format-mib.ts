// Sizes as the cluster counts them (MiB), shown in GiB from 1 GiB up — the same words in pages and in e-mails.
export function formatMiB(mib: number): string {
  if (Math.abs(mib) < 1024) return `${mib} MiB`;
  const gib = mib / 1024;
  return `${Number.isInteger(gib) ? gib : gib.toFixed(1)} GiB`;
}
