import { describe, expect, it } from "vitest";
import { AntColony } from "../../src/population/aco/index.js";
import { GeneticAlgorithm } from "../../src/population/ga/index.js";
import { checkSolutionBatch, checkStoredRows } from "../../src/population/solution-batch.js";

describe("checkSolutionBatch", () => {
  const ok = [
    { x: [0, 1], value: 1 },
    { x: [0.5, 2], value: Number.POSITIVE_INFINITY },
  ];
  it("accepts a batch of the right size, dimension and values", () => {
    expect(() => checkSolutionBatch("T.tell", ok, 2, 2)).not.toThrow();
  });
  it("names the size, the solution and the coordinate that is wrong", () => {
    expect(() => checkSolutionBatch("T.tell", ok, 3, 2)).toThrow(
      "T.tell: expected 3 solutions (populationSize), got 2",
    );
    expect(() => checkSolutionBatch("T.tell", [ok[0]!, { x: [0, 1], value: Number.NaN }], 2, 2)).toThrow(
      "T.tell: solutions[1].value must be a number (not NaN), got NaN",
    );
    expect(() => checkSolutionBatch("T.tell", [ok[0]!, { x: [0], value: 1 }], 2, 2)).toThrow(
      "T.tell: solutions[1].x must have 2 coordinates",
    );
    expect(() => checkSolutionBatch("T.tell", [ok[0]!, { x: [0, Number.NaN], value: 1 }], 2, 2)).toThrow(
      "T.tell: solutions[1].x[1] must be finite, got NaN",
    );
    expect(() =>
      checkSolutionBatch("T.tell", ok, 2, 2, (xi, i) => (i === 1 && xi > 1 ? "an integer in [0, 1]" : null)),
    ).toThrow("T.tell: solutions[1].x[1] must be an integer in [0, 1], got 2");
    expect(() => checkSolutionBatch("T.tell", "no" as never, 2, 2)).toThrow(TypeError);
  });
});

describe("checkStoredRows and the state records that use it", () => {
  it("refuses rows of the wrong shape, too many rows, and a negative counter", () => {
    const where = "T.fromJSON";
    expect(() =>
      checkStoredRows(where, [[1, 2]], [0], 1, 2, ["archive", "rows"], ["iteration", 0]),
    ).not.toThrow();
    expect(() => checkStoredRows(where, [[1, 2]], [], 1, 2, ["archive", "rows"], ["iteration", 0])).toThrow(
      "T.fromJSON: archive must be at most 1 rows of 2 finite numbers, one value each",
    );
    expect(() =>
      checkStoredRows(where, [[1, Number.NaN]], [0], 1, 2, ["archive", "rows"], ["iteration", 0]),
    ).toThrow(/archive must be/);
    expect(() => checkStoredRows(where, [[1, 2]], [0], 1, 2, ["archive", "rows"], ["iteration", -1])).toThrow(
      "T.fromJSON: iteration must be a non-negative integer, got -1",
    );
  });

  it("AntColony.fromJSON and GeneticAlgorithm.fromJSON refuse a corrupted record", () => {
    const aco = new AntColony({ bounds: { lower: [0, 0], upper: [1, 1] }, seed: 1, archiveSize: 4, ants: 2 });
    const a = JSON.parse(JSON.stringify(aco.toJSON()));
    expect(() => AntColony.fromJSON({ ...a, archive: [[0, 0, 0]], values: [1] })).toThrow(
      /archive must be at most 4 rows of 2/,
    );
    const ga = new GeneticAlgorithm({ bounds: { lower: [0, 0], upper: [1, 1] }, seed: 1, populationSize: 4 });
    const g = JSON.parse(JSON.stringify(ga.toJSON()));
    expect(() => GeneticAlgorithm.fromJSON({ ...g, generation: 1.5 })).toThrow(
      /generation must be a non-negative integer/,
    );
  });
});
