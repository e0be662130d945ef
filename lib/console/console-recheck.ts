// Checks every open console's user again every few seconds — the session lasts, the account is active, the console
// permission is still held — in one batch for all of them (consoleLosses: a fixed handful of queries, not a check per
// console: 200 consoles checked one by one cost a tenth of a CPU core). Its timer runs only while consoles are open.
import type { Db } from "@/lib/db/client";
import { consoleLosses } from "@/lib/manager/console/console-loss";
import type { ConsoleSessionRegistry } from "./session-registry";

export type ConsoleRecheck = {
  /** A console opened: make sure the checks run. */
  wake(): void;
  /** One pass now (the timer's pass; tests). */
  pass(): Promise<void>;
};

export function createConsoleRecheck(deps: { db: Db; registry: ConsoleSessionRegistry; seconds: number }): ConsoleRecheck {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  async function check(): Promise<void> {
    const entries = deps.registry.all();
    if (!entries.length) {
      if (timer) clearInterval(timer);
      timer = null;
      return;
    }
    const losses = await consoleLosses(deps.db, entries.map((entry) => entry.hold));
    entries.forEach((entry, i) => {
      const loss = losses[i];
      if (loss) entry.lose(loss);
    });
  }

  const pass = (): Promise<void> =>
    (running ??= check()
      .catch((error: unknown) => console.error("console: could not check open consoles' permissions again:", error))
      .finally(() => (running = null)));

  return {
    wake() {
      if (timer) return;
      timer = setInterval(() => void pass(), deps.seconds * 1000);
      timer.unref();
    },
    pass,
  };
}
