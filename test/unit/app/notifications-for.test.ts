import { describe, expect, it } from 'vitest';
import {
  EMPTY_NOTIFIER_MEMORY,
  notificationsFor,
  QUIET_MS,
  serviceStatusesFrom,
  type NotifierMemory,
  type ServiceStatus,
} from '../../../src/main/app/notifications-for';
import type { StackContainer, StackList } from '../../../src/shared/stacks';

type Shape = 'ok' | 'down' | 'crashed' | 'restarting' | 'unhealthy';

// One service of /p/shop in a given shape.
function svc(service: string, shape: Shape, exitCode: number | null = null): ServiceStatus {
  return {
    project: '/p/shop',
    projectName: 'shop',
    service,
    condition: shape === 'down' ? 'ok' : shape,
    live: shape === 'ok' || shape === 'unhealthy' || shape === 'restarting',
    exitCode: shape === 'crashed' ? (exitCode ?? 1) : null,
  };
}

// Feeds snapshots one after another, `step` ms apart; returns the titles notified at each.
function run(snapshots: (ServiceStatus[] | null)[], step = 1_000): string[][] {
  let memory: NotifierMemory = EMPTY_NOTIFIER_MEMORY;
  return snapshots.map((snapshot, i) => {
    const result = notificationsFor(memory, snapshot, i * step);
    memory = result.memory;
    return result.notices.map((n) => n.title);
  });
}

describe('notificationsFor', () => {
  it('notifies a crash once, naming project and service, with the exit code', () => {
    let memory = notificationsFor(EMPTY_NOTIFIER_MEMORY, [svc('api', 'ok')], 0).memory;
    const { notices } = notificationsFor(memory, [svc('api', 'crashed', 3)], 1);
    expect(notices).toEqual([
      {
        title: 'shop: api crashed',
        body: 'It exited with code 3.',
        project: '/p/shop',
        service: 'api',
      },
    ]);
    memory = notificationsFor(memory, [svc('api', 'crashed', 3)], 1).memory;
    expect(notificationsFor(memory, [svc('api', 'crashed', 3)], 2).notices).toEqual([]);
  });

  it('notifies a service that turns unhealthy or starts restarting, and not again while it stays so', () => {
    expect(
      run([
        [svc('api', 'ok'), svc('db', 'ok')],
        [svc('api', 'unhealthy'), svc('db', 'restarting')],
        [svc('api', 'unhealthy'), svc('db', 'restarting')],
        [svc('api', 'unhealthy'), svc('db', 'restarting')],
      ]),
    ).toEqual([[], ['shop: api is unhealthy', 'shop: db keeps restarting'], [], []]);
  });

  it('notifies a crash loop once, not at every restart', () => {
    const loop: ServiceStatus[][] = [];
    for (let i = 0; i < 10; i++) loop.push([svc('api', 'restarting')], [svc('api', 'ok')]);
    const titles = run([[svc('api', 'ok')], ...loop], 5_000).flat();
    expect(titles).toEqual(['shop: api keeps restarting']);
  });

  it('notifies again once the service has looked well for a while and fails anew', () => {
    const well = Array.from({ length: QUIET_MS / 10_000 + 1 }, () => [svc('api', 'ok')]);
    expect(
      run(
        [[svc('api', 'ok')], [svc('api', 'unhealthy')], ...well, [svc('api', 'unhealthy')]],
        10_000,
      ).flat(),
    ).toEqual(['shop: api is unhealthy', 'shop: api is unhealthy']);
  });

  it('does not notify a stop, or a service found already crashed', () => {
    expect(
      run([
        [svc('api', 'ok'), svc('old', 'crashed')],
        [svc('api', 'down'), svc('old', 'crashed')],
        [svc('api', 'ok'), svc('old', 'crashed')],
      ]).flat(),
    ).toEqual([]);
  });

  it('takes what is already wrong at the first snapshot as the baseline', () => {
    expect(run([[svc('api', 'unhealthy')], [svc('api', 'unhealthy')]]).flat()).toEqual([]);
  });

  it('does not take the engine coming back for a crash of everything', () => {
    // Docker restarted: the containers it stopped read as exited with an error.
    expect(
      run([
        [svc('api', 'ok'), svc('db', 'ok')],
        null,
        [svc('api', 'crashed', 255), svc('db', 'crashed', 255)],
      ]).flat(),
    ).toEqual([]);
  });

  it('does not notify recovery', () => {
    expect(run([[svc('api', 'ok')], [svc('api', 'unhealthy')], [svc('api', 'ok')]])).toEqual([
      [],
      ['shop: api is unhealthy'],
      [],
    ]);
  });

  it('tells services of different projects apart', () => {
    const blog = (shape: Shape): ServiceStatus => ({
      ...svc('api', shape),
      project: '/p/blog',
      projectName: 'blog',
    });
    expect(
      run([
        [svc('api', 'ok'), blog('ok')],
        [svc('api', 'unhealthy'), blog('unhealthy')],
      ]).flat(),
    ).toEqual(['shop: api is unhealthy', 'blog: api is unhealthy']);
  });
});

