// Failed RAPI logins per client address (Ganeti has no such limit): after `maxFailures` failures within `lockMs`, the
// address is refused (429 with Retry-After) until `lockMs` after its last failure. A successful login clears the count.
export type LoginLimiterOptions = { maxFailures: number; lockMs: number; now?: () => number };

type Entry = { failures: number[]; lockedUntil: number };

export class LoginLimiter {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: LoginLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Seconds until the address may try again, or 0 when it may try now. */
  retryAfter(address: string): number {
    const entry = this.entries.get(address);
    if (!entry) return 0;
    const left = entry.lockedUntil - this.now();
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  failed(address: string): void {
    const now = this.now();
    const entry = this.entries.get(address) ?? { failures: [], lockedUntil: 0 };
    entry.failures = entry.failures.filter((t) => t > now - this.options.lockMs);
    entry.failures.push(now);
    if (entry.failures.length >= this.options.maxFailures) entry.lockedUntil = now + this.options.lockMs;
    this.entries.set(address, entry);
    if (this.entries.size > 10_000) this.prune(now);
  }

  succeeded(address: string): void {
    this.entries.delete(address);
  }

  private prune(now: number): void {
    for (const [address, entry] of this.entries) {
      if (entry.lockedUntil <= now && entry.failures.every((t) => t <= now - this.options.lockMs)) this.entries.delete(address);
    }
  }
}
