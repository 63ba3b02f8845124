import { LineCounter, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readBlockYaml } from '../../../src/main/config/yaml-block-reader';
import { documentTree, type YNode } from '../../../src/main/config/yaml-tree';

// The block reader reads the common shape of compose files and manifests straight from the
// text. What it reads must be the yaml library's tree, positions and key order included; what
// it cannot be sure of it must decline (null), for js-yaml or the yaml library to read.

function plain(node: YNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node;
    case 'seq':
      return { kind: 'seq', pos: node.pos, items: node.items.map(plain) };
    case 'map':
      return {
        kind: 'map',
        pos: node.pos,
        entries: [...node.entries].map(([key, entry]) => [key, entry.keyPos, plain(entry.value)]),
      };
  }
}

function library(text: string): unknown[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, merge: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file: 'f.yaml', line, column: col };
  };
  return docs.map((doc) => {
    expect(doc.errors).toEqual([]);
    const root = documentTree(doc, at, []);
    return root ? plain(root) : null;
  });
}

const READ: Record<string, string> = {
  'a compose service':
    'services:\n  api:\n    image: "registry/api:1.2"\n    command: ["serve", "--port", "8080"]\n' +
    '    environment:\n      A: 1\n      B: x y # comment\n      C: http://h:80/p#frag\n' +
    '    ports:\n      - "127.0.0.1:8080:80"\n    deploy: { resources: { limits: { cpus: "0.5", memory: 128M } } }\n',
  'a manifest stream':
    '---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\ndata:\n  K: v\n---\n' +
    'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n' +
    '          args: [a, b]\n          env:\n            - name: X\n              value: "1"\n' +
    '        -   name: b\n            image: b\n',
  'a sequence at its key’s indentation': 'a:\n- x\n- y: 1\n  z:\n  - 2\nb: 3\n',
  'empty values and comments': 'a:\nb:   # why\nc: # c\n  d: 1\n# end\ne:\n',
  'a nested block under an empty entry': 'a:\n  -\n    b: 1\n  - c\n',
  'core schema scalars': "a: 0x1F\nb: true\nc: ~\nd: '012'\ne: 1.50\nf: -1\n1: one\nnull: n\n",
  'quotes and flow': "a: 'it''s'\nb: \"\"\nc: {}\nd: [ 1 , 'x' , [] ]\ne: -x\nf: a:b\n",
  'no final line break': 'a: 1\nb:\n  - c',
};

const DECLINED: Record<string, string> = {
  'an empty text': '',
  'only comments': '# c\n',
  'an empty document': 'a: 1\n---\n',
  'a scalar root': 'just text\n',
  'an indented root': '  a: 1\n',
  'a block scalar': 'a: |\n  x\n',
  'a multi-line plain scalar': 'a: x\n  y\n',
  'a multi-line flow collection': 'a: [x,\n  y]\n',
  'an anchor': 'a: &x 1\nb: *x\n',
  'a tag': 'a: !!str 1\n',
  'a merge key': 'a: {x: 1}\nb:\n  <<: {y: 2}\n',
  'a quoted key': '"a": 1\n',
  'a duplicate key': 'a: 1\na: 2\n',
  'an escape': 'a: "x\\ty"\n',
  'an empty sequence entry': 'a:\n  -\n  - x\n',
  'a compact nested sequence': '- - x\n',
  'a value that is a key': 'a: b: c\n',
  'a space before the colon': 'a : 1\n',
  'a flow pair': 'a: [b: c]\n',
  'a flow key without value': 'a: {b, c: d}\n',
  'a trailing comma': 'a: [x, ]\n',
  'a colon in a flow scalar': 'a: [http://h]\n',
  'a comment glued to a quote': 'a: "x"#c\n',
  'a CR': 'a: 1\r\n',
  'a line past its collection': 'a:\n    b: 1\n  c: 2\n',
  'deep nesting': `${Array.from({ length: 70 }, (_, i) => `${' '.repeat(i * 2)}k:`).join('\n')} 1\n`,
};

describe('readBlockYaml', () => {
  it.each(Object.entries(READ))('reads %s as the yaml library does', (_name, text) => {
    const roots = readBlockYaml(text, 'f.yaml');
    expect(roots).not.toBeNull();
    expect(roots?.map(plain)).toStrictEqual(library(text));
  });

  it.each(Object.entries(DECLINED))('leaves %s to the other readers', (_name, text) => {
    expect(readBlockYaml(text, 'f.yaml')).toBeNull();
  });
});
