// Guessing an unjoined noded's token is 128 bits of work, but a node answering wrong tokens forever still invites it:
// after MAX_WRONG wrong tokens in a row it refuses every join for LOCKOUT_MS, then counts afresh.
export const MAX_WRONG_TOKENS = 10;
export const LOCKOUT_MS = 60_000;

export class JoinAttempts {
  private wrongInARow = 0;
  private lockedUntil = 0;

  /** Milliseconds left of a lockout, or 0 when joins are accepted. */
  lockedFor(now = Date.now()): number {
    return Math.max(0, this.lockedUntil - now);
  }

  /** Counts a wrong token; true when this one starts a lockout. */
  wrongToken(now = Date.now()): boolean {
    this.wrongInARow++;
    if (this.wrongInARow < MAX_WRONG_TOKENS) return false;
    this.wrongInARow = 0;
    this.lockedUntil = now + LOCKOUT_MS;
    return true;
  }

  rightToken(): void {
    this.wrongInARow = 0;
  }
}
