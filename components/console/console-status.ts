// What the console page says at each moment. The proxy closes the WebSocket with a 4000-range code and a short
// reason in words (expired token, VM stopped, permission withdrawn, signed out, idle, too long); the page shows that
// reason as it is, and falls back to the WebSocket's standard codes otherwise.
export type ConsolePhase =
  | { kind: "requesting" }
  | { kind: "connecting" }
  | { kind: "connected"; desktop: string }
  | { kind: "closed"; message: string; problem: boolean };

export function closeMessage(code: number, reason: string, clean: boolean): { message: string; problem: boolean } {
  if (reason) return { message: reason, problem: code !== 1000 };
  if (code === 1000 || (clean && code === 1005)) return { message: "The console session ended.", problem: false };
  if (code === 1006) return { message: "The connection to the console was lost (network or server). Connect again.", problem: true };
  if (code === 1011) return { message: "The console proxy failed; try again, and tell an administrator if it keeps happening.", problem: true };
  return { message: `The console closed (code ${code}).`, problem: true };
}

export function phaseText(phase: ConsolePhase): string {
  switch (phase.kind) {
    case "requesting": return "Asking for console access…";
    case "connecting": return "Connecting to the console…";
    case "connected": return `Connected${phase.desktop ? ` to ${phase.desktop}` : ""}. Click the screen to type.`;
    case "closed": return phase.message;
  }
}
