import { describe, expect, it } from "vitest";
import { instanceAddOp } from "./programs/instance-add";
import { instanceModifyOp } from "./programs/gnt-instance";
import { renderTable } from "./table";
import { parseIndexedParams, parseKeyValues, parseYesNo } from "./values";

describe("Ganeti's option values", () => {
  it("parses key=value lists with no_ and - prefixes and escaped commas", () => {
    expect(parseKeyValues("vcpus=2,memory=1G,no_auto_balance,-spindle_use", "-B")).toEqual({ vcpus: "2", memory: "1G", auto_balance: false, spindle_use: null });
    expect(parseKeyValues("kernel_args=ro\\,quiet", "-H")).toEqual({ kernel_args: "ro,quiet" });
    expect(parseIndexedParams("0:size=10G,mode=ro", "--disk")).toEqual([0, { size: "10G", mode: "ro" }]);
    expect(parseIndexedParams("add:size=1G", "--disk")).toEqual(["add", { size: "1G" }]);
    expect(parseYesNo("yes", "--offline")).toBe(true);
    expect(() => parseYesNo("maybe", "--offline")).toThrow("Invalid value 'maybe' for --offline: use yes or no");
  });

  it("turns gnt-instance add options into OP_INSTANCE_CREATE", () => {
    expect(instanceAddOp("web1", { diskTemplate: "drbd", node: "n2:n3", osType: "noop", backendParameters: "memory=1G", disk: ["0:size=10G", "1:size=512"] })).toMatchObject({
      OP_ID: "OP_INSTANCE_CREATE",
      instance_name: "web1",
      disk_template: "drbd",
      pnode: "n2",
      snode: "n3",
      os_type: "noop",
      beparams: { memory: "1G" },
      disks: [{ size: 10240 }, { size: 512 }],
      nics: [{}],
      start: true,
    });
    expect(() => instanceAddOp("x", { diskTemplate: "plain", disk: ["1:size=1G"] })).toThrow("Disk indexes must be 0, 1, 2...; disk 0 is missing");
    expect(() => instanceAddOp("x", { diskTemplate: "plain", disk: ["0:mode=ro"] })).toThrow("Missing size for disk 0: use --disk 0:size=SIZE");
    expect(() => instanceAddOp("x", {})).toThrow(/A disk template is required/);
  });

  it("turns gnt-instance modify options into OP_INSTANCE_SET_PARAMS modifications", () => {
    expect(instanceModifyOp("web1", { disk: ["add:size=2G", "0:size=20G", "1:remove"], net: ["add:link=br1"] })).toMatchObject({
      disks: [["add", -1, { size: 2048 }], ["modify", 0, { size: 20480 }], ["remove", 1, {}]],
      nics: [["add", -1, { link: "br1" }]],
    });
    expect(instanceModifyOp("web1", { disk: ["data:modify,mode=ro", "1:add,size=1G", "remove"], runtimeMemory: "512" })).toMatchObject({
      disks: [["modify", "data", { mode: "ro" }], ["add", 1, { size: 1024 }], ["remove", -1, {}]],
      runtime_mem: 512,
    });
    expect(() => instanceModifyOp("web1", {})).toThrow(/Nothing to change/);
  });
});

describe("renderTable", () => {
  const fields = [
    { name: "name", title: "Node", kind: "text" as const, doc: "" },
    { name: "mfree", title: "MFree", kind: "unit" as const, doc: "" },
    { name: "offline", title: "Offline", kind: "bool" as const, doc: "" },
  ];
  const rows: Array<Array<[number, unknown]>> = [
    [[0, "node1.example.org"], [0, 21727], [0, false]],
    [[0, "n2"], [2, null], [0, true]],
  ];
  it("aligns columns with numbers on the right and human units", () => {
    expect(renderTable(fields, rows, { headers: true })).toBe(["Node              MFree Offline", "node1.example.org 21.2G N", "n2                    * Y"].join("\n"));
  });
  it("uses MiB and the separator when one is given", () => {
    expect(renderTable(fields, rows, { headers: false, separator: "|" })).toBe("node1.example.org|21727|N\nn2|*|Y");
  });
});
