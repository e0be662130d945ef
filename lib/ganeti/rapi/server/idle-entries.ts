// A map whose entries go away when nobody used them for a while (masterd gives the memory of kept answers back when
// idle), and the oldest when there are too many.
export class IdleEntries<V> {
  private readonly entries = new Map<string, { value: V; timer: NodeJS.Timeout }>();

  constructor(
    private readonly idleMs: number,
    private readonly max = Infinity,
  ) {}

  /** The entry, now counted as used. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry) this.set(key, entry.value);
    return entry?.value;
  }

  set(key: string, value: V): void {
    this.delete(key);
    const timer = setTimeout(() => this.entries.delete(key), this.idleMs);
    timer.unref();
    this.entries.set(key, { value, timer });
    // A Map iterates in insertion order and set() re-inserts: the first key is the least recently used.
    if (this.entries.size > this.max) this.delete(this.entries.keys().next().value!);
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.entries.delete(key);
  }
}
