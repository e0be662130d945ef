import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Keysym } from "../../../rfb/protocol";
import { FakeConsole } from "./fake-console";
import { ConsoleTranscript, transcriptFile } from "./transcript";

let dir: string;
let transcript: ConsoleTranscript;
let fake: FakeConsole;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gantry-fake-console-"));
  transcript = new ConsoleTranscript(transcriptFile(dir, "web1.example.org"));
  fake = new FakeConsole({ name: "web1.example.org", node: "node2.example.org", os: "noop", memory: 512, vcpus: 2 }, transcript, { rebootDelayMs: 20 });
});
afterEach(() => {
  fake.close("test over");
  fs.rmSync(dir, { recursive: true, force: true });
});

const type = (text: string) => {
  for (const ch of text) {
    fake.key(ch.charCodeAt(0), true);
    fake.key(ch.charCodeAt(0), false);
  }
};
const press = (...keysyms: number[]) => {
  for (const k of keysyms) fake.key(k, true);
  for (const k of [...keysyms].reverse()) fake.key(k, false);
};
const screenText = () => fake.screen.lines().filter(Boolean);
/** The transcript without its timestamps. */
const record = () => fs.readFileSync(transcript.file, "utf8").trimEnd().split("\n").map((line) => line.replace(/^\S+ /, ""));

describe("fake instance console", () => {
  it("boots saying plainly it is simulated, with the instance's OS, memory and vCPUs, then asks for a login", () => {
    expect(screenText()).toEqual([
      "Gantry fake hypervisor: simulated instance web1.example.org",
      "Nothing runs here: this console is drawn by the simulation, for demos and tests.",
      "Node: node2.example.org    OS: noop    Memory: 512 MiB    vCPUs: 2",
      "[    0.000000] Simulated boot of web1.example.org (no kernel runs)",
      "[    0.000000] Memory: 524288K available",
      "[    0.010000] smp: 2 vCPUs online",
      "[    0.250000] Mounting the root file system (simulated)",
      "[    0.500000] Starting the login service (simulated)",
      "web1.example.org login:",
    ]);
    expect(fake.screen.cursor).toEqual({ row: 11, col: "web1.example.org login: ".length });
  });

  it("echoes typed keys, erases with Backspace, hides the password and refuses the login", () => {
    type("alicx");
    press(Keysym.backSpace);
    type("e");
    expect(fake.screen.lineText(11)).toBe("web1.example.org login: alice");
    press(Keysym.returnKey);
    type("secret");
    expect(fake.screen.lineText(12)).toBe("Password:");
    press(Keysym.kpEnter);
    expect(screenText().slice(-3)).toEqual(["Password:", "Login incorrect (this simulated instance has no accounts)", "web1.example.org login:"]);
    expect(record().filter((line) => line.startsWith("typed"))).toEqual([
      "typed: web1.example.org login: alice",
      "typed: Password: (6 characters, not shown)",
    ]);
    expect(fs.readFileSync(transcript.file, "utf8")).not.toContain("secret");
  });

  it("takes the keypad, Ctrl-U and Ctrl-C, and ignores other keys held with Control or Alt", () => {
    press(0xffb4); // KP_4
    press(0xffab); // KP_Add
    press(Keysym.altL, "x".charCodeAt(0));
    press(Keysym.controlL, "v".charCodeAt(0));
    expect(fake.screen.lineText(11)).toBe("web1.example.org login: 4+");
    press(Keysym.controlL, "u".charCodeAt(0));
    expect(fake.screen.lineText(11)).toBe("web1.example.org login:");
    type("bob");
    press(Keysym.controlR, "c".charCodeAt(0));
    expect(screenText().slice(-2)).toEqual(["web1.example.org login: bob^C", "web1.example.org login:"]);
    expect(record()).toContain("typed: web1.example.org login: bob^C");
  });

  it("keeps a typed line on one screen row", () => {
    type("x".repeat(100));
    expect(fake.screen.lineText(11)).toBe(`web1.example.org login: ${"x".repeat(80 - 1 - "web1.example.org login: ".length)}`);
  });

  it("reboots on Ctrl-Alt-Del: a reboot message, then the boot text again", async () => {
    type("half-typed");
    press(Keysym.controlL, Keysym.altL, Keysym.delete);
    expect(screenText().slice(-1)).toEqual(["Rebooting (simulated, Ctrl-Alt-Del)..."]);
    type("ignored while rebooting");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screenText()[0]).toBe("Gantry fake hypervisor: simulated instance web1.example.org");
    expect(screenText().at(-1)).toBe("web1.example.org login:");
    expect(record().filter((line) => line.startsWith("event"))).toEqual([
      "event: console of web1.example.org on node2.example.org started",
      "event: Ctrl-Alt-Del",
      "event: console of web1.example.org on node2.example.org started",
    ]);
    // Delete alone, or with only one of the modifiers, does nothing.
    press(Keysym.controlL, Keysym.delete);
    press(Keysym.delete);
    expect(screenText().at(-1)).toBe("web1.example.org login:");
  });

  it("records a line typed without Enter when the console closes, and clipboard text it was sent", () => {
    fake.clipboard("pasted words");
    type("unfinished");
    fake.close("the instance was shut down");
    expect(record().slice(-3)).toEqual([
      "event: clipboard text from a viewer: pasted words",
      "typed: web1.example.org login: unfinished (no Enter)",
      "event: console closed: the instance was shut down",
    ]);
  });

  it("keeps its record bounded: past the limit the file moves to .log.1 and a new one starts", () => {
    const small = new ConsoleTranscript(path.join(dir, "console", "small.log"), 300);
    for (let i = 0; i < 20; i++) small.record("typed", `line ${i} ${"-".repeat(20)}`);
    const current = fs.readFileSync(small.file, "utf8");
    const previous = fs.readFileSync(`${small.file}.1`, "utf8");
    expect(current.length).toBeLessThanOrEqual(300);
    expect(previous.length).toBeLessThanOrEqual(300);
    expect(current).toContain("line 19");
    expect(fs.statSync(small.file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(small.file)).mode & 0o777).toBe(0o700);
  });
});
