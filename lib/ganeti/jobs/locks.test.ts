import { describe, expect, it } from "vitest";
import { LockCancelled, LockManager, type LockSpec } from "./locks";

const node = (name: string, mode: LockSpec["mode"] = "exclusive"): LockSpec => ({ level: "node", name, mode });
const instance = (name: string, mode: LockSpec["mode"] = "exclusive"): LockSpec => ({ level: "instance", name, mode });
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("LockManager", () => {
  it("lets shared holders share and makes an exclusive request wait for all of them", async () => {
    const locks = new LockManager();
    await locks.acquire("job/1", [node("n1", "shared")]);
    await locks.acquire("job/2", [node("n1", "shared")]);
    let granted = false;
    const exclusive = locks.acquire("job/3", [node("n1")]).then(() => (granted = true));
    await tick();
    expect(granted).toBe(false);
    locks.release("job/1");
    await tick();
    expect(granted).toBe(false);
    locks.release("job/2");
    await exclusive;
    expect(locks.heldBy("job/3")).toEqual([node("n1")]);
  });

  it("does not let new shared requests overtake a waiting exclusive one", async () => {
    const locks = new LockManager();
    await locks.acquire("a", [node("n1", "shared")]);
    const order: string[] = [];
    const b = locks.acquire("b", [node("n1")]).then(() => order.push("b"));
    const c = locks.acquire("c", [node("n1", "shared")]).then(() => order.push("c"));
    await tick();
    locks.release("a");
    await b;
    locks.release("b");
    await c;
    expect(order).toEqual(["b", "c"]);
  });

  it("grants waiting requests by priority, then arrival", async () => {
    const locks = new LockManager();
    await locks.acquire("holder", [node("n1")]);
    const order: string[] = [];
    const low = locks.acquire("low", [node("n1")], { priority: 10 }).then(() => order.push("low"));
    const high = locks.acquire("high", [node("n1")], { priority: -10 }).then(() => order.push("high"));
    await tick();
    locks.release("holder");
    await high;
    locks.release("high");
    await low;
    expect(order).toEqual(["high", "low"]);
  });

  it("never deadlocks two jobs asking for the same locks in different orders", async () => {
    const locks = new LockManager();
    const first = locks.acquire("j1", [node("b"), node("a")]).then(() => locks.release("j1"));
    const second = locks.acquire("j2", [node("a"), node("b")]).then(() => locks.release("j2"));
    await Promise.all([first, second]);
    expect(locks.describe()).toEqual([]);
  });

  it("refuses to take a lock that comes before one already held", async () => {
    const locks = new LockManager();
    await locks.acquire("j", [node("n1")]);
    await expect(locks.acquire("j", [instance("i1")])).rejects.toThrow(/lock order violation/);
  });

  it("gives back what it took when a waiting acquisition is cancelled", async () => {
    const locks = new LockManager();
    await locks.acquire("holder", [node("b")]);
    const controller = new AbortController();
    const waiting = locks.acquire("j", [node("a"), node("b")], { signal: controller.signal });
    await tick();
    expect(locks.heldBy("j")).toEqual([node("a")]);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(LockCancelled);
    expect(locks.heldBy("j")).toEqual([]);
    await locks.acquire("other", [node("a")]);
  });
});
