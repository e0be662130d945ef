// The console sessions open in this server process: the per-user limit is counted here, and what ends sessions early
// (a revoked permission, a sign-out, a shutdown) finds them here. One registry per process, kept on globalThis because
// server.ts and Next's bundled route handlers load this module separately.
import type { ConsoleHold, ConsoleLoss } from "@/lib/manager/console/console-loss";

export type ConsoleSessionEntry = {
  id: string;
  userId: string;
  /** The sign-in session and the VM the console was opened for: what the periodic check looks at. */
  hold: ConsoleHold;
  openedAt: number;
  close(code: number, reason: string): void;
  /** Closes the console for what its user lost, saying so. */
  lose(loss: ConsoleLoss): void;
};

export class ConsoleSessionRegistry {
  private readonly sessions = new Map<string, ConsoleSessionEntry>();

  /** Adds the session unless its user already has `maxPerUser` open; false then. */
  tryAdd(entry: ConsoleSessionEntry, maxPerUser: number): boolean {
    if (this.countForUser(entry.userId) >= maxPerUser) return false;
    this.sessions.set(entry.id, entry);
    return true;
  }

  remove(id: string): void {
    this.sessions.delete(id);
  }

  countForUser(userId: string): number {
    let count = 0;
    for (const entry of this.sessions.values()) if (entry.userId === userId) count++;
    return count;
  }

  all(): ConsoleSessionEntry[] {
    return [...this.sessions.values()];
  }
}

const slot = Symbol.for("gantry.console.sessions");

export function consoleSessions(): ConsoleSessionRegistry {
  const g = globalThis as { [slot]?: ConsoleSessionRegistry };
  return (g[slot] ??= new ConsoleSessionRegistry());
}
