import { describe, expect, it } from "vitest";
import { hoistDatasets } from "../../src/page/index.js";
import type { PlotSpec } from "../../src/plots/index.js";

describe("hoistDatasets", () => {
  it("names each distinct dataset once, replaces inline rows by the name, leaves the specs intact", () => {
    const rows = [{ a: 1 }, { a: 2 }];
    const a = { data: { values: rows }, mark: "point" } as unknown as PlotSpec;
    const b = {
      hconcat: [{ data: { values: [{ a: 1 }, { a: 2 }] } }, { data: { values: [{ b: 3 }] } }],
    } as unknown as PlotSpec;
    const before = JSON.stringify([a, b]);
    const h = hoistDatasets([a, b]);
    expect(JSON.stringify([a, b])).toBe(before);
    expect(Object.keys(h.datasets).length).toBe(2);
    const name = (h.specs[0] as unknown as { data: { name: string } }).data.name;
    expect(name).toMatch(/^d[0-9a-f]{16}$/);
    expect(h.uses[0]).toEqual([name]);
    expect(h.uses[1]!.length).toBe(2);
    expect(h.uses[1]).toContain(name);
    expect(h.datasets[name]).toBe(rows);
  });

  it("keeps data with a url or a name, and keys such as __proto__, as they are", () => {
    const spec = JSON.parse(
      '{"data":{"name":"x"},"__proto__":{"k":1},"layer":[{"data":{"url":"a.csv"}}]}',
    ) as PlotSpec;
    const h = hoistDatasets([spec]);
    expect(JSON.stringify(h.specs[0])).toBe(JSON.stringify(spec));
    expect(Object.hasOwn(h.specs[0] as object, "__proto__")).toBe(true);
    expect(h.uses[0]).toEqual([]);
  });
});
