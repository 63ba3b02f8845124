import { describe, expect, it } from 'vitest';
import { formatJson, formatMarkdown, formatTable } from '../../../src/main/drift/format';
import { deployment, driftOf, lines } from './drift-fixture';

describe('a build context in drift findings', () => {
  it('shows relative to the project, and the project folder appears in no output', () => {
    const { dir, report } = driftOf({
      'compose.yaml': lines(
        'services:',
        '  app:',
        '    build: ./services/app',
        '    volumes: ["./data:/data"]',
        '  tool:',
        '    build: { context: ., dockerfile: tool.Dockerfile }',
      ),
      'k8s/app.yaml': deployment('app'),
      'k8s/tool.yaml': deployment('tool'),
    });
    const images = report.findings.filter((f) => f.path === 'image');
    expect(images.map((f) => [f.service, f.dev.value])).toEqual([
      ['app', 'build ./services/app'],
      ['tool', 'build .'],
    ]);
    const outputs = [
      JSON.stringify(report),
      formatJson(report),
      formatMarkdown(report, { all: true }),
      formatTable(report, { all: true }),
    ];
    for (const text of outputs) expect(text).not.toContain(dir);
  });
});
