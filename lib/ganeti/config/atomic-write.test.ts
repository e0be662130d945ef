import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { MAX_WRITES_IN_FLIGHT, writeFileAtomic, writesInFlightPeak } from "./atomic-write";

it("queues a burst of writes instead of opening a file for each at once (no EMFILE), and loses none", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "atomic-burst-"));
  const count = MAX_WRITES_IN_FLIGHT * 8;
  await Promise.all(Array.from({ length: count }, (_, i) => writeFileAtomic(path.join(dir, `job-${i}.json`), `{"id":${i}}`, { durable: i % 2 === 0 })));
  expect(writesInFlightPeak()).toBe(MAX_WRITES_IN_FLIGHT);
  const files = fs.readdirSync(dir);
  expect(files).toHaveLength(count); // no temporary file left behind
  expect(fs.readFileSync(path.join(dir, `job-${count - 1}.json`), "utf8")).toBe(`{"id":${count - 1}}`);
  fs.rmSync(dir, { recursive: true });
});
