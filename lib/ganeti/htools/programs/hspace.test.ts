import { describe, expect, it } from "vitest";
import type { EngineFactory } from "../capacity/hspace-run";
import { fastEngine } from "../capacity/fast-engine";
import { referenceEngine } from "../capacity/engine";
import { main } from "./hspace";

/** hspace's whole output with the given engine. */
async function run(args: string[], engine: EngineFactory): Promise<string> {
  let out = "";
  let err = "";
  const status = await main(args, { engine, out: (s) => (out += s), err: (s) => (err += s) });
  expect(status, err).toBe(0);
  return out;
}

/** The engine without its shortcut: every shrink chain is walked, as Ganeti does. */
const walkingEveryChain =
  (factory: EngineFactory): EngineFactory =>
  (targets) => ({ ...factory(targets), cannotFitShrinking: () => false });

describe("hspace's tiered allocation skips only shrink chains that cannot fit", () => {
  // Small clusters that end full of disk, of memory, or of vCPUs (the three chains the shortcut skips), DRBD and plain.
  const cases = [
    ["--simulate", "p,6,300g,64g,16", "--disk-template", "drbd"],
    ["--simulate", "p,6,4T,24g,16", "--disk-template", "drbd"],
    ["--simulate", "p,5,4T,256g,2", "--disk-template", "drbd"],
    ["--simulate", "p,5,300g,32g,8", "--disk-template", "plain"],
    ["--simulate", "p,4,2T,64g,16", "--simulate", "p,3,500g,32g,8", "--disk-template", "drbd", "--tiered-alloc", "8192,204800,4"],
  ];
  for (const args of cases) {
    it(`gives the same report as walking every chain: ${args.join(" ")}`, async () => {
      const full = [...args, "--machine-readable"];
      const fast = await run(full, fastEngine);
      expect(fast).toContain("HTS_TSPEC=");
      expect(fast).toBe(await run(full, walkingEveryChain(fastEngine)));
      expect(fast).toBe(await run(full, walkingEveryChain(referenceEngine)));
    });
  }
});
