// The console proxy in the server process, on the app's own port and origin (lib/console): this installation's
// database, secret box, RAPI connector, session secret and the console settings of the server's configuration.
import { createConsoleProxy, type ConsoleProxy } from "@/lib/console/console-proxy";
import { consoleSessions } from "@/lib/console/session-registry";
import { db } from "@/lib/db/client";
import { rapiConnector } from "@/lib/manager/clusters/cluster-connection";
import { installationSecretBox } from "@/lib/manager/secrets/secret-box";
import type { ServerConfig } from "@/lib/server/config";

/** After prepareServer, which put the session secret in NEXTAUTH_SECRET. */
export function startConsoleProxy(config: ServerConfig, env: NodeJS.ProcessEnv): ConsoleProxy {
  return createConsoleProxy({
    db: db(),
    box: installationSecretBox(env),
    connect: rapiConnector,
    settings: config.console,
    registry: consoleSessions(),
    publicUrl: config.publicUrl,
    session: { secret: env.NEXTAUTH_SECRET!, secure: config.publicUrl.startsWith("https://") },
  });
}
