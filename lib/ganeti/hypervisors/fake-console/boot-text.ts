// What a simulated instance's console shows when it starts: first, plainly, that it is a simulation, then the
// instance's OS, memory and vCPUs and a few boot lines, then a login prompt. No kernel boots and nothing runs.
import { TextColour } from "../../../rfb/text-screen";

export type FakeConsoleInstance = { name: string; node: string; os: string; memory: number; vcpus: number };
export type ScreenLine = { text: string; colour: number };

export function bootText(instance: FakeConsoleInstance): ScreenLine[] {
  const note = (text: string) => ({ text, colour: TextColour.yellow });
  const plain = (text: string) => ({ text, colour: TextColour.grey });
  const cpus = `${instance.vcpus} vCPU${instance.vcpus === 1 ? "" : "s"}`;
  return [
    note(`Gantry fake hypervisor: simulated instance ${instance.name}`),
    note("Nothing runs here: this console is drawn by the simulation, for demos and tests."),
    plain(""),
    plain(`Node: ${instance.node}    OS: ${instance.os}    Memory: ${instance.memory} MiB    vCPUs: ${instance.vcpus}`),
    plain(""),
    plain(`[    0.000000] Simulated boot of ${instance.name} (no kernel runs)`),
    plain(`[    0.000000] Memory: ${instance.memory * 1024}K available`),
    plain(`[    0.010000] smp: ${cpus} online`),
    plain("[    0.250000] Mounting the root file system (simulated)"),
    plain("[    0.500000] Starting the login service (simulated)"),
    plain(""),
  ];
}

export const loginPrompt = (instance: FakeConsoleInstance) => `${instance.name} login: `;
export const PASSWORD_PROMPT = "Password: ";
export const LOGIN_INCORRECT = "Login incorrect (this simulated instance has no accounts)";
