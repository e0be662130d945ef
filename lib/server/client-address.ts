// The client's address for sign-in throttling. server.ts stamps it on every request from the socket (or, with
// GANTRY_TRUST_PROXY, from the first X-Forwarded-For entry) and overwrites anything a client sent under that name.
import type { IncomingMessage } from "node:http";

export const CLIENT_ADDRESS_HEADER = "x-gantry-client-address";

export function stampClientAddress(req: IncomingMessage, trustProxy: boolean): void {
  let address = req.socket.remoteAddress ?? "";
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) address = first;
  }
  req.headers[CLIENT_ADDRESS_HEADER] = address.replace(/^::ffff:/, "");
}
