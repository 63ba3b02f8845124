import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastYamlDocuments, fastYamlRoots } from '../../../src/main/config/yaml-fast';
import {
  documentTree,
  parseYaml,
  parseYamlByLibrary,
  type YNode,
} from '../../../src/main/config/yaml-tree';
import { CORPORA, CORPORA_PRESENT, warnWithoutCorpora } from '../../support/corpora';

// The fast front end must build exactly the yaml library's tree, or give up. Every YAML file
// the project has is read both ways; the ones the fast path leaves to the library are listed,
// so that a file silently leaving the fast path shows here too.
const ROOT = join(__dirname, '../../..');
const TREES = [join(ROOT, 'examples'), join(ROOT, 'test/fixtures')];
const YAML_FILE = /\.ya?ml(\.txt)?$/;
const LEFT_TO_THE_LIBRARY = [
  // multi-line quoted scalars
  join(CORPORA, 'example-voting-app/expectations.yaml'),
  join(CORPORA, 'emojivoto/expectations.yaml'),
  // a flow sequence continued at the indentation it started at
  join(CORPORA, 'aks-store-demo/docker-compose.yml'),
];

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && YAML_FILE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

// A plain form of a tree in which key order and every position count.
function plain(node: YNode | null): unknown {
  if (!node) return null;
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

// The trees of a stream's documents as the yaml library reads them ('error' for a bad one),
// less the empty ones, as parseYamlDocuments keeps them.
function libraryDocuments(text: string, file: string): unknown[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, merge: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  return docs.flatMap((doc) => {
    if (doc.errors.length > 0) return ['error'];
    const root = documentTree(doc, at, []);
    return !root || (root.kind === 'scalar' && root.value === null) ? [] : [plain(root)];
  });
}

function expectSameAsLibrary(text: string): void {
  const fast = parseYaml(text, 'f.yaml');
  const library = parseYamlByLibrary(text, 'f.yaml');
  expect({ ...fast, root: plain(fast.root) }).toStrictEqual({
    ...library,
    root: plain(library.root),
  });
}

function expectSameTrees(file: string): void {
  const text = readFileSync(file, 'utf8');
  const fast = fastYamlDocuments(text, file);
  if (LEFT_TO_THE_LIBRARY.includes(file)) {
    expect(fast).toBeNull();
  } else {
    expect(fast?.map(plain)).toStrictEqual(libraryDocuments(text, file));
  }
  const documents = parseAllDocuments(text);
  if (documents.length <= 1) expectSameAsLibrary(text);
}

describe('fastYamlRoots on every YAML file of the project', () => {
  const files = TREES.filter((dir) => existsSync(dir)).flatMap(yamlFiles);

  it('finds the files', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((file) => [relative(ROOT, file), file]))('%s', (_name, file) => {
    expectSameTrees(file);
  });
});

warnWithoutCorpora('the fast YAML reader on the corpora');

describe.skipIf(!CORPORA_PRESENT)('fastYamlRoots on every YAML file of the corpora', () => {
  const files = CORPORA_PRESENT ? yamlFiles(CORPORA) : [];

  it('finds the files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((file) => [relative(CORPORA, file), file]))('%s', (_name, file) => {
    expectSameTrees(file);
  });
});

