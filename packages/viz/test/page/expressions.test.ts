import { parse, type Spec, View } from "vega";
import { afterEach, describe, expect, it } from "vitest";
import {
  encodeKey,
  expressionKey,
  expressionScript,
  runtimeExpressions,
  scriptBody,
  scriptString,
  specExpressions,
  specsExpressionScript,
} from "../../src/page/index.js";
import { studyPageData } from "../../src/report/index.js";
import { seededMoStudy, seededStudy } from "../plots/seeded-study.js";

interface Evaluator {
  size(): number;
  has(key: string): boolean;
}

/** Runs an expression script as a page would (its globals are this process's) and returns the evaluator. */
function load(source: string): Evaluator {
  delete (globalThis as { tunelabExpressions?: unknown }).tunelabExpressions;
  new Function(source)();
  return (globalThis as unknown as { tunelabExpressions: Evaluator }).tunelabExpressions;
}

afterEach(() => {
  delete (globalThis as { tunelabExpressions?: unknown }).tunelabExpressions;
});

/** A page-data plot's spec with its named datasets filled in, as the page does. */
function filled(data: ReturnType<typeof studyPageData>, i: number): Spec {
  const p = data.plots[i]!;
  const spec = p.spec as { data?: { name: string }[] };
  return {
    ...spec,
    data: (spec.data ?? []).map((d) =>
      Object.keys(d).length === 1 && p.uses.includes(d.name)
        ? { name: d.name, values: data.datasets[d.name] }
        : d,
    ),
  } as Spec;
}

/** The SVG of a spec drawn by a view with the given evaluator (vega's own `Function` codegen when undefined). */
async function svg(spec: Spec, expr?: unknown): Promise<string> {
  const view = new View(parse(spec), {
    renderer: "none",
    ...(expr === undefined ? {} : { expr: expr as never }),
  });
  try {
    // Gradient and clip-path ids are numbered per process: compare without them.
    return (await view.toSVG()).replace(/(clip|gradient)_?\d+/g, "$1");
  } finally {
    view.finalize();
  }
}

describe("runtimeExpressions / specExpressions", () => {
  it("finds operator updates, $expr parameters, every $encode set, stream filters, update targets and handlers, inside subflows too", () => {
    const runtime = {
      operators: [
        { id: 1, type: "operator", update: { code: "1+1" } },
        {
          id: 2,
          type: "Filter",
          params: { expr: { $expr: { code: "datum.a > 0" }, $params: { q: { $expr: { code: "_.x" } } } } },
        },
        {
          id: 3,
          type: "Facet",
          params: {
            subflow: {
              $subflow: {
                operators: [
                  { id: 4, update: { code: "_.inner" } },
                  {
                    id: 5,
                    type: "Encode",
                    params: {
                      encoders: {
                        $encode: {
                          enter: {
                            $expr: { marktype: "rect", channels: { x: { code: "1" }, x2: { code: "0" } } },
                          },
                        },
                      },
                    },
                  },
                ],
              },
            },
          },
        },
        // A plain object parameter is a value, not searched (the runtime does not parse it).
        {
          id: 6,
          type: "Extent",
          params: { field: { value: { $expr: { code: "never" } } }, list: [{ $expr: { code: "a1" } }] },
        },
      ],
      streams: [{ id: 7, source: "view", type: "click", filter: { code: "event.x > 0" } }],
      updates: [
        { source: 7, target: { $expr: { code: "event.item" } }, update: { $expr: { code: "datum" } } },
      ],
    };
    const found = runtimeExpressions(runtime);
    expect(found.map((e) => e.key)).toEqual([
      expressionKey("operator", "1+1"),
      expressionKey("parameter", "_.x"),
      expressionKey("parameter", "datum.a > 0"),
      expressionKey("operator", "_.inner"),
      encodeKey({ marktype: "rect", channels: { x: { code: "1" }, x2: { code: "0" } } }),
      expressionKey("parameter", "a1"),
      expressionKey("event", "event.x > 0"),
      expressionKey("event", "event.item"),
      expressionKey("handler", "datum"),
    ]);
    const rect = found[4]!;
    expect(rect.params).toEqual(["item", "_"]);
    expect(rect.body).toContain("o.width=o.x2-o.x;");
    expect(rect.body).toContain("if(o.x>o.x2)");
  });

  it("refuses an expression without code (a spec parsed with ast only)", () => {
    expect(() => runtimeExpressions({ operators: [{ id: 1, update: { ast: {} } }] })).toThrow(
      /runtimeExpressions: an operator update has no code string/,
    );
  });

  it("holds every expression each plot's view asks for while drawing, the facets' subflows included", async () => {
    for (const study of [seededStudy(1, 300).study, seededMoStudy(2, 120, 2), seededMoStudy(3, 60, 3)]) {
      const data = studyPageData(study, { maxTrialsDrawn: 100 });
      const table = specExpressions(data.plots.map((p) => p.spec));
      const keys = new Set(table.map((e) => e.key));
      const evaluator = load(expressionScript(table)) as unknown as Record<
        string,
        (c: unknown, e: never) => unknown
      >;
      const asked: string[] = [];
      // Our evaluator, recording each key the runtime asks for (it throws on a missing one).
      const rec =
        (kind: "operator" | "parameter" | "event" | "handler") => (c: unknown, e: { code: string }) => {
          asked.push(expressionKey(kind, e.code));
          return evaluator[kind]!(c, e as never);
        };
      const recorder = {
        operator: rec("operator"),
        parameter: rec("parameter"),
        event: rec("event"),
        handler: rec("handler"),
        encode: (c: unknown, e: Parameters<typeof encodeKey>[0]) => {
          asked.push(encodeKey(e));
          return evaluator.encode!(c, e as never);
        },
      };
      for (let i = 0; i < data.plots.length; i++) {
        const view = new View(parse(filled(data, i)), { renderer: "none", expr: recorder as never });
        await view.runAsync();
        view.finalize();
      }
      for (const k of asked) expect(keys.has(k), k.slice(0, 120)).toBe(true);
      expect(new Set(asked).size).toBeGreaterThan(100);
    }
  });
});

