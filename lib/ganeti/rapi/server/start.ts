// Starts masterd's RAPI listener for its cluster: $GANTRY_STATE_DIR/rapi/ holds rapi.pem (made on first start), the
// users file and access.log. Returns the running server; listening errors (port in use) are thrown for masterd to
// report, which keeps serving the CLI without RAPI.
import fs from "node:fs";
import path from "node:path";
import type { Master } from "../../master/master";
import type { RapiSettings } from "../../master/settings";
import { AccessLogFile } from "./access-log";
import { inProcessBackend } from "./backend";
import { ensureCertificate } from "./certificate";
import { LoginLimiter } from "./login-limiter";
import { RapiServer, type RapiServerOptions } from "./server";
import { UsersFile } from "./users";

export type StartedRapi = { server: RapiServer; url: string; dir: string; certificateCreated: boolean };

export async function startRapi(
  master: Master,
  settings: RapiSettings,
  stateDir: string,
  log: (message: string) => void,
  tuning: Pick<RapiServerOptions, "waitTimeoutSeconds" | "maxBodyBytes"> = {},
): Promise<StartedRapi> {
  const dir = path.join(stateDir, "rapi");
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tls = settings.tls ? ensureCertificate(dir, [master.config.cluster.cluster_name, master.config.masterNode().name]) : null;
  const server = new RapiServer({
    backend: inProcessBackend(master),
    users: new UsersFile(path.join(dir, "users"), (message) => log(`rapi: ${message}`)),
    requireAuth: settings.requireAuth,
    limiter: new LoginLimiter({ maxFailures: settings.loginFailures, lockMs: settings.loginLockSeconds * 1000 }),
    accessLog: new AccessLogFile(path.join(dir, "access.log")),
    tls,
    logError: log,
    ...tuning,
  });
  let address;
  try {
    address = await server.listen(settings.port, settings.bind);
  } catch (error) {
    await server.close().catch(() => undefined);
    throw error;
  }
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  if (tls?.created) log(`rapi: made a self-signed certificate in ${tls.file} (SHA-256 ${tls.fingerprint256})`);
  return { server, url: `${server.protocol}://${host}:${address.port}`, dir, certificateCreated: Boolean(tls?.created) };
}
