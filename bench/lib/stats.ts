// Summaries and the output format every benchmark shares: median and p95 lines for people, then one JSON line per
// figure for machines ({"bench","metric","value","unit","peer","peer_value"}; peer fields only when the peer ran).

export function median(values: number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100): with 30 samples, p95 is the 29th smallest. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

export type Figure = { metric: string; value: number; unit: string; peer?: string; peerValue?: number };

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function jsonLine(bench: string, figure: Figure): string {
  const line: Record<string, unknown> = { bench, metric: figure.metric, value: round(figure.value), unit: figure.unit };
  if (figure.peer !== undefined && figure.peerValue !== undefined && Number.isFinite(figure.peerValue)) {
    line.peer = figure.peer;
    line.peer_value = round(figure.peerValue);
  }
  return JSON.stringify(line);
}

export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}
