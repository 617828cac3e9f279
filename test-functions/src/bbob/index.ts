/**
 * The 24 noiseless BBOB functions of the COCO platform (Hansen et al. 2009, INRIA RR-6829), in
 * any dimension ≥ 2, with COCO's instance generator (instance i here is COCO's instance i), and
 * the building blocks T_osz, T_asy, Λ^α and f_pen.
 * @packageDocumentation
 */
export { BBOB_NAMES, type BbobOptions, bbob, bbobSuite } from "./bbob.js";
export { type BbobInstance, bbobSeed } from "./functions.js";
export { legacyFopt, legacyGauss, legacyRotation, legacyUniform, legacyXopt } from "./legacy-random.js";
export { fPen, lambdaDiagonal, tAsyInto, tOsz, tOszInto } from "./transforms.js";
