import { describe, expect, it } from "vitest";
import { textStream } from "./text-stream";

describe("textStream", () => {
  it("sends the pieces in order as UTF-8", async () => {
    async function* pieces() {
      yield "a,b\r\n";
      yield "é,ü\r\n";
    }
    expect(await new Response(textStream(pieces())).text()).toBe("a,b\r\né,ü\r\n");
  });

  it("asks for a piece only when the reader wants one, and stops the producer when the reader goes away", async () => {
    const produced: number[] = [];
    let finished = false;
    async function* pieces() {
      try {
        for (let i = 0; ; i++) {
          produced.push(i);
          yield `${i}\n`;
        }
      } finally {
        finished = true;
      }
    }
    const reader = textStream(pieces()).getReader();
    await reader.read();
    await reader.read();
    expect(produced.length).toBeLessThanOrEqual(3);
    await reader.cancel();
    expect(finished).toBe(true);
  });
});
