/** Diagnostics: LR range test, gradient noise scale, sharpness, Newton–Schulz orthogonality, optimizer-state memory. */
export { lrRangeTest, type LrRangeTestOptions, type LrRangeTestResult } from "./lrRangeTest";
export { measureNoiseScale } from "./noiseScale";
export { sharpness, hessianVectorProduct, type HvpOptions, type SharpnessOptions } from "./sharpness";
export { orthogonalityError, singularValues, newtonSchulzMap } from "./orthogonality";
export { stateMemory, MEMORY_METHODS, type StateMemory } from "./memory";
