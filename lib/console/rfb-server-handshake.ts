// The proxy as the browser's VNC server (RFB 3.8): it offers only security None — the person was checked already
// (session cookie, console token) and the VM's VNC password never reaches the browser. Resolves with the browser's
// ClientInit, which the proxy passes on to the VM's server; the server's ServerInit then flows back through the relay.
import { RFB_VERSION_3_8, RFB_VERSION_LENGTH, SecurityResult, SecurityType } from "@/lib/rfb/protocol";
import { CloseCode, ConsoleError } from "./close-codes";
import { reasonString, type RfbIo } from "./rfb-io";

const CLIENT_INIT_LENGTH = 1;

export async function offerNoAuthToBrowser(browser: RfbIo): Promise<Buffer> {
  browser.write(Buffer.from(RFB_VERSION_3_8, "latin1"));
  const version = (await browser.reader.read(RFB_VERSION_LENGTH)).toString("latin1");
  if (version !== RFB_VERSION_3_8) throw new ConsoleError(CloseCode.protocolError, `The browser answered ${JSON.stringify(version.trim())}; the console speaks RFB 3.8.`);
  browser.write(Buffer.from([1, SecurityType.none]));
  const chosen = await browser.reader.readUint8();
  if (chosen !== SecurityType.none) {
    const why = "Only security type None is offered.";
    browser.write(Buffer.concat([u32(SecurityResult.failed), reasonString(why)]));
    throw new ConsoleError(CloseCode.protocolError, `The browser chose security type ${chosen}. ${why}`);
  }
  browser.write(u32(SecurityResult.ok));
  return browser.reader.read(CLIENT_INIT_LENGTH);
}

function u32(value: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
}
