// The real Ganeti 3.0.2 peer: brought up with bench/peer/ganeti-netns.sh (installing it if needed), measured with
// bench/peer/ganeti-jobs.py inside its network namespace, torn down afterwards unless it was already up or kept.
import { spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "../../lib/ganeti/master/settings";

export const PEER_NAME = "ganeti-3.0.2";

const SCRIPT = path.join(repoRoot(), "bench/peer/ganeti-netns.sh");
const DRIVER = path.join(repoRoot(), "bench/peer/ganeti-jobs.py");
const KVM_DRIVER = path.join(repoRoot(), "bench/peer/ganeti-kvm.py");

export type SingleTimes = Record<"create" | "shutdown" | "startup" | "remove", number[]>;
export type BulkTimes = { wall_ms: number; latencies_ms: number[]; failed: number; failures: string[] };
/** The kvm guest of bench/peer/ganeti-kvm.py: its name there, disk template and disk size. */
export type PeerKvmGuest = { name: string; template: "sharedfile" | "diskless"; diskMb: number };

type Run = { code: number; stdout: string; stderr: string };

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

function tail(text: string, lines = 4): string {
  return text.trim().split("\n").slice(-lines).join(" | ");
}

export class GanetiPeer {
  private constructor(
    readonly wasUp: boolean,
    readonly version: string,
  ) {}

  /**
   * Brings the peer up (`kvm`: also Ganeti's kvm hypervisor and a second node, which stay if the peer was up before);
   * the reason as a string when it cannot run here.
   */
  static async prepare(mode: "up" | "kvm" = "up"): Promise<GanetiPeer | string> {
    if (process.getuid?.() !== 0) return "the Ganeti peer needs root (network namespace, apt, Ganeti's daemons)";
    const status = await run(SCRIPT, ["status"]);
    const wasUp = status.stdout.trim() === "up";
    if (!wasUp || mode !== "up") {
      const up = await run(SCRIPT, [mode]);
      if (up.code !== 0) return `bench/peer/ganeti-netns.sh ${mode} failed (exit ${up.code}): ${tail(up.stderr)}`;
    }
    const version = await run("ip", ["netns", "exec", "gnt", "gnt-cluster", "--version"]);
    return new GanetiPeer(wasUp, tail(version.stdout, 1) || "unknown version");
  }

  single(via: "luxi" | "rapi", samples: number, prefix: string): Promise<SingleTimes> {
    return this.driver<SingleTimes>(["single", "--via", via, "--samples", String(samples), "--prefix", prefix]);
  }

  bulk(count: number, prefix: string): Promise<BulkTimes> {
    return this.driver<BulkTimes>(["bulk", "--count", String(count), "--prefix", prefix]);
  }

  /** Startup and shutdown (timeout 0) jobs of a kvm guest on node1 (needs prepare("kvm")). */
  kvmStartStop(guest: PeerKvmGuest, samples: number): Promise<{ startup: number[]; shutdown: number[]; accel: string }> {
    return this.driver(["start-stop", ...kvmArgs(guest, samples)], KVM_DRIVER);
  }

  /** Live-migration jobs of a running kvm guest between node1 and node2 (needs prepare("kvm")). */
  kvmMigrate(guest: PeerKvmGuest, samples: number): Promise<{ migrate: number[] }> {
    return this.driver(["migrate", ...kvmArgs(guest, samples)], KVM_DRIVER);
  }

  /** Tears the peer down unless it was up before or should be kept; says what it did. */
  async finish(keep: boolean): Promise<string> {
    if (this.wasUp) return "the Ganeti peer was already up; left running";
    if (keep) return "the Ganeti peer is left running (--keep-peer); stop it with bench/peer/ganeti-netns.sh down";
    const down = await run(SCRIPT, ["down"]);
    return down.code === 0 ? "the Ganeti peer was torn down" : `tearing the Ganeti peer down failed: ${tail(down.stderr)}`;
  }

  // Debian's interpreter (the first python3 on PATH here is another build) with Ganeti's modules on its path.
  private async driver<T>(args: string[], script = DRIVER): Promise<T> {
    const result = await run("ip", ["netns", "exec", "gnt", "env", "PYTHONPATH=/usr/share/ganeti/default", "/usr/bin/python3", script, ...args]);
    let parsed: (T & { error?: undefined }) | { error: string };
    try {
      parsed = JSON.parse(result.stdout.trim().split("\n").pop() ?? "") as typeof parsed;
    } catch {
      throw new Error(`${path.basename(script)} ${args[0]} failed (exit ${result.code}): ${tail(result.stderr)}`);
    }
    if (parsed.error !== undefined) throw new Error(`${path.basename(script)} ${args[0]}: ${parsed.error}`);
    return parsed as T;
  }
}

function kvmArgs(guest: PeerKvmGuest, samples: number): string[] {
  return ["--samples", String(samples), "--name", guest.name, "--template", guest.template, "--disk-mb", String(guest.diskMb)];
}
