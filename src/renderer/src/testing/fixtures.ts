// Data for the renderer's component tests, shaped as the core sends it.
import type { ProjectDetail, ProjectSummary, ServiceView } from '../../../shared/projects';
import type { StackContainer } from '../../../shared/stacks';

/** A project summary; override what a test cares about. */
export function summary(overrides: Partial<ProjectSummary> = {}): ProjectSummary {
  return {
    id: '/home/dev/shop',
    name: 'shop',
    state: 'stopped',
    services: {
      total: 3,
      running: 0,
      healthy: 0,
      unhealthy: 0,
      starting: 0,
      exited: 0,
      completed: 0,
    },
    driftCount: null,
    actions: [],
    problems: [],
    ...overrides,
  };
}

/** One container of a service. */
export function container(
  service: string,
  overrides: Partial<StackContainer> = {},
): StackContainer {
  return {
    id: `${service}-id`,
    name: `shop-${service}-1`,
    service,
    number: 1,
    oneoff: false,
    image: `shop-${service}`,
    state: 'running',
    status: 'Up 5 seconds',
    health: 'none',
    ports: [],
    ...overrides,
  };
}

/** A service view with no containers; override what a test cares about. */
export function service(name: string, overrides: Partial<ServiceView> = {}): ServiceView {
  return {
    name,
    image: null,
    build: null,
    dependsOn: [],
    ports: [],
    env: [],
    mounts: [],
    healthcheck: null,
    replicas: 1,
    containers: [],
    ...overrides,
  };
}

/** The shop example: web -> api (started), worker -> api (healthy); all stopped by default. */
export function shopServices(running = false): ServiceView[] {
  const up = (name: string, extra: Partial<StackContainer> = {}) =>
    running ? [container(name, extra)] : [];
  return [
    service('api', {
      build: './api',
      ports: [{ target: 8081, published: '18081', hostIp: '127.0.0.1', protocol: 'tcp' }],
      env: [
        { name: 'DATABASE_URL', value: 'postgres://shop@db:5432/shop_dev', secret: false },
        { name: 'PAYMENT_API_KEY', value: null, secret: true },
      ],
      healthcheck: 'wget -q -O - http://127.0.0.1:8081/cgi-bin/health',
      containers: up('api', {
        health: 'healthy',
        status: 'Up 5 seconds (healthy)',
        ports: [{ hostIp: '127.0.0.1', hostPort: 18081, containerPort: 8081, protocol: 'tcp' }],
      }),
    }),
    service('web', {
      build: './web',
      dependsOn: [{ service: 'api', condition: 'service_started', required: true }],
      ports: [{ target: 8080, published: '18080', hostIp: '127.0.0.1', protocol: 'tcp' }],
      containers: up('web', {
        ports: [{ hostIp: '127.0.0.1', hostPort: 18080, containerPort: 8080, protocol: 'tcp' }],
      }),
    }),
    service('worker', {
      image: 'busybox:1.37',
      dependsOn: [{ service: 'api', condition: 'service_healthy', required: true }],
      mounts: [{ type: 'volume', source: 'worker-data', target: '/data', readOnly: false }],
      containers: up('worker', { image: 'busybox:1.37' }),
    }),
  ];
}

/** The shop project with its services. */
export function shopDetail(
  running = false,
  overrides: Partial<ProjectSummary> = {},
): ProjectDetail {
  return {
    summary: summary({
      state: running ? 'running' : 'stopped',
      services: {
        total: 3,
        running: running ? 3 : 0,
        healthy: running ? 1 : 0,
        unhealthy: 0,
        starting: 0,
        exited: 0,
        completed: 0,
      },
      ...overrides,
    }),
    services: shopServices(running),
    orphans: [],
  };
}
