// The text console of one simulated (fake-hypervisor) instance: the boot text, then a login prompt where typed keys
// echo, Backspace erases and Enter ends the line. The dialogue is small and honest: a user name, a password that is
// not shown, "Login incorrect" (there are no accounts), and the prompt again. Ctrl-Alt-Del, or a soft reboot from the
// cluster, shows a reboot message and boots again on the same screen. Every line shown and typed goes to the
// transcript; a password only as its length.
import { TextColour, TextScreen } from "../../../rfb/text-screen";
import { bootText, LOGIN_INCORRECT, loginPrompt, PASSWORD_PROMPT, type FakeConsoleInstance } from "./boot-text";
import { KeyboardState } from "./keyboard";
import type { ConsoleTranscript } from "./transcript";

export type FakeConsoleOptions = {
  /** How long the reboot message stays before the boot text (ms). */
  rebootDelayMs?: number;
};

export class FakeConsole {
  readonly screen = new TextScreen();
  private readonly keyboard = new KeyboardState();
  private stage: "login" | "password" | "rebooting" = "login";
  private prompt = "";
  private input = "";
  private rebootTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly instance: FakeConsoleInstance,
    private readonly transcript: ConsoleTranscript,
    private readonly options: FakeConsoleOptions = {},
  ) {
    this.boot();
  }

  /** An RFB key event. */
  key(keysym: number, down: boolean): void {
    const action = this.keyboard.event(keysym, down);
    if (!action) return;
    if (action.kind === "ctrlAltDel") {
      this.transcript.record("event", "Ctrl-Alt-Del");
      this.reboot("Ctrl-Alt-Del");
      return;
    }
    if (this.stage === "rebooting") return;
    switch (action.kind) {
      case "char":
        // The line stays on one row of the screen; a longer one is not taken (as a full input buffer).
        if (this.prompt.length + this.input.length >= this.screen.cols - 1) return;
        this.input += action.char;
        if (this.stage === "login") this.screen.write(action.char, TextColour.white);
        return;
      case "backspace":
        if (!this.input) return;
        this.input = this.input.slice(0, -1);
        if (this.stage === "login") this.screen.eraseBack();
        return;
      case "eraseLine":
        if (this.stage === "login") for (let i = 0; i < this.input.length; i++) this.screen.eraseBack();
        this.input = "";
        return;
      case "interrupt":
        this.transcript.record("typed", `${this.prompt}${this.shownInput()}^C`);
        this.screen.write("^C\n");
        this.askLogin();
        return;
      case "enter":
        this.enter();
        return;
    }
  }

  /** Clipboard text a viewer sent: recorded (it is what the user gave the console); a text console has no clipboard. */
  clipboard(text: string): void {
    const shown = text.length > 200 ? `${text.slice(0, 200)}… (${text.length} characters)` : text;
    this.transcript.record("event", `clipboard text from a viewer: ${shown}`);
  }

  /** A reboot inside the guest (Ctrl-Alt-Del, a soft reboot): the message, then the boot text again. */
  reboot(why: string): void {
    this.stage = "rebooting";
    this.input = "";
    this.print([{ text: "", colour: TextColour.grey }, { text: `Rebooting (simulated, ${why})...`, colour: TextColour.yellow }]);
    if (this.rebootTimer) clearTimeout(this.rebootTimer);
    this.rebootTimer = setTimeout(() => {
      this.rebootTimer = null;
      this.boot();
    }, this.options.rebootDelayMs ?? 1000);
    this.rebootTimer.unref();
  }

  /** The console goes away (the instance stopped or left the node): a line typed without Enter is recorded. */
  close(why: string): void {
    if (this.rebootTimer) clearTimeout(this.rebootTimer);
    this.rebootTimer = null;
    if (this.input && this.stage !== "rebooting") this.transcript.record("typed", `${this.prompt}${this.shownInput()} (no Enter)`);
    this.transcript.record("event", `console closed: ${why}`);
  }

  private boot(): void {
    this.screen.clear();
    this.transcript.record("event", `console of ${this.instance.name} on ${this.instance.node} started`);
    this.print(bootText(this.instance));
    this.askLogin();
  }

  private enter(): void {
    const typed = this.input;
    this.transcript.record("typed", `${this.prompt}${this.shownInput()}`);
    this.input = "";
    this.screen.write("\n");
    if (this.stage === "password") {
      this.print([{ text: LOGIN_INCORRECT, colour: TextColour.grey }, { text: "", colour: TextColour.grey }]);
      this.askLogin();
    } else if (typed) {
      this.stage = "password";
      this.ask(PASSWORD_PROMPT);
    } else {
      this.askLogin();
    }
  }

  private askLogin(): void {
    this.stage = "login";
    this.ask(loginPrompt(this.instance));
  }

  private ask(prompt: string): void {
    this.prompt = prompt;
    this.input = "";
    this.screen.write(prompt, TextColour.grey);
  }

  /** What the transcript shows of the line being typed: a password only as its length. */
  private shownInput(): string {
    return this.stage === "password" ? `(${this.input.length} characters, not shown)` : this.input;
  }

  private print(lines: Array<{ text: string; colour: number }>): void {
    for (const line of lines) {
      this.screen.write(`${line.text}\n`, line.colour);
      this.transcript.record("screen", line.text);
    }
  }
}
