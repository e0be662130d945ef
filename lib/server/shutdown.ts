// Ctrl-C or SIGTERM: stop accepting work, let the given steps finish, exit 0. A second signal exits at once.
export function onShutdownSignal(stop: () => Promise<void>, log: (line: string) => void = console.log): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`gantry: ${signal} again, exiting now.`);
      process.exit(130);
    }
    stopping = true;
    log(`gantry: ${signal} received, shutting down.`);
    stop()
      .then(() => {
        log("gantry: stopped.");
        process.exit(0);
      })
      .catch((error) => {
        console.error("gantry: error while shutting down:", error);
        process.exit(1);
      });
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