describe('serviceStatusesFrom', () => {
  const container = (service: string, overrides: Partial<StackContainer>): StackContainer => ({
    id: `${service}-${Math.random()}`,
    name: `shop-${service}-1`,
    service,
    number: 1,
    oneoff: false,
    image: 'busybox:1.37',
    state: 'running',
    status: 'Up 5 minutes',
    health: 'none',
    ports: [],
    ...overrides,
  });
  const list = (containers: StackContainer[]): StackList => ({
    engine: 'reachable',
    endpoint: 'unix:///var/run/docker.sock',
    stacks: [{ project: 'shop', workingDir: '/p/shop', configFiles: [], containers }],
  });

  it('reads each service condition from its containers', () => {
    const statuses = serviceStatusesFrom(
      list([
        container('web', { health: 'healthy' }),
        container('api', { health: 'unhealthy' }),
        container('worker', { state: 'exited', status: 'Exited (2) 3 seconds ago' }),
        container('stopped', { state: 'exited', status: 'Exited (143) 1 minute ago' }),
        container('killed', { state: 'exited', status: 'Exited (137) 1 minute ago' }),
        container('job', { state: 'exited', status: 'Exited (0) 1 minute ago' }),
        container('cron', { state: 'restarting', status: 'Restarting (1) 2 seconds ago' }),
        container('dead', { state: 'dead', status: 'Dead' }),
        container('once', { oneoff: true, state: 'exited', status: 'Exited (1) now' }),
      ]),
    );
    expect(statuses?.map((s) => `${s.service}:${s.condition}:${s.live}:${s.exitCode}`)).toEqual([
      'web:ok:true:null',
      'api:unhealthy:true:null',
      'worker:crashed:false:2',
      'stopped:ok:false:null',
      'killed:ok:false:null',
      'job:ok:false:null',
      'cron:restarting:true:null',
      'dead:crashed:false:null',
    ]);
  });

  it('counts a service crashed when one of its replicas is', () => {
    const [status] = serviceStatusesFrom(
      list([
        container('api', {}),
        container('api', { name: 'shop-api-2', state: 'exited', status: 'Exited (1) now' }),
      ]),
    )!;
    expect(status).toMatchObject({ service: 'api', condition: 'crashed', live: true, exitCode: 1 });
  });

  it('keeps to the given projects, and is null when the engine is unreachable', () => {
    expect(serviceStatusesFrom(list([container('web', {})]), new Set(['/p/other']))).toEqual([]);
    expect(
      serviceStatusesFrom({ engine: 'unreachable', endpoint: 'unix:///x', reason: 'gone' }),
    ).toBeNull();
  });
});
