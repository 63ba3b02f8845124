import { lines } from '../../support/project-dir';

// A shop whose catalog listens on 8080 on the laptop and 8081 in production: one port change
// that three other services' URLs follow from. Production also sets a CPU request on three
// services (one difference, three times), and the cart's log level differs on its own.

function deployment(name: string, ports: string, env: string, cpu?: string): string[] {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: { name: ${name} }`,
    'spec:',
    `  selector: { matchLabels: { app: ${name} } }`,
    '  template:',
    `    metadata: { labels: { app: ${name} } }`,
    '    spec:',
    '      containers:',
    `        - name: ${name}`,
    `          image: example/${name}:1`,
    `          ports: ${ports}`,
    `          env: ${env}`,
    ...(cpu === undefined ? [] : [`          resources: { requests: { cpu: ${cpu} } }`]),
    '---',
  ];
}

const url = (port: number): string => `http://catalog:${port}/v1`;

/** The project's files: parity.yaml, compose.yaml and k8s/shop.yaml. */
export const CATALOG_FILES: Record<string, string> = {
  'parity.yaml': lines('production:', '  - kubernetes: k8s'),
  'compose.yaml': lines(
    'services:',
    '  catalog:',
    '    image: example/catalog:1',
    '    expose: ["8080"]',
    '  front:',
    '    image: example/front:1',
    `    environment: { CATALOG_URL: "${url(8080)}" }`,
    '  orders:',
    '    image: example/orders:1',
    `    environment: { CATALOG_URL: "${url(8080)}" }`,
    '  cart:',
    '    image: example/cart:1',
    `    environment: { CATALOG: "${url(8080)}", LOG_LEVEL: debug }`,
  ),
  'k8s/shop.yaml': lines(
    ...deployment('catalog', '[{ containerPort: 8081 }]', '[]'),
    ...deployment('front', '[]', `[{ name: CATALOG_URL, value: "${url(8081)}" }]`, '100m'),
    ...deployment('orders', '[]', `[{ name: CATALOG_URL, value: "${url(8081)}" }]`, '100m'),
    ...deployment(
      'cart',
      '[]',
      `[{ name: CATALOG, value: "${url(8081)}" }, { name: LOG_LEVEL, value: info }]`,
      '250m',
    ),
  ),
};
