// The VNC consoles of the simulated (fake-hypervisor) instances on one masterd's virtual nodes. A console is opened on
// demand — when its primary node is asked for it — on a port the system chooses at GANTRY_VNC_BIND, never at start:
// a cluster may run 40,000 fake instances. It stays while the instance runs on that node and closes when it stops,
// reboots hard, leaves the node, the node goes offline or powers off, or masterd stops. At most `maxOpen` are open at
// once (each holds a socket): past that, the one asked for least recently that nobody is connected to closes first.
// Every console requires VNC authentication with the cluster's VNC password.
import { HypervisorError } from "../../errors";
import { RfbServer } from "../../../rfb/rfb-server";
import type { ConsoleEndpoint } from "../../rpc/node-rpc";
import { readVncClusterPassword } from "../vnc-cluster-password";
import type { FakeConsoleInstance } from "./boot-text";
import { FakeConsole } from "./fake-console";
import { ConsoleTranscript, transcriptFile } from "./transcript";


export type FakeConsoleSettings = {
  /** Address the consoles listen on; it is also the host of their endpoints (Ganeti's vnc_bind_address). */
  bind: string;
  /** The cluster's state directory: the VNC password file and console/<instance>.log are there. */
  stateDir: string;
  maxOpen?: number;
  rebootDelayMs?: number;
};

export const DEFAULT_MAX_OPEN_CONSOLES = 1000;

type OpenConsole = { console: FakeConsole; server: RfbServer; endpoint: ConsoleEndpoint; lastAsked: number };

export class FakeConsoleServers {
  private readonly consoles = new Map<string, Promise<OpenConsole>>();
  private readonly opened = new Map<string, OpenConsole>();
  private stopped = false;

  constructor(private readonly settings: FakeConsoleSettings) {}

  get openCount(): number {
    return this.consoles.size;
  }

  /** The console of an instance running on `node`, opened now unless it is open. */
  async open(node: string, instance: Omit<FakeConsoleInstance, "node">): Promise<ConsoleEndpoint> {
    if (this.stopped) throw new HypervisorError("The master daemon is stopping; no console can be opened");
    const key = keyOf(node, instance.name);
    let pending = this.consoles.get(key);
    if (!pending) {
      // Room is made and taken at once, so a burst of asks (a query of every instance) stays within the limit.
      this.makeRoom();
      const starting = this.start(node, instance);
      this.consoles.set(key, starting);
      starting.catch(() => {
        if (this.consoles.get(key) === starting) this.consoles.delete(key);
      });
      pending = starting;
    }
    const open = await pending;
    open.lastAsked = Date.now();
    return open.endpoint;
  }

  /** The instance's console on `node`, if open (for tests and the node's own use). */
  console(node: string, instance: string): FakeConsole | undefined {
    return this.opened.get(keyOf(node, instance))?.console;
  }

  /** Closes the instance's console on `node` (it stopped there, rebooted hard, or left). */
  close(node: string, instance: string, why: string): void {
    const key = keyOf(node, instance);
    const pending = this.consoles.get(key);
    if (!pending) return;
    this.consoles.delete(key);
    void pending.then((open) => this.shut(key, open, why)).catch(() => undefined);
  }

  /** A reboot inside the guest: the console stays (same port, viewers stay connected) and shows the boot again. */
  softReboot(node: string, instance: string): void {
    this.console(node, instance)?.reboot("soft reboot");
  }

  /** Closes every console of a node (powered off, marked offline, removed). */
  closeNode(node: string, why: string): void {
    for (const key of [...this.consoles.keys()]) if (key.startsWith(`${node}\0`)) this.close(node, key.slice(node.length + 1), why);
  }

  /** Closes every console and opens no more (masterd stops). */
  async closeAll(why: string): Promise<void> {
    this.stopped = true;
    const all = [...this.consoles.entries()];
    this.consoles.clear();
    await Promise.all(all.map(([key, pending]) => pending.then((open) => this.shut(key, open, why)).catch(() => undefined)));
  }

  private async start(node: string, instance: Omit<FakeConsoleInstance, "node">): Promise<OpenConsole> {
    const password = readVncClusterPassword(this.settings.stateDir);
    const transcript = new ConsoleTranscript(transcriptFile(this.settings.stateDir, instance.name));
    const fakeConsole = new FakeConsole({ ...instance, node }, transcript, { rebootDelayMs: this.settings.rebootDelayMs });
    const server = new RfbServer({
      framebuffer: fakeConsole.screen,
      desktopName: `${instance.name} (Gantry fake hypervisor, simulated)`,
      password,
      onKey: (keysym, down) => fakeConsole.key(keysym, down),
      onCutText: (text) => fakeConsole.clipboard(text),
    });
    let port: number;
    try {
      ({ port } = await server.listen(0, this.settings.bind));
    } catch (error) {
      fakeConsole.close("its VNC server could not listen");
      throw new HypervisorError(`Cannot open the console of ${instance.name} on ${this.settings.bind}: ${(error as Error).message}`);
    }
    const open: OpenConsole = { console: fakeConsole, server, endpoint: { host: this.settings.bind, port }, lastAsked: Date.now() };
    this.opened.set(keyOf(node, instance.name), open);
    return open;
  }

  private async shut(key: string, open: OpenConsole, why: string): Promise<void> {
    if (this.opened.get(key) === open) this.opened.delete(key);
    open.console.close(why);
    await open.server.close();
  }

  /**
   * At the limit, closes the console asked for least recently that has no viewer; refuses when every one has a viewer
   * or is still opening.
   */
  private makeRoom(): void {
    const max = this.settings.maxOpen ?? DEFAULT_MAX_OPEN_CONSOLES;
    while (this.consoles.size >= max) {
      let idlest: [string, OpenConsole] | null = null;
      for (const [key, open] of this.opened) {
        if (this.consoles.has(key) && open.server.clientCount === 0 && (!idlest || open.lastAsked < idlest[1].lastAsked)) idlest = [key, open];
      }
      if (!idlest) throw new HypervisorError(`${max} consoles are open, the most at once, and each has a viewer or is opening; close one and ask again`);
      const [key, open] = idlest;
      this.consoles.delete(key);
      void this.shut(key, open, `closed to make room (${max} consoles open)`);
    }
  }
}

function keyOf(node: string, instance: string): string {
  return `${node}\0${instance}`;
}
