// Ganeti-style locks: named locks at ordered levels, shared or exclusive, granted in priority then arrival order.
// Every job takes its locks in the global order (level, then name), so jobs never deadlock; jobs whose locks do not
// conflict run in parallel.
export const LOCK_LEVELS = ["cluster", "instance", "node_alloc", "nodegroup", "node", "network"] as const;
export type LockLevel = (typeof LOCK_LEVELS)[number];
export type LockMode = "shared" | "exclusive";
export type LockSpec = { level: LockLevel; name: string; mode: LockMode };

/** The name of the lock that stands for "the whole set" of a level: adding or removing members takes it exclusively. */
export const SET_LOCK = "[set]";
/** Ganeti's Big Ganeti Lock. */
export const BGL: Omit<LockSpec, "mode"> = { level: "cluster", name: "BGL" };

type Waiter = {
  owner: string;
  mode: LockMode;
  priority: number;
  seq: number;
  resolve: () => void;
  reject: (error: unknown) => void;
};

type Lock = { holders: Map<string, LockMode>; queue: Waiter[] };

export class LockCancelled extends Error {
  constructor() {
    super("lock acquisition cancelled");
  }
}

const rank = (spec: Pick<LockSpec, "level" | "name">) => LOCK_LEVELS.indexOf(spec.level);
const keyOf = (spec: Pick<LockSpec, "level" | "name">) => `${spec.level}/${spec.name}`;

export function compareLocks(a: Pick<LockSpec, "level" | "name">, b: Pick<LockSpec, "level" | "name">): number {
  return rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

export class LockManager {
  private readonly locks = new Map<string, Lock>();
  private seq = 0;

  /**
   * Acquires every lock in `specs` for `owner`, in the global order. A lock the owner already holds in the same or a
   * stronger mode is skipped. Rejects with LockCancelled (releasing what it took) when `signal` aborts.
   */
  async acquire(owner: string, specs: LockSpec[], options: { priority?: number; signal?: AbortSignal } = {}): Promise<void> {
    const ordered = dedupe(specs).sort(compareLocks);
    const highestHeld = this.highestHeld(owner);
    if (highestHeld && ordered.length && compareLocks(ordered[0]!, highestHeld) < 0) {
      throw new Error(`lock order violation: ${owner} holds ${keyOf(highestHeld)} and asks for ${keyOf(ordered[0]!)}`);
    }
    const taken: LockSpec[] = [];
    try {
      for (const spec of ordered) {
        const lock = this.lock(spec);
        const held = lock.holders.get(owner);
        if (held === "exclusive" || held === spec.mode) continue;
        if (held) throw new Error(`${owner} cannot upgrade ${keyOf(spec)} from shared to exclusive`);
        await this.wait(lock, owner, spec.mode, options.priority ?? 0, options.signal);
        taken.push(spec);
      }
    } catch (error) {
      for (const spec of taken) this.releaseOne(owner, spec);
      throw error;
    }
  }

  /** Releases the given locks of `owner`, or all of them. */
  release(owner: string, specs?: Array<Pick<LockSpec, "level" | "name">>): void {
    if (specs) {
      for (const spec of specs) this.releaseOne(owner, spec);
      return;
    }
    for (const [key, lock] of this.locks) {
      if (lock.holders.delete(owner)) this.grant(key, lock);
    }
  }

  /** Locks and who holds or waits for them (gnt-debug locks, /2/query/lock). */
  describe(): Array<{ name: string; mode: LockMode | null; owners: string[]; pending: Array<[LockMode, string[]]> }> {
    const rows = [];
    for (const [name, lock] of [...this.locks].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const modes = new Set(lock.holders.values());
      rows.push({
        name,
        mode: modes.size ? ([...modes][0] as LockMode) : null,
        owners: [...lock.holders.keys()],
        pending: lock.queue.map((w): [LockMode, string[]] => [w.mode, [w.owner]]),
      });
    }
    return rows;
  }

  heldBy(owner: string): LockSpec[] {
    const held: LockSpec[] = [];
    for (const [key, lock] of this.locks) {
      const mode = lock.holders.get(owner);
      if (!mode) continue;
      const [level, ...rest] = key.split("/");
      held.push({ level: level as LockLevel, name: rest.join("/"), mode });
    }
    return held.sort(compareLocks);
  }

  private highestHeld(owner: string): LockSpec | undefined {
    return this.heldBy(owner).at(-1);
  }

  private lock(spec: Pick<LockSpec, "level" | "name">): Lock {
    const key = keyOf(spec);
    let lock = this.locks.get(key);
    if (!lock) {
      lock = { holders: new Map(), queue: [] };
      this.locks.set(key, lock);
    }
    return lock;
  }

  private wait(lock: Lock, owner: string, mode: LockMode, priority: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new LockCancelled());
    if (lock.queue.length === 0 && compatible(lock, mode)) {
      lock.holders.set(owner, mode);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { owner, mode, priority, seq: this.seq++, resolve, reject };
      const at = lock.queue.findIndex((w) => w.priority > priority);
      if (at === -1) lock.queue.push(waiter);
      else lock.queue.splice(at, 0, waiter);
      signal?.addEventListener(
        "abort",
        () => {
          const index = lock.queue.indexOf(waiter);
          if (index === -1) return;
          lock.queue.splice(index, 1);
          reject(new LockCancelled());
          this.grant("", lock);
        },
        { once: true },
      );
    });
  }

  private releaseOne(owner: string, spec: Pick<LockSpec, "level" | "name">): void {
    const key = keyOf(spec);
    const lock = this.locks.get(key);
    if (lock?.holders.delete(owner)) this.grant(key, lock);
  }

  private grant(key: string, lock: Lock): void {
    while (lock.queue.length && compatible(lock, lock.queue[0]!.mode)) {
      const waiter = lock.queue.shift()!;
      lock.holders.set(waiter.owner, waiter.mode);
      waiter.resolve();
      if (waiter.mode === "exclusive") break;
    }
    if (key && lock.holders.size === 0 && lock.queue.length === 0) this.locks.delete(key);
  }
}

function compatible(lock: Lock, mode: LockMode): boolean {
  if (lock.holders.size === 0) return true;
  return mode === "shared" && [...lock.holders.values()].every((m) => m === "shared");
}

/** One spec per lock, keeping the strongest mode asked for. */
function dedupe(specs: LockSpec[]): LockSpec[] {
  const byKey = new Map<string, LockSpec>();
  for (const spec of specs) {
    const existing = byKey.get(keyOf(spec));
    if (!existing || spec.mode === "exclusive") byKey.set(keyOf(spec), { ...spec });
  }
  return [...byKey.values()];
}
