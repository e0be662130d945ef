// What a simulated console makes of RFB key events (X11 keysyms): printable ASCII, the keypad, Enter, Backspace,
// Ctrl-C and Ctrl-U, and Ctrl-Alt-Del (Delete pressed while a Control and an Alt key are held), as a guest would.
import { Keysym } from "../../../rfb/protocol";

export type KeyAction =
  | { kind: "char"; char: string }
  | { kind: "enter" }
  | { kind: "backspace" }
  | { kind: "interrupt" }
  | { kind: "eraseLine" }
  | { kind: "ctrlAltDel" };

const CONTROL = new Set<number>([Keysym.controlL, Keysym.controlR]);
const ALT = new Set<number>([Keysym.altL, Keysym.altR, Keysym.metaL, Keysym.metaR]);
/** Keypad keys that type a character: KP_Space, KP_Multiply … KP_Divide, KP_0 … KP_9, KP_Equal. */
const KEYPAD: ReadonlyMap<number, string> = new Map([
  [0xff80, " "],
  ...Array.from("*+,-./", (ch, i) => [0xffaa + i, ch] as [number, string]),
  ...Array.from("0123456789", (ch, i) => [0xffb0 + i, ch] as [number, string]),
  [0xffbd, "="],
]);

export class KeyboardState {
  private readonly held = new Set<number>();

  /** The action of one key event (a press), or null (a release, a modifier, a key that does nothing here). */
  event(keysym: number, down: boolean): KeyAction | null {
    if (!down) {
      this.held.delete(keysym);
      return null;
    }
    if (CONTROL.has(keysym) || ALT.has(keysym)) {
      this.held.add(keysym);
      return null;
    }
    const control = [...CONTROL].some((k) => this.held.has(k));
    const alt = [...ALT].some((k) => this.held.has(k));
    if (keysym === Keysym.delete || keysym === Keysym.kpDelete) return control && alt ? { kind: "ctrlAltDel" } : null;
    if (keysym === Keysym.returnKey || keysym === Keysym.kpEnter) return { kind: "enter" };
    if (keysym === Keysym.backSpace) return { kind: "backspace" };
    const char = keysym >= 0x20 && keysym <= 0x7e ? String.fromCharCode(keysym) : KEYPAD.get(keysym);
    if (char === undefined) return null;
    if (control) {
      const letter = char.toLowerCase();
      return letter === "c" ? { kind: "interrupt" } : letter === "u" ? { kind: "eraseLine" } : null;
    }
    return alt ? null : { kind: "char", char };
  }
}
