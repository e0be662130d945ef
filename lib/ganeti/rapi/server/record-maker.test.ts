import { describe, expect, it } from "vitest";
import { I_FIELDS } from "./bulk";
import { recordMaker } from "./record-maker";

describe("recordMaker (Ganeti's MapFields)", () => {
  it("maps values to the fields in order, null for a missing value", () => {
    const make = recordMaker(["name", "nic.ips", "be/memory"]);
    const item = make(["web1", [null], undefined]);
    expect(Object.keys(item)).toEqual(["name", "nic.ips", "be/memory"]);
    expect(item).toEqual({ name: "web1", "nic.ips": [null], "be/memory": null });
    expect(JSON.stringify(recordMaker(I_FIELDS)(I_FIELDS.map((f) => f)))).toBe(JSON.stringify(Object.fromEntries(I_FIELDS.map((f) => [f, f]))));
  });

  it("builds the same maker once per field list, also for a new array with the same names", () => {
    expect(recordMaker(["a", "b"])).toBe(recordMaker(["a", "b"]));
    expect(recordMaker(["a", "b"])).not.toBe(recordMaker(["b", "a"]));
  });

  it("keeps names that cannot be literal keys as plain own properties", () => {
    const item = recordMaker(["__proto__", "a b", 'q"uote'])([1, 2, 3]);
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
    expect(Object.keys(item)).toEqual(["__proto__", "a b", 'q"uote']);
    expect(JSON.parse(JSON.stringify(item))).toEqual(JSON.parse('{"__proto__":1,"a b":2,"q\\"uote":3}'));
  });
});

describe("recordMaker with columns", () => {
  it("takes each field's value from its column of a wider row", () => {
    expect(recordMaker(["b", "d"], [1, 3])(["a", "B", "c", "D"])).toEqual({ b: "B", d: "D" });
    expect(() => recordMaker(["b"], [1, 2])).toThrow("one column index per field");
  });
});
