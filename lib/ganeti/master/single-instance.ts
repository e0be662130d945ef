// One masterd per state directory: the daemon binds an abstract UNIX socket named after the directory. The kernel
// releases it when the process dies, however it dies (kill -9 included), so there is no stale lock to clean up.
import net from "node:net";
import { masterLockName } from "../luxi/protocol";

export class MasterAlreadyRunning extends Error {}

export function acquireMasterLock(stateDir: string): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => socket.destroy());
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(error.code === "EADDRINUSE" ? new MasterAlreadyRunning(`another master daemon is already running for ${stateDir}`) : error);
    });
    server.listen({ path: masterLockName(stateDir) }, () => resolve(server));
  });
}

/** True while some masterd holds the lock of this state directory. */
export async function masterRunning(stateDir: string): Promise<boolean> {
  try {
    const server = await acquireMasterLock(stateDir);
    await new Promise((resolve) => server.close(resolve));
    return false;
  } catch (error) {
    if (error instanceof MasterAlreadyRunning) return true;
    throw error;
  }
}
