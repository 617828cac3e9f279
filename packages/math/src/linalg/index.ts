/**
 * Dense linear algebra on row-major `Float64Array`s with an explicit dimension n: the
 * symmetric eigensolver, the symmetric square root and its inverse, dot and matrix-vector
 * products, and modified Gram-Schmidt.
 * @packageDocumentation
 */
export { type EigenWorkspace, eigenWorkspace, symmetricEigen } from "./eigen.js";
export { orthonormalize, projectOut } from "./gram-schmidt.js";
export { dot, matVec } from "./products.js";
export { symmetricSquareRoots } from "./square-roots.js";
