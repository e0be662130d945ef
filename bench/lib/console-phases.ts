// What the console bench measures on a set of open viewers, the same whatever path they came through:
//   - echo latency: a printable key sent (press and release) with an incremental FramebufferUpdateRequest
//     outstanding, until the FramebufferUpdate that shows it has arrived in full (the fake console echoes typed
//     keys; the update is the cursor's text row, 640x16 pixels, 40 KB). A Backspace after each sample, waited for
//     too but not timed, keeps the login line from filling up;
//   - throughput: every viewer asking for the whole screen again and again (non-incremental, 640x400 raw, 1 MB), one
//     request outstanding each, as a viewer that redraws all of it does.
import { Keysym } from "../../lib/rfb/protocol";
import type { BenchViewer } from "./rfb-viewer";

const PRINTABLE_KEY = "x".charCodeAt(0);

export async function echoLatencyMs(viewer: BenchViewer): Promise<number> {
  viewer.requestUpdate(true);
  const shown = viewer.nextUpdate();
  const start = performance.now();
  viewer.pressKey(PRINTABLE_KEY);
  await shown;
  const ms = performance.now() - start;
  viewer.requestUpdate(true);
  const erased = viewer.nextUpdate();
  viewer.pressKey(Keysym.backSpace);
  await erased;
  return ms;
}

/** `samples` echo latencies of one viewer, one after the other, after `warmUp` untimed ones. */
export async function sequentialEchoes(viewer: BenchViewer, samples: number, warmUp = 20): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await echoLatencyMs(viewer);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await echoLatencyMs(viewer));
  return times;
}

/**
 * Echo latencies with every viewer watching: `typists` (one per console) type at once, a key and its Backspace every
 * `intervalMs` each (a fast typist), while all the others keep an incremental request outstanding, so each echo goes
 * to every viewer of its console.
 */
export async function echoesUnderLoad(typists: BenchViewer[], watchers: BenchViewer[], samplesEach: number, intervalMs: number): Promise<number[]> {
  for (const watcher of watchers) {
    watcher.onUpdate = () => watcher.requestUpdate(true);
    watcher.requestUpdate(true);
  }
  const typing = async (typist: BenchViewer) => {
    const times: number[] = [];
    // Typists start at random moments within one interval, so their keys do not all arrive together.
    await sleep(Math.random() * intervalMs);
    for (let i = 0; i < samplesEach; i++) {
      const due = performance.now() + intervalMs;
      times.push(await echoLatencyMs(typist));
      await sleep(due - performance.now());
    }
    return times;
  };
  try {
    return (await Promise.all(typists.map(typing))).flat();
  } finally {
    for (const watcher of watchers) watcher.onUpdate = null;
    // The last echoes still on their way to the watchers arrive before the next phase.
    await sleep(300);
  }
}

export type Throughput = {
  /** Bytes received by all viewers within the window, and its length. */
  bytes: number;
  seconds: number;
  /** The pieces they came in (see BenchViewer.chunks). */
  chunks: number;
  /** Each viewer's bytes within the window. */
  perViewer: number[];
  /** Request → whole update received, for updates asked for within the window. */
  updateMs: number[];
};

/**
 * Every viewer asks for full screens for `warmUpMs` + `seconds`; what arrives within the last `seconds` counts.
 * `atWindow` is called as the window opens and as it closes (the caller samples CPU time there).
 */
export async function fullScreens(viewers: BenchViewer[], warmUpMs: number, seconds: number, atWindow: (edge: "open" | "close") => void): Promise<Throughput> {
  const windowOpens = performance.now() + warmUpMs;
  const windowCloses = windowOpens + seconds * 1000;
  const updateMs: number[] = [];
  const loops = viewers.map(async (viewer) => {
    while (performance.now() < windowCloses) {
      const start = performance.now();
      viewer.requestUpdate(false);
      await viewer.nextUpdate();
      if (start >= windowOpens) updateMs.push(performance.now() - start);
    }
  });
  const done = Promise.all(loops);
  done.catch(() => undefined); // thrown below, once the window is over
  const snapshot = async (at: number, edge: "open" | "close") => {
    await sleep(at - performance.now());
    atWindow(edge);
    return { at: performance.now(), bytes: viewers.map((v) => v.bytes), chunks: viewers.reduce((sum, v) => sum + v.chunks, 0) };
  };
  const open = await snapshot(windowOpens, "open");
  const close = await snapshot(windowCloses, "close");
  await done;
  const perViewer = close.bytes.map((b, i) => b - open.bytes[i]!);
  return { bytes: perViewer.reduce((a, b) => a + b, 0), seconds: (close.at - open.at) / 1000, chunks: close.chunks - open.chunks, perViewer, updateMs };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
