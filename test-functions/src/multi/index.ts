/**
 * Multi-objective test problems with analytic Pareto fronts and published reference points:
 * ZDT1-4, ZDT6 (Zitzler, Deb, Thiele 2000) and DTLZ1-4, DTLZ7 (Deb et al. 2002) with any number
 * of objectives.
 * @packageDocumentation
 */
export {
  DTLZ7_INTERVALS,
  type DtlzOptions,
  dtlz1,
  dtlz1Position,
  dtlz2,
  dtlz2Position,
  dtlz3,
  dtlz4,
  dtlz7,
} from "./dtlz.js";
export { type Interval, recordIntervals, simplexPoints } from "./front-tools.js";
export { ZDT3_INTERVALS, ZDT6_F1_MIN, zdt1, zdt2, zdt3, zdt4, zdt6 } from "./zdt.js";
