import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finalizeCluster } from "../loader";
import { compCV } from "../metrics";
import { NODE_DEFAULT_FIELDS, showNodeField } from "../node-fields";
import { fixturePath, ganetiTool } from "../testing/fixtures";
import { HtoolsInputError } from "../types";
import { formatHost, loadRapiData, parseRapiData, readRapiDirectory } from "./rapi";
import { redactUrl } from "./rapi-http";

const RAPI_DIR = fixturePath("rapi");
const RAPI_URL = `file://${RAPI_DIR}`;

// `hbal -p -m file://…/rapi` of Ganeti 3.0.2 (shelltests/htools-rapi.test runs this command): the initial node table
// and score.
const GANETI_NODE_TABLE = `
   node1 32763  1017     0   357 31389 31389     0  1345  1345    4    1    0    0 0.9581 1.0000  0.25 0.000 0.000  0.000 0.000
   node2 32763  1017     0     0 31746 31746     0  1345  1344    4    1    0    0 0.9690 0.9995  0.25 0.000 0.000  0.000 0.000
   node3 32763  1017   128   384 31234 31234   128  1345  1341    4    6    5    1 0.9533 0.9971  1.50 5.000 5.000  6.000 5.000
   node4 32763  1017     0     0 31746 31746   640  1345  1339    4    7    6    5 0.9690 0.9958  1.75 6.000 6.000 11.000 6.000`;
const GANETI_INITIAL_SCORE = 13.83255238;

/** Node rows as `hbal -p` prints them, one array of trimmed cells per node (status first). */
function nodeRows(data: ReturnType<typeof finalizeCluster>["data"]): string[][] {
  return data.nodes.map((n) => NODE_DEFAULT_FIELDS.map((f) => showNodeField(n, f)!.trim()));
}

const goldenRows = (table: string) =>
  table
    .trim()
    .split("\n")
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      // A blank status column disappears when splitting; a flagged node's "*" or "-" is its first cell.
      return /^[*-]$/.test(cells[0]!) ? cells : ["", ...cells];
    });

async function loadFixtureDir(dir = RAPI_DIR) {
  return finalizeCluster(await loadRapiData(`file://${dir}`));
}

describe("RAPI backend, file:// (shelltests/htools-rapi.test)", () => {
  it("loads the four nodes and eleven instances with Ganeti's node table and score", async () => {
    const { data, warnings } = await loadFixtureDir();
    expect(data.nodes.map((n) => n.name)).toEqual(["node1", "node2", "node3", "node4"]);
    expect(data.instances).toHaveLength(11);
    expect(data.groups.map((g) => [g.name, g.uuid, g.allocPolicy])).toEqual([["default", "uuid-group-1", "preferred"]]);
    expect(nodeRows(data)).toEqual(goldenRows(GANETI_NODE_TABLE));
    expect(compCV(data.nodes)).toBeCloseTo(GANETI_INITIAL_SCORE, 8);
    expect(warnings).toEqual([]);
  });

  it("reads the master, cluster tags, policies, memory and disks as Ganeti does", async () => {
    const { data } = await loadFixtureDir();
    expect(data.nodes.filter((n) => n.isMaster).map((n) => n.name)).toEqual(["node4"]);
    expect(data.clusterTags).toEqual(["htools:iextags:test", "htools:iextags:service-group"]);
    // The cluster policy allows 128 MiB disks, the group's only 1024.
    expect(data.ipolicy.minmax[0]!.min.diskSize).toBe(128);
    expect(data.groups[0]!.ipolicy.minmax[0]!.min.diskSize).toBe(1024);
    expect(data.nodes[0]!.iPolicy.minmax[0]!.max.spindleUse).toBe(8);
    const byName = new Map(data.instances.map((i) => [i.name, i]));
    const i2 = byName.get("instance2")!;
    expect([i2.runSt, i2.mem, i2.dsk, i2.diskTemplate, data.nodes[i2.pNode]!.name, data.nodes[i2.sNode]!.name]).toEqual(["running", 128, 256, "drbd", "node3", "node4"]);
    // Not running: the configured memory (beparams maxmem) instead of oper_ram.
    expect(byName.get("instance18")!.mem).toBe(8192);
    expect(byName.get("instance3")!.sNode).toBe(-1);
    expect(byName.get("instance4")!.exclTags).toEqual(["service-group:dns"]);
    expect(i2.disks).toEqual([{ size: 128, spindles: null }]);
  });

  it.skipIf(!ganetiTool("hbal"))("matches Ganeti's hbal -p on the same directory", async () => {
    // hbal prints the node table on stderr.
    const out = spawnSync(ganetiTool("hbal")!, ["-p", "-m", RAPI_URL], { encoding: "utf8" });
    expect(out.status).toBe(0);
    const lines = out.stderr.split("\n");
    const start = lines.indexOf("Initial cluster status:") + 2;
    const table = lines.slice(start, lines.indexOf("", start)).join("\n");
    const { data } = await loadFixtureDir();
    expect(nodeRows(data)).toEqual(goldenRows(table));
    const score = Number(/Initial score: ([\d.]+)/.exec(out.stdout)![1]);
    expect(compCV(data.nodes)).toBeCloseTo(score, 8);
  });
});

