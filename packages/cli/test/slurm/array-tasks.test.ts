import { describe, expect, it } from "vitest";
import {
  countTaskStates,
  parseSacctTasks,
  parseSqueueTasks,
  sortTasks,
} from "../../src/slurm/array-tasks.js";

describe("parseSqueueTasks", () => {
  it("reads squeue --array --states=all rows (this output is from Slurm 22.05, scripts/services/slurm.sh)", () => {
    const text = [
      "5_2|PENDING|JobArrayTaskLimit|0:00|",
      "5_3|PENDING|JobArrayTaskLimit|0:00|",
      "5_1|RUNNING|None|0:02|vm",
      "5_0|COMPLETED|None|0:03|vm",
      "",
    ].join("\n");
    expect(parseSqueueTasks(text)).toEqual([
      { id: "5_2", count: 1, state: "PENDING", detail: "JobArrayTaskLimit", elapsed: "0:00", nodes: "" },
      { id: "5_3", count: 1, state: "PENDING", detail: "JobArrayTaskLimit", elapsed: "0:00", nodes: "" },
      { id: "5_1", count: 1, state: "RUNNING", detail: "", elapsed: "0:02", nodes: "vm" },
      { id: "5_0", count: 1, state: "COMPLETED", detail: "", elapsed: "0:03", nodes: "vm" },
    ]);
  });

  it("counts a group of pending tasks that is not split", () => {
    const [row] = parseSqueueTasks("5_[2-5%2]|PENDING|JobArrayTaskLimit|0:00|\n");
    expect(row?.count).toBe(4);
    expect(parseSqueueTasks("7_[1,3,9-11]|PENDING|Priority|0:00|\n")[0]?.count).toBe(5);
    expect(parseSqueueTasks("7_[0-10:5]|PENDING|Priority|0:00|\n")[0]?.count).toBe(3);
  });

  it("reads nothing from empty output", () => {
    expect(parseSqueueTasks("")).toEqual([]);
    expect(parseSqueueTasks("\n\n")).toEqual([]);
  });
});

describe("parseSacctTasks", () => {
  it("reads sacct -X -n -P rows: the first word of the state, the exit code, no 'None assigned'", () => {
    const text = [
      "42_0|COMPLETED|0:0|00:01:03|node1",
      "42_1|CANCELLED by 1000|0:15|00:00:40|node2",
      "42_2|TIMEOUT|0:0|01:00:00|node1",
      "42_[3-9%2]|PENDING|0:0|00:00:00|None assigned",
    ].join("\n");
    expect(parseSacctTasks(text)).toEqual([
      { id: "42_0", count: 1, state: "COMPLETED", detail: "exit 0:0", elapsed: "00:01:03", nodes: "node1" },
      { id: "42_1", count: 1, state: "CANCELLED", detail: "exit 0:15", elapsed: "00:00:40", nodes: "node2" },
      { id: "42_2", count: 1, state: "TIMEOUT", detail: "exit 0:0", elapsed: "01:00:00", nodes: "node1" },
      { id: "42_[3-9%2]", count: 7, state: "PENDING", detail: "exit 0:0", elapsed: "00:00:00", nodes: "" },
    ]);
  });
});

describe("countTaskStates", () => {
  it("sums by state in SLURM's life-cycle order, pending groups by their size, unknown states last", () => {
    const tasks = parseSqueueTasks(
      [
        "9_[4-7]|PENDING|Priority|0:00|",
        "9_3|RUNNING|None|0:01|vm",
        "9_0|COMPLETED|None|0:03|vm",
        "9_1|FAILED|NonZeroExitCode|0:01|vm",
        "9_2|SPECIAL_EXIT|None|0:01|vm",
      ].join("\n"),
    );
    expect(countTaskStates(tasks)).toEqual([
      ["PENDING", 4],
      ["RUNNING", 1],
      ["COMPLETED", 1],
      ["FAILED", 1],
      ["SPECIAL_EXIT", 1],
    ]);
  });
});

describe("sortTasks", () => {
  it("orders tasks by their index, a pending group at its first index", () => {
    const tasks = parseSqueueTasks(
      [
        "9_[11-12]|PENDING|Priority|0:00|",
        "9_10|RUNNING|None|0:01|vm",
        "9_2|COMPLETED|None|0:03|vm",
        "9_0|COMPLETED|None|0:03|vm",
      ].join("\n"),
    );
    expect(sortTasks(tasks).map((t) => t.id)).toEqual(["9_0", "9_2", "9_10", "9_[11-12]"]);
  });
});
