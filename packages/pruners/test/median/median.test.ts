import { prunerContract } from "@tunelab/study/testing";
import { MedianPruner } from "../../src/median/index.js";

prunerContract("MedianPruner", () => new MedianPruner());
prunerContract(
  "MedianPruner (as the benchmark runs it)",
  () => new MedianPruner({ nStartupTrials: 5, nWarmupSteps: 5 }),
);
