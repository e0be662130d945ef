// The end of a bench that started processes: stop Gantry's masterd and the Ganeti peer, each failure reported and
// neither skipped, also when the bench is interrupted (Ctrl-C, kill).

export function benchCleanup(stopGantry: () => Promise<unknown>, finishPeer: () => Promise<unknown>): () => Promise<void> {
  const cleanup = async (): Promise<void> => {
    await stopGantry().catch((e: Error) => console.error(`stopping masterd: ${e.message}`));
    await finishPeer().catch((e: Error) => console.error(`stopping the peer: ${e.message}`));
  };
  // Ctrl-C signals the whole process group and tsx relays it again: a second signal while cleaning up must not
  // take the default action (exit at once, leaving masterd, noded or the peer behind).
  let cleaning = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (cleaning) return;
      cleaning = true;
      console.error(`${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  return cleanup;
}