// Texts the fast path reads itself: it must, and the same way.
const FAST: Record<string, string> = {
  'quoted scalars': 'a: "x\\ty \\u00e9 \\x41 \\"q\\""\nb: \'it\'\'s\'\nc: ""\n"d e": 1\n',
  'literal block scalars':
    'a: |\n  x\n   y\n\n  z\nb: |-\n  q\n\nc: |+\n  r\n\nd: |2\n    two\ne: |\n\n  late\n',
  'folded block scalars': 'a: >\n  folded\n  text\n\n  para\nb: >-\n  a\n    more\n  b\nc: x\n',
  'flow collections': 'a: {b: 1, c: [x, "y", {d: e}], f: []}\ng: {}\nh: [ 1 , 2 ]\n',
  'flow collections over lines': 'a: {b: 1,\n    c: [x,\n      y]}\nd:\n  - [1,\n     2]\n',
  'empty text': '',
  'only comments': '# a comment\n\n# another\n',
  'a leading ---': '---\na: 1\n',
  comments: '# head\na: 1 # c\n# full\nb: # c\n  - x # c\n  # inside\n  - y\nc: "q" # c\n',
  CRLF: 'a: 1\r\nb:\r\n  - x\r\n  - "y"\r\nc: |\r\n  l1\r\n  l2\r\nd: {e: f}\r\n',
  'YAML 1.2 core schema':
    'a: on\nb: yes\nc: True\nd: FALSE\ne: 0o17\nf: 0x1F\ng: 1e3\nh: .inf\ni: -.Inf\nj: .nan\n' +
    'k: 2001-12-14\nl: ~\nm: null\nn: 012\no: +12\np: 1_000\nq: 0b101\nr: 3.\ns: .5\nt: -0\n' +
    'u: 12345678901234567890\nv: "true"\nw: \'1\'\nx: y n\n',
  'keys that are not strings': '1: int\n2.50: float\nnull: null\ntrue: bool\n0x10: hex\n',
  'keys named like object properties': '__proto__: a\nconstructor: b\ntoString: {x: 1}\n',
  'anchors, aliases and merge keys':
    'x-c: &c\n  restart: always\n  environment: &env { A: "1" }\nservices:\n  api:\n' +
    '    <<: *c\n    restart: "no"\n  w: *c\n  e:\n    environment:\n      <<: *env\n' +
    '      B: 2\nports: &p [80, 443]\nagain: *p\nlist:\n  - &i item\n  - *i\n  - [*i, *p]\n',
  'merge keys from a list, earlier sources winning':
    'a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  z: 0\nd: {<<: *a, w: 3}\n',
  'an anchor redefined': 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n',
  'a quoted << key, which merges nothing': 'a: &a {x: 1}\nb:\n  "<<": *a\n',
  'empty values': 'a:\nb:   \nc: # c\nd:\n  - x\ne:\n',
  'nested sequences': '- - a\n  - b\n- c: 1\n  d: 2\n- []\n',
  'a sequence as indented as its key': 'k:\n- a\n- b: c\nl: 1\n',
  'unicode and odd plain scalars':
    'name: "héllo ☃"\nurl: http://x:80/a#b\nc: a:b\nd: -x\ne: "#not"\nf: a # b\ng: x#y\n',
  'a Kubernetes manifest':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  template:\n' +
    '    spec:\n      containers:\n        - name: api\n          ports:\n' +
    '            - containerPort: 8080\n          env:\n            - { name: A, value: "1" }\n',
};

