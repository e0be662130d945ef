// A noded started without a certificate joins a cluster the way gnt-node add makes it: it prints a one-time join
// token, the master's joinNode hands it the cluster certificate over a connection pinned by the token, and from then on
// it answers NodeRpc with the cluster certificate only — also after a restart. Wrong tokens change nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpPrereqError } from "../errors";
import { freePort } from "../hypervisors/kvm/testing/qemu";
import { HttpsNodeTransport } from "../rpc/https-transport";
import { joinNode } from "../rpc/noded-join";
import { ensureClusterCertificate, loadClusterCertificate, type ClusterCertificate } from "./cluster-certificate";
import { rawPost, spawnNoded, stopProcess, type NodedProcess } from "./testing/noded-process";

const TOKEN_LINE = /^join token: ([0-9a-f]{32}\.[0-9a-f]{32})$/m;

type Unjoined = NodedProcess & { port: number; stateDir: string; token: string; address: { name: string; host: string; port: number } };

async function startUnjoined(base: string, name: string): Promise<Unjoined> {
  const port = await freePort();
  const stateDir = path.join(base, name);
  const noded = await spawnNoded(["--state-dir", stateDir, "--port", String(port), "--bind", "127.0.0.1", "--name", name], TOKEN_LINE);
  return { ...noded, port, stateDir, token: TOKEN_LINE.exec(noded.text())![1]!, address: { name, host: "127.0.0.1", port } };
}

/** A token with the right pin but another secret. */
const wrongSecret = (token: string) => `${"0".repeat(32)}.${token.split(".")[1]}`;