describe("expressionScript", () => {
  it("draws every plot of a report exactly as vega's own Function-compiled expressions do", async () => {
    for (const study of [seededStudy(1, 200).study, seededMoStudy(2, 80, 2)]) {
      const data = studyPageData(study, { maxTrialsDrawn: 100 });
      const evaluator = load(specsExpressionScript(data.plots.map((p) => p.spec)));
      expect(evaluator.size()).toBeGreaterThan(100);
      for (let i = 0; i < data.plots.length; i++) {
        const spec = filled(data, i);
        const mine = await svg(spec, evaluator);
        expect(mine.length).toBeGreaterThan(1000);
        expect(mine, data.plots[i]!.id).toBe(await svg(spec));
      }
    }
  });

  it("fails with the missing code string named, never evaluating it another way", async () => {
    const data = studyPageData(seededStudy(1, 30).study);
    const evaluator = load(expressionScript([]));
    expect(evaluator.size()).toBe(0);
    expect(() => new View(parse(filled(data, 0)), { renderer: "none", expr: evaluator as never })).toThrow(
      /tunelab: this page holds no compiled function for the Vega expression "/,
    );
  });

  it("keeps user strings inside their literals: </script>, <!--, quotes, backslashes, U+2028/2029, __proto__", async () => {
    const evil = "</script><script>alert(1)</script> <!-- \"'` \\ \u2028\u2029 __proto__";
    const { study } = seededStudy(1, 40, evil);
    const data = studyPageData(study);
    const source = specsExpressionScript(data.plots.map((p) => p.spec));
    expect(source).not.toMatch(/<\/script|<!--/i);
    expect(source).not.toMatch(/[\u2028\u2029]/);
    // The title holding the name is in the table, and the drawn SVG equals vega's own.
    const evaluator = load(source);
    const title = [...specExpressions([data.plots[0]!.spec])].find((e) => e.key.includes("alert(1)"));
    expect(title).toBeDefined();
    expect(evaluator.has(title!.key)).toBe(true);
    const spec = filled(data, 0);
    expect(await svg(spec, evaluator)).toBe(await svg(spec));
  });

  it("scriptBody escapes a < that could open a tag, keeping every literal's value and every operator", () => {
    for (const body of [
      'return "</script><b><!-- <?x";',
      "return '\\\\<a';",
      "return '\\<a';",
      "return /<a\\/>/.test('<a/>');",
      "return [(1 < 2), (1 <= 2), ((1 << 2) === 4)];",
    ]) {
      const out = scriptBody(body);
      expect(out).not.toMatch(/<[A-Za-z/!?]/);
      expect(new Function(out)(), body).toEqual(new Function(body)());
    }
  });

  it("scriptString is a JSON string with <, U+2028 and U+2029 escaped", () => {
    const s = '</script>\u2028\u2029"';
    expect(scriptString(s)).toBe('"\\u003c/script>\\u2028\\u2029\\""');
    expect(JSON.parse(scriptString(s))).toBe(s);
  });
});
