// Trusting the server's certificate: Gantry's real RAPI server over HTTPS with its self-signed rapi.pem (names the
// cluster, the master, localhost and 127.0.0.1). Verification is on by default; ca and fingerprint pin the certificate;
// a mismatch fails before the request — and its Authorization header — is written (checked on a raw TLS server).
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitPem } from "../server/certificate";
import { createRapiHarness, USERS, type RapiHarness } from "../testing/rapi-harness";
import { RapiClient } from "./client";
import { RapiTlsError } from "./errors";
import type { RapiClientOptions } from "./options";

let h: RapiHarness;
let fingerprint: string;
const clients: RapiClient[] = [];

beforeAll(async () => {
  h = await createRapiHarness({ tls: true });
  fingerprint = new crypto.X509Certificate(h.ca!).fingerprint256;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await h?.close();
});

const client = (options: Partial<RapiClientOptions> = {}) => {
  const c = new RapiClient({ url: h.rapi.url, username: "admin", password: USERS.admin, retries: 0, ...options });
  clients.push(c);
  return c;
};
const failure = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => e as RapiTlsError);
const otherFingerprint = () => fingerprint.replace(/^../, fingerprint.startsWith("00") ? "01" : "00");

describe("the server's TLS", () => {
  it("prefers AES-128-GCM under TLS 1.3 and still speaks TLS 1.2 with a strong suite", async () => {
    const handshake = (options: tls.ConnectionOptions) =>
      new Promise<{ version: string | null; cipher: string }>((resolve, reject) => {
        const url = new URL(h.rapi.url);
        const socket = tls.connect({ host: url.hostname, port: Number(url.port), ca: h.ca, ...options }, () => {
          resolve({ version: socket.getProtocol(), cipher: socket.getCipher().name });
          socket.end();
        });
        socket.on("error", reject);
      });
    // A client that lists AES-256 first (Node's and OpenSSL's default order) gets AES-128.
    expect(await handshake({})).toEqual({ version: "TLSv1.3", cipher: "TLS_AES_128_GCM_SHA256" });
    expect((await handshake({ maxVersion: "TLSv1.2" })).cipher).toMatch(/^ECDHE-(ECDSA|RSA)-AES128-GCM-SHA256$/);
    await expect(handshake({ maxVersion: "TLSv1.1", minVersion: "TLSv1" })).rejects.toThrow();
  });
});

describe("certificate verification", () => {
  it("rejects the self-signed certificate by default, naming its fingerprint", async () => {
    const error = await failure(client().getInfo());
    expect(error).toBeInstanceOf(RapiTlsError);
    expect(error).toMatchObject({ reason: "DEPTH_ZERO_SELF_SIGNED_CERT", actualFingerprint: fingerprint });
    expect(error!.message).toBe(
      `TLS: 127.0.0.1:${new URL(h.rapi.url).port}: the certificate is self-signed and not trusted (DEPTH_ZERO_SELF_SIGNED_CERT); ` +
        `pass it as ca; if you trust it, pin it with fingerprint ${fingerprint}`,
    );
  });

  it("trusts the certificate given as ca, and checks the host name against it", async () => {
    expect((await client({ ca: h.ca }).getInfo()).name).toBe("cluster.example.org");
    const server = await rawTlsServer("127.0.0.2"); // same certificate, an address it does not name
    try {
      const error = await failure(client({ url: server.url, ca: h.ca }).getVersion());
      expect(error).toBeInstanceOf(RapiTlsError);
      expect(error!.reason).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
      expect(error!.message).toMatch(/the certificate does not name this host \(.*IP: 127\.0\.0\.2 is not in the cert's list.*\); connect by one of its names/);
    } finally {
      await server.close();
    }
  });

  it("pins the certificate by its SHA-256 fingerprint, in either notation, instead of CA and host name", async () => {
    expect(await client({ fingerprint }).getVersion()).toBe(2);
    expect(await client({ fingerprint: fingerprint.replace(/:/g, "").toLowerCase() }).getVersion()).toBe(2);
    expect(await client({ url: h.rapi.url.replace("127.0.0.1", "localhost"), fingerprint }).getVersion()).toBe(2);
  });

  it("fails on a different fingerprint with a message naming both", async () => {
    const expected = otherFingerprint();
    const error = await failure(client({ fingerprint: expected }).getInfo());
    expect(error).toBeInstanceOf(RapiTlsError);
    expect(error).toMatchObject({ reason: "FINGERPRINT_MISMATCH", expectedFingerprint: expected, actualFingerprint: fingerprint });
    expect(error!.message).toContain(`certificate fingerprint mismatch for 127.0.0.1:${new URL(h.rapi.url).port}: expected ${expected}, got ${fingerprint}`);
    expect(error!.message).toContain("pin the new fingerprint if the cluster's certificate was replaced");
  });

  it("accepts any certificate when told to be insecure", async () => {
    expect(await client({ insecure: true }).getVersion()).toBe(2);
  });

  it("says so when an https:// URL reaches a plain-HTTP server", async () => {
    const plain = await createRapiHarness();
    try {
      const error = await failure(client({ url: plain.rapi.url.replace("http:", "https:"), insecure: true }).getVersion());
      expect(error).toBeInstanceOf(RapiTlsError);
      expect(error!.message).toBe(
        `TLS: ${new URL(plain.rapi.url).host}: the handshake failed (wrong version number); is the server speaking HTTPS on this port (Ganeti's RAPI does by default)?`,
      );
    } finally {
      await plain.close();
    }
  });
});

describe("nothing reaches a server that fails the check", () => {
  it("writes no request bytes to a server with the wrong fingerprint, and does with the right one", async () => {
    const server = await rawTlsServer("127.0.0.1");
    try {
      const wrong = await failure(client({ url: server.url, fingerprint: otherFingerprint() }).getVersion());
      expect(wrong).toBeInstanceOf(RapiTlsError);
      expect(await server.nextConnection()).toBe(""); // the client closed the connection without writing
      const right = client({ url: server.url, fingerprint, timeoutMs: 500 }).getVersion().catch(() => undefined);
      expect(await server.nextConnection()).toMatch(/^GET \/version HTTP\/1\.1\r\n[\s\S]*Authorization: Basic /);
      await right;
    } finally {
      await server.close();
    }
  });
});

/** A TLS server with the harness's certificate that records what each connection sends, and never answers. */
async function rawTlsServer(host: string) {
  const { key, cert } = splitPem(fs.readFileSync(path.join(h.rapi.dir, "rapi.pem"), "utf8"));
  type Connection = { text: string; done: Promise<string>; resolve: (text: string) => void };
  const connections: Connection[] = [];
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key, cert });
  // Recorded from the TCP connection on, so a client that drops it right after the handshake is seen too.
  server.on("connection", (tcp: net.Socket) => {
    sockets.add(tcp);
    let resolve!: (text: string) => void;
    const done = new Promise<string>((r) => (resolve = r));
    const connection: Connection = { text: "", done, resolve };
    connections.push(connection);
    tcp.on("close", () => resolve(connection.text));
  });
  server.on("secureConnection", (socket) => {
    const connection = connections.at(-1)!;
    socket.on("data", (d: Buffer) => {
      connection.text += d.toString();
      if (connection.text.includes("\r\n\r\n")) connection.resolve(connection.text);
    });
    socket.on("error", () => undefined);
  });
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as net.AddressInfo).port;
  let next = 0;
  return {
    url: `https://${host}:${port}`,
    async nextConnection(): Promise<string> {
      while (connections.length <= next) await new Promise((resolve) => setTimeout(resolve, 10));
      return connections[next++]!.done;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