describe("noded joining a cluster at gnt-node add", () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "noded-join-"));
  let cluster: ClusterCertificate;
  let node: Unjoined;
  const started: NodedProcess[] = [];

  beforeAll(async () => {
    cluster = ensureClusterCertificate(path.join(base, "master"));
    node = await startUnjoined(base, "node1");
    started.push(node);
  });

  afterAll(async () => {
    await Promise.all(started.map((noded) => stopProcess(noded.process)));
    fs.rmSync(base, { recursive: true, force: true });
  });

  it("starts unjoined: prints a join token, keeps it private in the state directory, and serves no NodeRpc", async () => {
    const tokenFile = path.join(node.stateDir, "join-token");
    expect(fs.readFileSync(tokenFile, "utf8").trim()).toBe(node.token);
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(path.join(node.stateDir, "server.pem"))).toBe(false);
    const rpc = await rawPost(node.port, "/rpc/version", "[]", cluster);
    expect(rpc.status).toBe(409);
    expect(JSON.parse(rpc.body).error.message).toBe("this node has not joined a cluster yet: run gnt-node add with its join token");
  });

  it("refuses a malformed token before connecting, and a wrong one without changing anything", async () => {
    await expect(joinNode(node.address, "not-a-token", cluster)).rejects.toThrow(OpPrereqError);
    const nobody = { name: "node9", host: "127.0.0.1", port: await freePort() };
    await expect(joinNode(nobody, node.token, cluster)).rejects.toThrow(new RegExp(`^Node node9: cannot reach noded at 127\\.0\\.0\\.1:${nobody.port}: .*ECONNREFUSED`));
    await expect(joinNode(node.address, wrongSecret(node.token), cluster)).rejects.toThrow(
      /Node node1 \(127\.0\.0\.1:\d+\) refused the join token/,
    );
    await expect.poll(() => node.text()).toMatch(/\/join 403 Wrong join token/);
    expect(fs.existsSync(path.join(node.stateDir, "join-token"))).toBe(true);
    expect(fs.existsSync(path.join(node.stateDir, "server.pem"))).toBe(false);
    expect((await rawPost(node.port, "/rpc/version", "[]", cluster)).status).toBe(409);
  });

  it("does not hand the certificate to a node whose certificate is not the one the token pins", async () => {
    const before = node.text().length;
    const otherPin = `${node.token.split(".")[0]}.${"f".repeat(32)}`;
    await expect(joinNode(node.address, otherPin, cluster)).rejects.toThrow(
      new RegExp(`The node at 127\\.0\\.0\\.1:${node.port} presented certificate [0-9A-F:]{95}, not the one its join token names`),
    );
    // Nothing was sent: noded saw the connection end during the TLS handshake, and no request.
    await expect.poll(() => node.text().slice(before)).toMatch(/refused TLS client/);
    expect(node.text().slice(before)).not.toMatch(/\/join/);
  });

  it("refuses a certificate whose key does not match, saying so", async () => {
    const other = ensureClusterCertificate(path.join(base, "other"));
    const answer = await rawPost(node.port, "/join", JSON.stringify({ token: node.token, certificate: other.key + cluster.cert }));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error.message).toBe("The cluster certificate is not usable: the private key does not belong to the certificate");
    const notJson = await rawPost(node.port, "/join", "token=x");
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error.message).toMatch(/The body must be JSON \{"token"/);
    expect(fs.existsSync(path.join(node.stateDir, "server.pem"))).toBe(false);
  });

  it("joins with the right token, then answers NodeRpc only with the cluster certificate", async () => {
    expect(await joinNode(node.address, node.token, cluster)).toEqual({ software: "gantry-noded", protocol: 1 });
    const serverPem = path.join(node.stateDir, "server.pem");
    expect(fs.statSync(serverPem).mode & 0o777).toBe(0o600);
    expect(loadClusterCertificate(serverPem)).toEqual(cluster);
    expect(fs.existsSync(path.join(node.stateDir, "join-token"))).toBe(false);
    expect(fs.existsSync(path.join(node.stateDir, "join.pem"))).toBe(false);
    await expect.poll(() => node.text()).toMatch(/joined a cluster \(certificate [0-9A-F:]{95}\)/);

    const transport = new HttpsNodeTransport(node.address, cluster);
    expect(await transport.call("version", [])).toEqual({ protocol: 1, software: "gantry-noded" });
    expect(await transport.call("nodeInfo", [])).toMatchObject({ name: "node1", cpu_total: os.cpus().length });
    transport.close();

    // /join is gone; clients without the cluster certificate do not get past the handshake.
    const join = await rawPost(node.port, "/join", JSON.stringify({ token: node.token, certificate: cluster.key + cluster.cert }), cluster);
    expect(join.status).toBe(404);
    await expect(rawPost(node.port, "/join", "{}")).rejects.toThrow();
    const stranger = ensureClusterCertificate(path.join(base, "stranger"));
    await expect(rawPost(node.port, "/rpc/version", "[]", stranger)).rejects.toThrow();
    const wrongCluster = new HttpsNodeTransport(node.address, stranger);
    await expect(wrongCluster.call("version", [])).rejects.toThrow(/Node node1: version to 127\.0\.0\.1/);
    wrongCluster.close();

    // Repeating gnt-node add after it timed out finds the node already in this cluster.
    expect(await joinNode(node.address, node.token, cluster)).toEqual({ software: "gantry-noded", protocol: 1 });
    // The node of another cluster is not taken over.
    await expect(joinNode(node.address, node.token, stranger)).rejects.toThrow(/presented certificate .*, not the one its join token names/);
  });

  it("restarted on its state directory, it is still joined and prints no token", async () => {
    await stopProcess(node.process);
    const again = await spawnNoded(["--state-dir", node.stateDir, "--port", String(node.port), "--bind", "127.0.0.1", "--name", "node1"], "listening on");
    started.push(again);
    expect(again.text()).not.toMatch(/join token/);
    expect(again.text()).toMatch(/cluster certificate .*server\.pem/);
    const transport = new HttpsNodeTransport(node.address, cluster);
    expect(await transport.call("version", [])).toEqual({ protocol: 1, software: "gantry-noded" });
    transport.close();
  });

  it("after ten wrong tokens in a row refuses even the right one for a minute, and logs it", async () => {
    const target = await startUnjoined(base, "node2");
    started.push(target);
    for (let i = 0; i < 10; i++) await expect(joinNode(target.address, wrongSecret(target.token), cluster)).rejects.toThrow(/refused the join token/);
    await expect.poll(() => target.text()).toMatch(/10 wrong join tokens in a row: refusing joins for 60 s/);
    await expect(joinNode(target.address, target.token, cluster)).rejects.toThrow(/refuses joins for now after too many wrong tokens: .*another (59|60) s/);
    expect(fs.existsSync(path.join(target.stateDir, "server.pem"))).toBe(false);
  });
});