describe("RAPI backend errors, as Ganeti words them", () => {
  let dir: string;
  const copy = () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    for (const f of fs.readdirSync(RAPI_DIR)) fs.copyFileSync(path.join(RAPI_DIR, f), path.join(dir, f));
    for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o644);
  };
  const edit = (file: string, change: (json: any) => unknown) => {
    const p = path.join(dir, file);
    fs.writeFileSync(p, JSON.stringify(change(JSON.parse(fs.readFileSync(p, "utf8")))));
  };
  const failure = async () => {
    try {
      await loadRapiData(`file://${dir}`);
    } catch (err) {
      expect(err).toBeInstanceOf(HtoolsInputError);
      return (err as Error).message;
    }
    throw new Error("loaded");
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "htools-rapi-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("names a missing file", async () => {
    await expect(loadRapiData("file:///nonexistent")).rejects.toThrow("/nonexistent/groups.json: openFile: does not exist (No such file or directory)");
  });

  it("names a missing or mistyped node field", async () => {
    copy();
    edit("nodes.json", (n) => (n[0].mfree = null, n));
    expect(await failure()).toBe("Node 'node1', error while parsing data: key 'mfree': Unable to read Int");
    copy();
    edit("nodes.json", (n) => (delete n[0].mfree, n));
    expect(await failure()).toMatch(/^Node 'node1', error while parsing data: key 'mfree' not found, object contains only \["cnodes","cnos",/);
  });

  it("does not read the live values of offline nodes", async () => {
    copy();
    edit("nodes.json", (n) => ((n[0].offline = true), (n[0].mfree = null), (n[0].mtotal = null), n));
    const { data } = finalizeCluster(await loadRapiData(`file://${dir}`));
    expect([data.nodes[0]!.offline, data.nodes[0]!.tMem, data.nodes[0]!.fMem]).toEqual([true, 0, 0]);
  });

  it("marks drained and non-vm-capable nodes offline", async () => {
    copy();
    edit("nodes.json", (n) => ((n[1].drained = true), (n[2].vm_capable = false), n));
    const data = parseRapiData(await readRapiDirectory(dir));
    expect(data.nodes.map((n) => n.offline)).toEqual([false, true, true, false]);
    expect(data.nodes[1]!.tMem).toBe(32763); // drained nodes are still live
    expect(data.nodes[2]!.tMem).toBe(0);
  });

  it("refuses unknown statuses, unknown nodes and bad JSON", async () => {
    copy();
    edit("instances.json", (i) => ((i[0].status = "bogus"), i));
    expect(await failure()).toBe(`Instance 'instance2', error while parsing data: key 'status': Invalid string value for type InstanceStatus: "bogus"`);
    copy();
    edit("instances.json", (i) => ((i[1].pnode = "nosuch"), i));
    expect(await failure()).toBe("Unknown node 'nosuch' for instance instance3");
    copy();
    fs.writeFileSync(path.join(dir, "instances.json"), "[1]");
    expect(await failure()).toBe("Parsing instance data: Unable to read JSObject");
    copy();
    fs.writeFileSync(path.join(dir, "instances.json"), "{");
    expect(await failure()).toMatch(/^Parsing instance data: Malformed JSON/);
    copy();
    edit("info.json", (i) => ((i.master = "node9"), i));
    expect(await failure()).toBe("Master node node9 unknown");
  });
});

