import { NopPruner } from "../../src/pruner/index.js";
import { prunerContract } from "../../src/testing/pruner-contract.js";

prunerContract("NopPruner", () => new NopPruner(), { prunes: false });
