// The cluster-wide VNC password, as Ganeti's kvm has it in /etc/ganeti/vnc-cluster-password: one line in
// $GANTRY_STATE_DIR/vnc-cluster-password, required by every instance's VNC console. masterd makes it on start when it is
// missing. VNC authentication uses 8 bytes of a password, so it is 8 random letters and digits. It is a secret: never
// printed, logged or sent over RAPI; the web manager reads it here for the embedded cluster's console proxy.
// Gantry's kvm instances each have their own VNC password, derived from this one and the instance's UUID
// (instanceVncPassword): the master hands it to the node that runs the instance, the console proxy derives it too,
// and a password seen by one instance's console opens no other.
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { HypervisorError } from "../errors";

export const VNC_PASSWORD_FILE = "vnc-cluster-password";
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const LENGTH = 8;

export function vncPasswordFile(stateDir: string): string {
  return path.join(stateDir, VNC_PASSWORD_FILE);
}

/** Makes the password file (mode 0600) unless it exists; an existing one is never replaced. */
export async function ensureVncClusterPassword(stateDir: string): Promise<void> {
  const file = vncPasswordFile(stateDir);
  if (fs.existsSync(file)) return;
  const password = Array.from({ length: LENGTH }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join("");
  // Written in full under a temporary name, then linked into place: a reader never sees half a file, and if another
  // process made one meanwhile, link fails and that one stays.
  const tmp = path.join(stateDir, `.${VNC_PASSWORD_FILE}.${process.pid}.tmp`);
  const handle = await fsp.open(tmp, "w", 0o600);
  try {
    await handle.writeFile(`${password}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.link(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await fsp.rm(tmp, { force: true });
  }
}

/** The password (its first line, as Ganeti reads it); a HypervisorError when the file is missing or empty. */
export function readVncClusterPassword(stateDir: string): string {
  const file = vncPasswordFile(stateDir);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new HypervisorError(`Cannot read the VNC cluster password file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const password = text.split("\n")[0]!.trim();
  if (!password) throw new HypervisorError(`The VNC cluster password file ${file} is empty`);
  return password;
}

/** An instance's own VNC password: 8 characters of HMAC-SHA256(cluster password, "vnc:" + instance UUID). */
export function instanceVncPassword(clusterPassword: string, instanceUuid: string): string {
  return crypto.createHmac("sha256", clusterPassword).update(`vnc:${instanceUuid}`).digest("base64url").slice(0, LENGTH);
}
