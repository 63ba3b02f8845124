import type { Linter } from 'eslint';

/** One flat-config block per layer (eslint.layering.js). */
export declare const layering: Linter.Config[];
