// des.js ships no types; only the DES-ECB cipher VNC authentication needs is declared.
declare module "des.js" {
  type Cipher = { update(data: ArrayLike<number>): number[]; final(): number[] };
  export const DES: { create(options: { type: "encrypt" | "decrypt"; key: ArrayLike<number> }): Cipher };
}
