// Both RFB handshakes of the proxy against in-memory peers that play a VNC server (checking the DES answer with the
// real algorithm) and a browser: which security type is chosen, what a wrong or missing password says, what is
// refused; and the browser side offering only None, so no password ever goes that way.
import { describe, expect, it } from "vitest";
import { RFB_VERSION_3_8, SecurityType } from "@/lib/rfb/protocol";
import { newVncChallenge, vncAuthMatches } from "@/lib/rfb/vnc-auth";
import { ByteReader } from "./byte-reader";
import { CloseCode, ConsoleError } from "./close-codes";
import { authenticateToVncServer, MISSING_VNC_PASSWORD, WRONG_VNC_PASSWORD } from "./rfb-client-handshake";
import { reasonString, type RfbIo } from "./rfb-io";
import { offerNoAuthToBrowser } from "./rfb-server-handshake";

/** Two ends of an in-memory byte stream pair; `sent` records what each end wrote. */
function pipePair() {
  const toA = new ByteReader();
  const toB = new ByteReader();
  const sentByA: Buffer[] = [];
  const sentByB: Buffer[] = [];
  const a: RfbIo = { reader: toA, write: (bytes) => (sentByA.push(bytes), toB.push(bytes)) };
  const b: RfbIo = { reader: toB, write: (bytes) => (sentByB.push(bytes), toA.push(bytes)) };
  return { a, b, sentByA: () => Buffer.concat(sentByA), sentByB: () => Buffer.concat(sentByB) };
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

/** A VNC server's side of the handshake, as RFC 6143 describes it. */
async function vncServer(io: RfbIo, options: { version?: string; types: number[]; password?: string; refuse?: string }) {
  io.write(Buffer.from(options.version ?? RFB_VERSION_3_8, "latin1"));
  const clientVersion = (await io.reader.read(12)).toString("latin1");
  if (options.refuse) {
    io.write(Buffer.concat([Buffer.from([0]), reasonString(options.refuse)]));
    return { clientVersion };
  }
  io.write(Buffer.from([options.types.length, ...options.types]));
  const chosen = await io.reader.readUint8();
  let authenticated = true;
  if (chosen === SecurityType.vncAuth) {
    const challenge = newVncChallenge();
    io.write(challenge);
    authenticated = vncAuthMatches(challenge, await io.reader.read(16), options.password ?? "");
  }
  io.write(authenticated ? u32(0) : Buffer.concat([u32(1), reasonString("Authentication failed")]));
  return { clientVersion, chosen, authenticated };
}

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a failure"); }, (error: ConsoleError) => error);

describe("the proxy as a VNC client", () => {
  it("answers VNC authentication with the cluster's password", async () => {
    const { a, b } = pipePair();
    const [type, server] = await Promise.all([authenticateToVncServer(a, "s3cret"), vncServer(b, { types: [SecurityType.vncAuth], password: "s3cret" })]);
    expect(type).toBe(SecurityType.vncAuth);
    expect(server).toEqual({ clientVersion: RFB_VERSION_3_8, chosen: SecurityType.vncAuth, authenticated: true });
  });

  it("says a wrong password is wrong, and who sets it", async () => {
    const { a, b } = pipePair();
    const [error] = await Promise.all([failure(authenticateToVncServer(a, "guess")), vncServer(b, { types: [SecurityType.vncAuth], password: "s3cret" })]);
    expect(error).toBeInstanceOf(ConsoleError);
    expect(error).toMatchObject({ code: CloseCode.vncAuthFailed, message: WRONG_VNC_PASSWORD });
    expect(WRONG_VNC_PASSWORD).toBe("The cluster's VNC password is wrong; an admin sets it on the cluster page.");
  });

  it("takes None when the server offers it, sending no password at all", async () => {
    const { a, b, sentByA } = pipePair();
    const [type, server] = await Promise.all([authenticateToVncServer(a, "s3cret"), vncServer(b, { types: [SecurityType.vncAuth, SecurityType.none] })]);
    expect(type).toBe(SecurityType.none);
    expect(server.chosen).toBe(SecurityType.none);
    expect(sentByA()).toEqual(Buffer.concat([Buffer.from(RFB_VERSION_3_8), Buffer.from([SecurityType.none])]));
  });

  it("stops before answering when the server wants a password and the cluster has none", async () => {
    const { a, b, sentByA } = pipePair();
    void vncServer(b, { types: [SecurityType.vncAuth] }).catch(() => undefined);
    const error = await failure(authenticateToVncServer(a, ""));
    expect(error).toMatchObject({ code: CloseCode.vncAuthFailed, message: MISSING_VNC_PASSWORD });
    expect(sentByA().toString("latin1")).toBe(RFB_VERSION_3_8);
  });

  it("passes on the server's own refusal, and refuses what is not RFB 3.8", async () => {
    const refused = pipePair();
    const [error] = await Promise.all([failure(authenticateToVncServer(refused.a, "pw")), vncServer(refused.b, { types: [], refuse: "Too many security failures" })]);
    expect(error).toMatchObject({ code: CloseCode.unavailable, message: "The VM's VNC server refused the connection: Too many security failures" });

    const old = pipePair();
    void vncServer(old.b, { version: "RFB 003.003\n", types: [1] }).catch(() => undefined);
    expect(await failure(authenticateToVncServer(old.a, "pw"))).toMatchObject({ code: CloseCode.protocolError, message: "The VM's VNC server speaks RFB 3.3; the console needs 3.8." });

    const ssh = pipePair();
    ssh.b.write(Buffer.from("SSH-2.0-Open\n", "latin1"));
    expect(await failure(authenticateToVncServer(ssh.a, "pw"))).toMatchObject({ code: CloseCode.protocolError, message: "The VM's console port does not speak VNC (RFB)." });

    const exotic = pipePair();
    void vncServer(exotic.b, { types: [19, 30] }).catch(() => undefined);
    expect(await failure(authenticateToVncServer(exotic.a, "pw"))).toMatchObject({ code: CloseCode.protocolError, message: expect.stringContaining("it offers 19, 30") });
  });

  it("fails cleanly when the server hangs up mid-handshake", async () => {
    const { a, b } = pipePair();
    b.write(Buffer.from(RFB_VERSION_3_8, "latin1"));
    const pending = authenticateToVncServer(a, "pw");
    a.reader.end();
    await expect(pending).rejects.toThrow(/closed/);
  });
});

describe("the proxy as the browser's VNC server", () => {
  /** noVNC's side: version 3.8, picks a type, reads the result, sends ClientInit (shared). */
  async function browser(io: RfbIo, options: { version?: string; choose?: number } = {}) {
    const serverVersion = (await io.reader.read(12)).toString("latin1");
    io.write(Buffer.from(options.version ?? RFB_VERSION_3_8, "latin1"));
    const count = await io.reader.readUint8();
    const types = [...(await io.reader.read(count))];
    io.write(Buffer.from([options.choose ?? types[0]!]));
    const result = await io.reader.readUint32();
    if (result === 0) io.write(Buffer.from([1])); // ClientInit: shared
    return { serverVersion, types, result };
  }

  it("offers only None, and hands over the browser's ClientInit", async () => {
    const { a, b, sentByA } = pipePair();
    const [clientInit, seen] = await Promise.all([offerNoAuthToBrowser(a), browser(b)]);
    expect(seen).toEqual({ serverVersion: RFB_VERSION_3_8, types: [SecurityType.none], result: 0 });
    expect(clientInit).toEqual(Buffer.from([1]));
    expect(sentByA()).toEqual(Buffer.concat([Buffer.from(RFB_VERSION_3_8), Buffer.from([1, 1]), u32(0)]));
  });

  it("refuses a browser choosing another type, telling it why, and one not speaking 3.8", async () => {
    const chooser = pipePair();
    const [error, seen] = await Promise.all([failure(offerNoAuthToBrowser(chooser.a)), browser(chooser.b, { choose: SecurityType.vncAuth })]);
    expect(seen.result).toBe(1);
    expect(error).toMatchObject({ code: CloseCode.protocolError });

    const old = pipePair();
    void browser(old.b, { version: "RFB 003.003\n" }).catch(() => undefined);
    expect(await failure(offerNoAuthToBrowser(old.a))).toMatchObject({ code: CloseCode.protocolError, message: 'The browser answered "RFB 003.003"; the console speaks RFB 3.8.' });
  });
});

describe("reading exact byte counts", () => {
  it("joins and splits chunks, and keeps what was not read for the relay", async () => {
    const reader = new ByteReader();
    const first = reader.read(5);
    reader.push(Buffer.from("RF"));
    reader.push(Buffer.from("B 00"));
    expect((await first).toString()).toBe("RFB 0");
    reader.push(Buffer.from("3.008\nrest"));
    expect((await reader.read(6)).toString()).toBe("03.008");
    expect(reader.take().toString()).toBe("\nrest");
    expect(reader.take()).toHaveLength(0);
  });
});