describe("RAPI backend over HTTP(S)", () => {
  const bodies: Record<string, string> = {
    "/2/groups?bulk=1": fs.readFileSync(path.join(RAPI_DIR, "groups.json"), "utf8"),
    "/2/nodes?bulk=1": fs.readFileSync(path.join(RAPI_DIR, "nodes.json"), "utf8"),
    "/2/instances?bulk=1": fs.readFileSync(path.join(RAPI_DIR, "instances.json"), "utf8"),
    "/2/info": fs.readFileSync(path.join(RAPI_DIR, "info.json"), "utf8"),
  };
  const seen: Array<{ url: string; auth: string | undefined }> = [];
  const handler: http.RequestListener = (req, res) => {
    seen.push({ url: req.url!, auth: req.headers.authorization });
    if (req.headers.authorization !== `Basic ${Buffer.from("admin:s3cret").toString("base64")}`) {
      res.writeHead(401, { "Content-Type": "application/json" }).end(JSON.stringify({ code: 401, message: "Unauthorized" }));
      return;
    }
    const body = bodies[req.url!];
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { "Content-Type": "application/json" }).end(body);
  };
  const listen = (server: http.Server) => new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
  let httpServer: http.Server;
  let httpPort: number;
  beforeAll(async () => {
    httpServer = http.createServer(handler);
    httpPort = await listen(httpServer);
  });
  afterAll(() => new Promise<void>((resolve) => httpServer.close(() => resolve())));

  it("reads the four resources with the credentials of the URL", async () => {
    const via = finalizeCluster(await loadRapiData(`http://admin:s3cret@127.0.0.1:${httpPort}`));
    const direct = await loadFixtureDir();
    expect(nodeRows(via.data)).toEqual(nodeRows(direct.data));
    expect(seen.map((s) => s.url).sort()).toEqual(Object.keys(bodies).sort());
  });

  it("says what the server answered, without the password", async () => {
    await expect(loadRapiData(`http://admin:wrong@127.0.0.1:${httpPort}`)).rejects.toThrow(
      `RAPI error for 'http://admin:***@127.0.0.1:${httpPort}/2/groups?bulk=1': HTTP 401 Unauthorized: Unauthorized`,
    );
  });

  it("reports a refused connection as Ganeti's curl error", async () => {
    const closed = http.createServer();
    const port = await listen(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(loadRapiData(`127.0.0.1:${port}`)).rejects.toThrow(`Curl error for '127.0.0.1:${port}/2/groups?bulk=1', error CurlCouldntConnect`);
  });

  it("accepts a self-signed certificate over https", async () => {
    let certDir: string | null = null;
    try {
      certDir = fs.mkdtempSync(path.join(os.tmpdir(), "htools-tls-"));
      try {
        execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=rapi.invalid", "-days", "1"], { cwd: certDir, stdio: "ignore" });
      } catch {
        return; // no openssl here: nothing to serve TLS with
      }
      const server = https.createServer({ key: fs.readFileSync(path.join(certDir, "key.pem")), cert: fs.readFileSync(path.join(certDir, "cert.pem")) }, handler);
      const port = await listen(server);
      try {
        const { data } = finalizeCluster(await loadRapiData(`https://admin:s3cret@127.0.0.1:${port}`));
        expect(data.instances).toHaveLength(11);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    } finally {
      if (certDir) fs.rmSync(certDir, { recursive: true, force: true });
    }
  });

  it("uses https and port 5080 for a bare host name, as Ganeti", () => {
    expect(formatHost("cluster.example.org")).toBe("https://cluster.example.org:5080");
    expect(formatHost("cluster.example.org:8080")).toBe("cluster.example.org:8080");
    expect(redactUrl("https://u:p@h:1/x")).toBe("https://u:***@h:1/x");
  });
});