// Texts left to the yaml library, for its diagnostics or because the trees could differ.
const LIBRARY: Record<string, string> = {
  'an anchored empty value': 'a: &x\nb: *x\n',
  'an anchored key': '&k key: v\n',
  'an alias as a key': 'a: &k x\n*k : v\n',
  'an anchor glued to its value': 'a: &x[1]\n',
  'an anchor ending in a colon': 'a: &x: 1\n',
  'an alias to no anchor': 'a: *nowhere\n',
  'an alias inside the collection it names': 'a: &x 1\nb: &x [*x]\n',
  'an alias inside the mapping it names': 'a: &x\n  b: *x\n',
  'a merge of a scalar': 'a: &s x\nb:\n  <<: *s\n',
  'a merge of nothing': 'b:\n  <<:\n  c: 1\n',
  'a key both merged and duplicated': 'a: &a {x: 1}\nb:\n  <<: *a\n  y: 1\n  y: 2\n',
  'two merge keys': 'a: &a {x: 1}\nb:\n  <<: *a\n  <<: *a\n',
  'duplicate keys': 'a: 1\nb: 2\na: 3\n',
  'keys duplicate once resolved': '1: a\n"1": b\n0x1: c\n',
  'flow duplicate keys': 'a: {b: 1, b: 2}\n',
  tags: 'a: !!str 1\nb: !custom x\nc: !!binary aGk=\n',
  'a tab': 'a:\t1\n',
  'multi-line plain scalar': 'a: b\n  c\n',
  'multi-line plain scalar after trailing spaces': 'a: b    \n  c\nd: 1\n',
  'multi-line quoted scalar': 'a: "b\n  c"\n',
  BOM: '\ufeffa: 1\n',
  'explicit key': '? a\n: b\n',
  directive: '%YAML 1.2\n---\na: 1\n',
  'an empty document after ---': '---\n',
  'a comment-only document after ---': '---\n# c\n',
  'two documents': 'a: 1\n---\nb: 2\n',
  'a document end marker': 'a: 1\n...\n',
  'a lone CR': 'a: 1\rb: 2\n',
  'a complex key': '[a]: b\n',
  'a flow key without value': 'a: {b}\n',
  'a flow pair in a sequence': 'a: [x, y: z]\n',
  'an empty sequence entry': '- \n- x\n',
  'a comment glued to a quoted scalar': 'a: "b"#c\n',
  'a comment glued to a flow collection': 'a: [b]#c\n',
  'an under-indented flow collection': 'a: [1,\n2]\n',
  'content on the --- line': '--- a: b\n',
  'a key on a value': 'a: b: c\n',
  'a bad indentation': 'a:\n  b: 1\n   c: 2\n',
  'a reserved character': 'a: `x`\n',
  'an unclosed flow collection': 'a: [1, 2\n',
  'an unclosed quote': 'a: "b\n',
};

describe('fastYamlRoots on targeted texts', () => {
  it.each(Object.entries(FAST))('reads %s itself, as the yaml library does', (_name, text) => {
    expect(fastYamlRoots(text, 'f.yaml')).not.toBeNull();
    expectSameAsLibrary(text);
  });

  it.each(Object.entries(LIBRARY))('leaves %s to the yaml library', (_name, text) => {
    // Several documents or an empty one may be read fast: parseYaml leaves them to the library.
    const roots = fastYamlRoots(text, 'f.yaml');
    expect(roots?.length === 1 ? plain(roots[0] ?? null) : null).toBeNull();
    expectSameAsLibrary(text);
  });

  it('reports an alias inside the node it names instead of recursing for ever', () => {
    expect(parseYaml('a: &x\n  b: *x\n', 'f.yaml').diagnostics).toEqual([
      {
        severity: 'error',
        message: 'found an alias inside the node it names, expected an alias to an earlier node',
        position: { file: 'f.yaml', line: 2, column: 6 },
      },
    ]);
  });

  it('still warns about a duplicate key, naming both lines', () => {
    expect(parseYaml('a: 1\nb: 2\na: 3\n', 'f.yaml').diagnostics).toEqual([
      {
        severity: 'warning',
        message: 'duplicate key "a" (also at line 1); the last one wins',
        position: { file: 'f.yaml', line: 3, column: 1 },
      },
    ]);
  });
});

describe('fastYamlDocuments', () => {
  it.each([
    [
      'separators and empty documents',
      '---\na: 1\n---\n# a comment\n---\n- b\n---\n~\n---\nc: {d: e}\n',
    ],
    ['a trailing ---', 'a: 1\n---\n'],
    ['plain scalars just before ---', 'a: b c\n---\nd e\n---\n- f g\n---\nh: i\n'],
    ['only comments', '# a\n# b\n'],
    ['no text', ''],
  ])('reads a stream with %s as the yaml library does', (_name, text) => {
    expect(fastYamlDocuments(text, 'f.yaml')?.map(plain)).toStrictEqual(
      libraryDocuments(text, 'f.yaml'),
    );
  });

  it("leaves Helm's `# Source:` comments to the yaml library", () => {
    expect(fastYamlDocuments('---\n# Source: c/templates/a.yaml\na: 1\n', 'f.yaml')).toBeNull();
  });
});
