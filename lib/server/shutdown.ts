// Ctrl-C or SIGTERM: stop accepting work, let the given steps finish, exit 0. A second signal exits at once — unless
// it comes within a second of the first: under `npm start` one Ctrl-C (or a SIGTERM to the process group) arrives
// twice, from the terminal and forwarded by npm, and must not cut the shutdown short (it stops masterd too).
const ECHO_MS = 1000;

export function onShutdownSignal(stop: () => Promise<void>, log: (line: string) => void = console.log): void {
  let stopping = false;
  let firstAt = 0;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      if (Date.now() - firstAt < ECHO_MS) return;
      log(`gantry: ${signal} again, exiting now.`);
      process.exit(130);
    }
    stopping = true;
    firstAt = Date.now();
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
