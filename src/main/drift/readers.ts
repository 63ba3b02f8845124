import type { ProductionReader } from './production';

/** Readers for production sources other than compose files, by kind. */
export const productionReaders: Partial<Record<string, ProductionReader>> = {};
