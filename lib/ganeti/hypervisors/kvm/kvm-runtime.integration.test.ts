// The kvm runtime against a real QEMU (KVM when /dev/kvm is usable, TCG otherwise): guests without disk or NIC, so
// SeaBIOS finds nothing to boot and waits, which is enough to be run, seen on VNC, reset, shut down and migrated.
import fs from "node:fs";
import net from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { RfbHandshakeError, RfbTestClient } from "@/lib/rfb/testing/rfb-test-client";
import { migrateInstance, type MigrationProgress } from "./kvm-migration";
import { KvmRuntime } from "./kvm-runtime";
import { QmpError } from "./qmp-client";
import { kvmUsable } from "./qemu-process";
import { describeWithQemu, freePort, freeVncPort, tempRuntimeDir, testGuest } from "./testing/qemu";

const PASSWORD = "Zq7pR2xw";

/** What a VNC server says first: its version, then (for 3.8) the security types it offers. */
async function vncGreeting(port: number): Promise<{ version: string; types: number[] }> {
  const socket = net.connect(port, "127.0.0.1");
  const chunks: Buffer[] = [];
  let answered = false;
  try {
    return await new Promise((resolve, reject) => {
      socket.on("error", reject);
      socket.on("data", (chunk) => {
        chunks.push(chunk);
        const all = Buffer.concat(chunks);
        if (!answered && all.length >= 12) {
          answered = true;
          socket.write("RFB 003.008\n");
        }
        if (all.length >= 13 && all.length >= 13 + all[12]!) {
          resolve({ version: all.subarray(0, 12).toString("latin1"), types: [...all.subarray(13, 13 + all[12]!)] });
        }
      });
    });
  } finally {
    socket.destroy();
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// KVM when this machine has a usable /dev/kvm, and QEMU's TCG always (kvm_flag "disabled"), as a node without KVM runs.
for (const accel of kvmUsable() ? (["kvm", "tcg"] as const) : (["tcg"] as const)) {
  describeWithQemu(`kvm runtime with a real QEMU (${accel})`, () => {
    const source = new KvmRuntime({ runtimeDir: tempRuntimeDir() });
    const target = new KvmRuntime({ runtimeDir: tempRuntimeDir() });
    let guest: ReturnType<typeof testGuest>;

    beforeAll(async () => {
      guest = testGuest("vm1.example.com", await freeVncPort(), { kvm_flag: accel === "kvm" ? "enabled" : "disabled" });
    });

    afterAll(async () => {
      for (const runtime of [source, target]) {
        for (const name of runtime.names()) await runtime.stop(name, { force: true });
        fs.rmSync(runtime.runtimeDir, { recursive: true, force: true });
      }
    });

    it("starts a guest that runs, with its VNC console behind the instance's password", async () => {
      const started = Date.now();
      const { pid } = await source.start(guest, { vncPassword: PASSWORD });
      console.log(`kvm runtime: guest started in ${Date.now() - started} ms (${accel})`);
      expect(await source.status(guest.name)).toEqual({ state: "running", qemuStatus: "running", pid, alive: true, accel });
      expect(pidAlive(pid)).toBe(true);

      expect(await vncGreeting(guest.network_port!)).toEqual({ version: "RFB 003.008\n", types: [2] });
      const viewer = await RfbTestClient.connect({ port: guest.network_port!, password: PASSWORD });
      expect(viewer.width).toBeGreaterThan(0);
      viewer.close();
      await expect(RfbTestClient.connect({ port: guest.network_port!, password: "wrongpw1" })).rejects.toBeInstanceOf(RfbHandshakeError);
    });

    it("answers QMP commands, and reports QEMU's refusals with its error class", async () => {
      const qmp = source.qmp(guest.name);
      expect(await qmp.execute("query-status")).toMatchObject({ status: "running", running: true });
      const refused = await qmp.execute("no-such-command").catch((error) => error);
      expect(refused).toBeInstanceOf(QmpError);
      expect(refused).toMatchObject({ errorClass: "CommandNotFound", desc: "The command no-such-command has not been found" });
    });

    it("shuts down with timeout 0: the process is gone and its sockets and pidfile removed", async () => {
      const { pid } = (await source.status(guest.name)) as { pid: number };
      await source.shutdown(guest.name, 0);
      expect(await source.status(guest.name)).toEqual({ state: "stopped", alive: false });
      expect(pidAlive(pid)).toBe(false);
      expect(fs.readdirSync(source.runtimeDir)).toEqual([]);
      await source.shutdown(guest.name, 0); // shutting down what is down is done, as in Ganeti
    });

    it("keeps running through a hard reboot, in the same process, with a RESET event", async () => {
      const { pid } = await source.start(guest, { vncPassword: PASSWORD });
      const reset = source.qmp(guest.name).waitForEvent("RESET", 5_000);
      await source.reboot(guest.name, "hard", 0);
      expect(await reset).toMatchObject({ event: "RESET" });
      expect(await source.status(guest.name)).toMatchObject({ state: "running", pid });
    });

    it("soft-reboots with timeout 0 into a new QEMU with the same facts", async () => {
      const { pid } = (await source.status(guest.name)) as { pid: number };
      await source.reboot(guest.name, "soft", 0);
      const after = await source.status(guest.name);
      expect(after).toMatchObject({ state: "running", alive: true });
      expect((after as { pid: number }).pid).not.toBe(pid);
      expect(pidAlive(pid)).toBe(false);
    });

    it("notices a QEMU that dies on its own: stopped, its files removed, startable again", async () => {
      const { pid } = (await source.status(guest.name)) as { pid: number };
      process.kill(pid, "SIGKILL");
      await expect.poll(async () => (await source.status(guest.name)).state, { timeout: 5_000 }).toBe("stopped");
      await expect.poll(() => fs.readdirSync(source.runtimeDir), { timeout: 5_000 }).toEqual([]);
      await source.start(guest, { vncPassword: PASSWORD });
    });

    it("refuses a second start of a running instance", async () => {
      await expect(source.start(guest, { vncPassword: PASSWORD })).rejects.toThrow(/already running on this node/);
    });

    it("live-migrates to a second runtime: the target runs, the source process is gone, progress was reported", async () => {
      const { pid: sourcePid } = (await source.status(guest.name)) as { pid: number };
      const port = await freePort();
      // Same facts, another VNC port: both runtimes share this host. Its way back is throttled to 1 MiB/s.
      const moved = { ...guest, network_port: await freeVncPort(), hvparams: { ...guest.hvparams, migration_bandwidth: 1 } };
      const started = Date.now();
      await target.acceptIncoming(moved, { vncPassword: PASSWORD, host: "127.0.0.1", port });
      expect(await target.status(guest.name)).toMatchObject({ state: "paused", qemuStatus: "inmigrate" });
      const progress: MigrationProgress[] = [];
      const result = await migrateInstance(source, target, guest.name, { host: "127.0.0.1", port }, { onProgress: (p) => progress.push(p) });
      console.log(`kvm runtime (${accel}): live migration in ${Date.now() - started} ms with the target's start (QEMU: ${result.totalTimeMs} ms, downtime ${result.downtimeMs} ms)`);

      expect(await target.status(guest.name)).toMatchObject({ state: "running", alive: true });
      expect(await source.status(guest.name)).toEqual({ state: "stopped", alive: false });
      expect(pidAlive(sourcePid)).toBe(false);
      expect(fs.readdirSync(source.runtimeDir)).toEqual([]);
      expect(progress.at(-1)).toMatchObject({ status: "completed", remaining: 0 });
      expect(progress.at(-1)!.total).toBeGreaterThanOrEqual(64 * 1024 * 1024);
      expect(progress.at(-1)!.transferred).toBeGreaterThan(0);
      const viewer = await RfbTestClient.connect({ port: moved.network_port!, password: PASSWORD });
      viewer.close();
    });

    it("migrates back within the instance's migration_bandwidth, reporting progress while it is under way", async () => {
      const port = await freePort();
      await source.acceptIncoming(guest, { vncPassword: PASSWORD, host: "127.0.0.1", port });
      const progress: MigrationProgress[] = [];
      const result = await migrateInstance(target, source, guest.name, { host: "127.0.0.1", port }, { onProgress: (p) => progress.push(p) });
      // About 0.8 MB of an idle 64 MiB guest goes over the wire: at 1 MiB/s that cannot take less than ~0.75 s.
      expect(result.totalTimeMs).toBeGreaterThanOrEqual(500);
      expect(progress.some((p) => p.status === "active" && p.transferred < result.transferred)).toBe(true);
      expect(await source.status(guest.name)).toMatchObject({ state: "running" });
      expect(target.names()).toEqual([]);
      expect(fs.readdirSync(target.runtimeDir)).toEqual([]);
    });

    it("stops the guest and leaves nothing behind", async () => {
      const { pid } = (await source.status(guest.name)) as { pid: number };
      await source.stop(guest.name, { force: false });
      expect(pidAlive(pid)).toBe(false);
      expect(fs.readdirSync(source.runtimeDir)).toEqual([]);
      expect(source.names()).toEqual([]);
    });
  });
}
