// A full garbage collection on demand, outside the timed part of a sample: benches that parse large answers collect
// the previous sample's garbage first, so that one sample's cost does not land in the next one's time.
import v8 from "node:v8";
import vm from "node:vm";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

export function collectGarbage(): void {
  gc();
}
