import { describe, expect, it } from 'vitest';
import { container, service } from '../testing/fixtures';
import {
  buildContext,
  imageOf,
  isSettling,
  portUrl,
  publishedPorts,
  serviceLabel,
  serviceStatus,
} from './service-status';

describe('serviceStatus', () => {
  it('says "not created" before the first up', () => {
    const status = serviceStatus(service('api'));
    expect(status).toMatchObject({ state: 'not created', health: null, tone: 'idle' });
    expect(serviceLabel('api', status)).toBe('Service api, not created');
  });

  it('names state and health: "Service api, running, healthy"', () => {
    const status = serviceStatus(
      service('api', { containers: [container('api', { health: 'healthy' })] }),
    );
    expect(status.tone).toBe('ok');
    expect(serviceLabel('api', status)).toBe('Service api, running, healthy');
  });

  it('takes the worst container of a replicated service', () => {
    const status = serviceStatus(
      service('api', {
        replicas: 2,
        containers: [
          container('api', { id: 'a', health: 'healthy' }),
          container('api', { id: 'b', health: 'unhealthy' }),
        ],
      }),
    );
    expect(status).toMatchObject({ state: 'running', health: 'unhealthy', tone: 'bad', total: 2 });
  });

  it('tells a stopped service from a crashed one', () => {
    const stopped = service('w', {
      containers: [container('w', { state: 'exited', status: 'Exited (137) 2 seconds ago' })],
    });
    const crashed = service('w', {
      containers: [container('w', { state: 'exited', status: 'Exited (1) 2 seconds ago' })],
    });
    expect(serviceStatus(stopped)).toMatchObject({ state: 'exited', tone: 'idle' });
    expect(serviceStatus(crashed)).toMatchObject({ state: 'exited', tone: 'bad' });
  });

  it('ignores one-off containers', () => {
    const status = serviceStatus(
      service('api', { containers: [container('api', { oneoff: true })] }),
    );
    expect(status.state).toBe('not created');
  });
});

describe('ports and images', () => {
  it('links a published port on loopback, wildcards included', () => {
    expect(portUrl({ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' })).toBe(
      'http://127.0.0.1:8080/',
    );
    expect(portUrl({ hostIp: '::1', hostPort: 8080, containerPort: 80, protocol: 'tcp' })).toBe(
      'http://[::1]:8080/',
    );
  });

  it('lists each published port once, by host port', () => {
    const port = {
      hostIp: '127.0.0.1',
      hostPort: 9000,
      containerPort: 80,
      protocol: 'tcp' as const,
    };
    const view = service('api', {
      containers: [
        container('api', { ports: [port, { ...port, hostPort: 8000 }] }),
        container('api', { id: 'b', ports: [port] }),
      ],
    });
    expect(publishedPorts(view).map((p) => p.hostPort)).toEqual([8000, 9000]);
  });

  it('shows the declared image, else the built one, else the build context', () => {
    expect(imageOf(service('w', { image: 'busybox:1.37' }))).toBe('busybox:1.37');
    expect(imageOf(service('api', { build: './api', containers: [container('api')] }))).toBe(
      'shop-api',
    );
    expect(imageOf(service('api', { build: './api' }))).toBe('built from ./api');
    expect(imageOf(service('api', { build: '/home/dev/shop/api' }), '/home/dev/shop')).toBe(
      'built from ./api',
    );
    expect(buildContext('/home/dev/shop', '/home/dev/shop/')).toBe('.');
    expect(buildContext('/elsewhere/api', '/home/dev/shop')).toBe('/elsewhere/api');
  });

  it('knows when a health check is still pending', () => {
    expect(
      isSettling([service('a', { containers: [container('a', { health: 'starting' })] })]),
    ).toBe(true);
    expect(
      isSettling([service('a', { containers: [container('a', { health: 'healthy' })] })]),
    ).toBe(false);
  });
});
