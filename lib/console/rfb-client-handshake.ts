// The proxy as a VNC client of the VM's VNC server (RFB 3.8, RFC 6143 §7.1–7.2): version, then security None when the
// server offers it, else VNC authentication answered with the cluster's VNC password. The password stays here: the
// browser gets its own password-less session (rfb-server-handshake.ts). ClientInit is the browser's, sent afterwards.
import { RFB_VERSION_3_8, RFB_VERSION_LENGTH, SecurityResult, SecurityType } from "@/lib/rfb/protocol";
import { VNC_CHALLENGE_LENGTH, vncAuthResponse } from "@/lib/rfb/vnc-auth";
import { CloseCode, ConsoleError } from "./close-codes";
import { readReasonString, type RfbIo } from "./rfb-io";

export const WRONG_VNC_PASSWORD = "The cluster's VNC password is wrong; an admin sets it on the cluster page.";
export const MISSING_VNC_PASSWORD = "The VM's VNC server asks for a password and the cluster has none; an admin sets it on the cluster page.";

/** Authenticates to the server; resolves with the security type used (None or VNC authentication). */
export async function authenticateToVncServer(server: RfbIo, password: string): Promise<number> {
  const version = (await server.reader.read(RFB_VERSION_LENGTH)).toString("latin1");
  const parsed = /^RFB (\d{3})\.(\d{3})\n$/.exec(version);
  if (!parsed) throw new ConsoleError(CloseCode.protocolError, "The VM's console port does not speak VNC (RFB).");
  const [major, minor] = [Number(parsed[1]), Number(parsed[2])];
  if (major < 3 || (major === 3 && minor < 8)) throw new ConsoleError(CloseCode.protocolError, `The VM's VNC server speaks RFB ${major}.${minor}; the console needs 3.8.`);
  server.write(Buffer.from(RFB_VERSION_3_8, "latin1"));

  const count = await server.reader.readUint8();
  if (count === 0) throw new ConsoleError(CloseCode.unavailable, `The VM's VNC server refused the connection: ${await readReasonString(server.reader)}`);
  const offered = [...(await server.reader.read(count))];
  const type = offered.includes(SecurityType.none) ? SecurityType.none : offered.includes(SecurityType.vncAuth) ? SecurityType.vncAuth : null;
  if (type === null) throw new ConsoleError(CloseCode.protocolError, `The VM's VNC server offers no security type the console speaks (it offers ${offered.join(", ")}).`);
  if (type === SecurityType.vncAuth && !password) throw new ConsoleError(CloseCode.vncAuthFailed, MISSING_VNC_PASSWORD);
  server.write(Buffer.from([type]));
  if (type === SecurityType.vncAuth) server.write(vncAuthResponse(await server.reader.read(VNC_CHALLENGE_LENGTH), password));

  if ((await server.reader.readUint32()) !== SecurityResult.ok) {
    if (type === SecurityType.vncAuth) throw new ConsoleError(CloseCode.vncAuthFailed, WRONG_VNC_PASSWORD);
    const reason = await readReasonString(server.reader).catch(() => "");
    throw new ConsoleError(CloseCode.unavailable, `The VM's VNC server refused the connection${reason ? `: ${reason}` : "."}`);
  }
  return type;
}
