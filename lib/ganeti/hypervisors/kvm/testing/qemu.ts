// Test support for the kvm hypervisor: real QEMU when Debian's qemu-system-x86 is installed, a skip that says so
// otherwise; small guests (no disk, no NIC: SeaBIOS finds nothing to boot and waits, which is enough to be run,
// reset, shut down and migrated) and free loopback ports.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe } from "vitest";
import type { KvmInstanceFacts } from "../kvm-command";

export const QEMU_BINARY = "/usr/bin/qemu-system-x86_64";
export const hasQemu = fs.existsSync(QEMU_BINARY);

/** describe() when QEMU is installed; otherwise a skipped suite whose name says what to install. */
export function describeWithQemu(name: string, body: () => void): void {
  if (hasQemu) {
    describe(name, body);
    return;
  }
  console.warn(`${name}: skipped, ${QEMU_BINARY} is missing (apt-get install qemu-system-x86)`);
  describe.skip(`${name} (skipped: ${QEMU_BINARY} is missing; apt-get install qemu-system-x86)`, body);
}

/** A runtime directory short enough for UNIX socket paths. */
export function tempRuntimeDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "kvm-"));
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A free VNC port (display = port − 5900) above 5900, as masterd's network_port would be. */
export async function freeVncPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port > 5900) return port;
  }
}

export function testGuest(name: string, networkPort: number, hvparams: Record<string, unknown> = {}): KvmInstanceFacts {
  return {
    name,
    uuid: crypto.randomUUID(),
    memory: 64,
    vcpus: 1,
    disks: [],
    nics: [],
    network_port: networkPort,
    hvparams: { vnc_bind_address: "127.0.0.1", serial_console: false, ...hvparams },
  };
}
