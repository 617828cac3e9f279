/**
 * Constants of the normal distribution, each computed once here by one expression, so that
 * every module that uses them holds the same double (results stay bit-identical wherever a
 * constant is used).
 */

/** log √(2π) = ½·log(2π), the log-normalizer of the standard normal density. */
export const LN_SQRT_2PI: number = 0.5 * Math.log(2 * Math.PI);

/** 1/√(2π), the standard normal density at 0. */
export const INV_SQRT_2PI: number = 1 / Math.sqrt(2 * Math.PI);

/** √(π/2): the Mills ratio R(x) = Q(x)/φ(x) is √(π/2)·erfcx(x/√2). */
export const SQRT_PI_2: number = Math.sqrt(Math.PI / 2);
