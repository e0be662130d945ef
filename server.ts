// Gantry's one server process: checks and prepares everything (lib/server/startup.ts), then serves Next.js and, on
// the same port, WebSocket upgrades: the console proxy's (/console/ws) and Next's own. `npm start` runs it in
// production mode.
import http from "node:http";
import next from "next";
import { isAppError } from "@/lib/errors/app-error";
import { stampClientAddress } from "@/lib/server/client-address";
import { prepareServer, type StartupReport } from "@/lib/server/startup";
import { announceStartup } from "@/lib/server/announce";
import { onShutdownSignal } from "@/lib/server/shutdown";
import { bringUpEmbeddedCluster } from "@/lib/server/embedded-startup";
import { startServerCacheSync } from "@/lib/server/cache-sync-startup";
import { startConsoleProxy } from "@/lib/server/console-startup";
import { startServerMailDelivery } from "@/lib/server/mail-startup";

const dev = process.env.GANTRY_DEV === "1";
if (!dev) (process.env as Record<string, string>).NODE_ENV = "production";

async function main() {
  let report: StartupReport;
  try {
    report = await prepareServer(process.env);
  } catch (error) {
    if (!isAppError(error)) throw error;
    console.error(`gantry: ${error.message}`);
    process.exit(1);
  }
  const { config } = report;
  const embedded = await bringUpEmbeddedCluster(config, process.env, (line) => console.log(line));
  const cacheSync = startServerCacheSync(config, (line) => console.log(`gantry: ${line}`));
  const mailDelivery = startServerMailDelivery(config, (line) => console.log(`gantry: ${line}`));
  // Mail first, masterd last: the sync still talks to masterd's RAPI while it finishes.
  const stopBackground = async () => {
    await mailDelivery?.stop();
    await cacheSync?.stop();
    await embedded?.stop();
  };

  const app = next({ dev, dir: process.cwd(), hostname: config.host, port: config.port });
  try {
    await app.prepare();
  } catch (error) {
    // The masterd this start brought up must not outlive a server that never served (e.g. no production build).
    await stopBackground();
    throw error;
  }
  const handle = app.getRequestHandler();
  const handleUpgrade = app.getUpgradeHandler();
  const consoleProxy = startConsoleProxy(config, process.env);

  const server = http.createServer((req, res) => {
    stampClientAddress(req, config.trustProxy);
    void handle(req, res);
  });
  server.on("upgrade", (req, socket, head) => {
    if (consoleProxy.handles(req)) {
      stampClientAddress(req, config.trustProxy);
      consoleProxy.handleUpgrade(req, socket, head);
      return;
    }
    void handleUpgrade(req, socket, head); // Next's own (the dev server's hot reload)
  });

  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    await app.close();
    await stopBackground();
    throw error;
  }
  announceStartup(report, dev);

  onShutdownSignal(async () => {
    consoleProxy.closeAll(1001, "Gantry is restarting; open the console again in a moment.");
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 2_000).unref();
    });
    await app.close();
    await stopBackground();
  });
}

/** The server cannot listen: said in one line, no stack. */
class ListenError extends Error {}

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const what =
        error.code === "EADDRINUSE" ? `port ${port} is already in use; stop the other process or set PORT to a free port`
        : error.code === "EACCES" ? `port ${port} needs privileges; set PORT to 1024 or above`
        : error.code === "EADDRNOTAVAIL" ? `HOST ${host} is not an address of this machine; set HOST (default 0.0.0.0)`
        : `cannot listen on ${host}:${port} (${error.message})`;
      reject(new ListenError(`gantry: ${what}.`));
    });
    server.listen(port, host, () => resolve());
  });
}

main().catch((error) => {
  if (error instanceof ListenError) console.error(error.message);
  else console.error("gantry: start-up failed unexpectedly:", error);
  process.exit(1);
});
