import { resolve } from 'node:path';
import { readKubernetes } from './kubernetes';
import type { ProductionReader } from './production';

/** Readers for production sources other than compose files, by kind. */
export const productionReaders: Partial<Record<string, ProductionReader>> = {
  kubernetes: (source, project) => {
    const paths = 'kubernetes' in source ? [source.kubernetes].flat() : [];
    const read = readKubernetes(
      paths.map((path) => resolve(project.workingDir, path)),
      project.workingDir,
      { name: project.name },
    );
    return { model: read.model, secretKeys: read.secretKeys, diagnostics: read.diagnostics };
  },
};
