// The master's HTTPS transport to a noded that is there but silent (a host cut off mid-handshake): the call fails
// with the node's name once the connect timeout passes, instead of holding the caller for the answer timeout.
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RpcError } from "../errors";
import { ensureClusterCertificate, type ClusterCertificate } from "../noded/cluster-certificate";
import { HttpsNodeTransport } from "./https-transport";

let dir: string;
let certificate: ClusterCertificate;
let silent: net.Server;
const accepted: net.Socket[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "https-transport-"));
  certificate = ensureClusterCertificate(dir);
  silent = net.createServer((socket) => accepted.push(socket)); // accepts TCP, never speaks TLS
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  for (const socket of accepted) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

it("gives up on a node that accepts the connection but never completes the handshake, naming it", async () => {
  const { port } = silent.address() as net.AddressInfo;
  const transport = new HttpsNodeTransport({ name: "host9.example.org", host: "127.0.0.1", port }, certificate, { normal: 60_000, long: 60_000, connect: 300 });
  const failure = await transport.call("version", []).catch((error: unknown) => error);
  transport.close();
  expect(failure).toBeInstanceOf(RpcError);
  expect(String((failure as Error).message)).toMatch(/host9\.example\.org.*no connection within 0\.3 s/);
});
