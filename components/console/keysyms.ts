// Text typed into the VM goes as RFB key events, which carry X11 keysyms: Latin-1 characters are their own keysym,
// control keys have their own, and any other Unicode character is 0x01000000 + its code point (X11's rule, which
// QEMU and most VNC servers understand).
const CONTROL: Record<string, number> = { "\n": 0xff0d, "\r": 0xff0d, "\t": 0xff09, "\b": 0xff08, "\u001b": 0xff1b };

export function keysymOf(character: string): number | null {
  if (character in CONTROL) return CONTROL[character]!;
  const code = character.codePointAt(0);
  if (code === undefined || code < 0x20 || code === 0x7f) return null;
  return code <= 0xff ? code : 0x01000000 + code;
}

/** The keysyms of a text, "\r\n" as one Return; characters without a keysym (other control characters) are left out. */
export function keysymsOf(text: string): number[] {
  return Array.from(text.replace(/\r\n/g, "\n"), keysymOf).filter((k): k is number => k !== null);
}
