// Test support: a password file as `vncpasswd` writes it (what vncsnapshot's -passwd reads): the password's first 8
// bytes, zero-padded, DES-encrypted with the fixed key every VNC implementation shares (RealVNC's vncauth.c). VNC's DES
// mirrors each key byte's bits, as vncAuthResponse does, so it serves here with the fixed key as the "password".
import { vncAuthResponse } from "../vnc-auth";

const FIXED_KEY = String.fromCharCode(23, 82, 107, 6, 35, 78, 88, 7);

export function vncPasswdFileContent(password: string): Buffer {
  const block = Buffer.alloc(16);
  Buffer.from(password, "latin1").copy(block, 0, 0, 8);
  // ECB: the first 8 bytes of the answer are the first block's alone.
  return vncAuthResponse(block, FIXED_KEY).subarray(0, 8);
}
