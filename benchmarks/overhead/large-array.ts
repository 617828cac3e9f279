/**
 * Issue 18: the cost per element of building a JS number[] by push and an Int32Array of the
 * same n, for n around V8's large-object threshold. Past about 16,000 elements (a backing store
 * over 128 KiB) a JS array is allocated in the large-object space, its own pages in the old
 * generation, and building one per call costs an order of magnitude more per element: why TPE's
 * per-trial index lists of n entries are typed arrays (the split, the column reader's rows).
 * CPU time per element, second pass.
 *
 *   npm run ts -- benchmarks/overhead/large-array.ts [N...]   (default 8000 12000 15000 17000 20000 40000)
 */
const sizes = process.argv.slice(2).map(Number);
if (sizes.length === 0) sizes.push(8000, 12000, 15000, 17000, 20000, 40000);
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
let sink = 0;
for (const pass of [1, 2]) {
  for (const n of sizes) {
    const reps = Math.round(4e7 / n);
    let t0 = cpuMs();
    for (let r = 0; r < reps; r++) {
      const a: number[] = [];
      for (let i = 0; i < n; i++) a.push(i);
      sink += a[n - 1]!;
    }
    const push = ((cpuMs() - t0) / reps / n) * 1e6;
    t0 = cpuMs();
    for (let r = 0; r < reps; r++) {
      const a = new Int32Array(n);
      for (let i = 0; i < n; i++) a[i] = i;
      sink += a[n - 1]!;
    }
    const typed = ((cpuMs() - t0) / reps / n) * 1e6;
    if (pass === 2)
      console.log(
        `n=${n}: number[] by push ${push.toFixed(1)} ns/element, Int32Array ${typed.toFixed(1)} ns/element`,
      );
  }
}
if (sink === 0.5) console.log("(sink)");
