import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_IMAGE, KEEP_ALIVE_ENTRYPOINT, rewriteComposeText } from './rewrite';

interface Service {
  depends_on?: unknown;
  image?: string;
  build?: unknown;
  command?: unknown;
  entrypoint?: unknown;
  healthcheck?: Record<string, unknown>;
  ports?: unknown[];
  volumes?: unknown[];
}

function rewritten(text: string): Record<string, Service> {
  return (parse(rewriteComposeText(text)) as { services: Record<string, Service> }).services;
}

describe('the conformance rewrite of a compose file', () => {
  it('runs busybox kept alive, keeping the command and the health check timings', () => {
    const { api } = rewritten(
      [
        'services:',
        '  api:',
        '    build: ./api',
        '    image: shop/api:1.2',
        '    command: python app.py',
        '    healthcheck:',
        '      test: [CMD, curl, -f, http://localhost]',
        '      interval: 3s',
      ].join('\n'),
    );
    expect(api).toMatchObject({
      image: CONFORMANCE_IMAGE,
      command: 'python app.py',
      entrypoint: KEEP_ALIVE_ENTRYPOINT,
      healthcheck: { test: ['CMD', 'true'], interval: '3s' },
    });
    expect(api).not.toHaveProperty('build');
  });

  it('starts a service once its dependencies started, not healthy or completed', () => {
    const { web } = rewritten(
      [
        'services:',
        '  web:',
        '    image: shop/web',
        '    depends_on:',
        '      db: { condition: service_healthy }',
        '      seed: { condition: service_completed_successfully }',
        '  db: { image: postgres }',
        '  seed: { image: postgres }',
      ].join('\n'),
    );
    expect(web?.depends_on).toEqual({
      db: { condition: 'service_started' },
      seed: { condition: 'service_started' },
    });
  });

  it('leaves a service already written for busybox as it is', () => {
    const { tool } = rewritten(
      'services:\n  tool:\n    image: busybox:1.37\n    entrypoint: [sh, -c, "sleep 9"]\n',
    );
    expect(tool?.entrypoint).toEqual(['sh', '-c', 'sleep 9']);
  });

  it('publishes every port form on 127.0.0.1 with an ephemeral host port', () => {
    const { web } = rewritten(
      [
        'services:',
        '  web:',
        '    image: nginx',
        '    ports:',
        '      - "8080:80"',
        '      - 127.0.0.1:8443:443',
        '      - 9000-9001:9000-9001',
        '      - 5353:53/udp',
        '      - 7000',
        '      - { target: 81, published: 18081, protocol: tcp }',
      ].join('\n'),
    );
    expect(web?.ports).toEqual([
      '127.0.0.1::80',
      '127.0.0.1::443',
      '127.0.0.1::9000-9001',
      '127.0.0.1::53/udp',
      '127.0.0.1::7000',
      '127.0.0.1::81/tcp',
    ]);
  });

  it('moves absolute bind sources into the copy but keeps the docker socket, ~ and relative ones', () => {
    const { web } = rewritten(
      [
        'services:',
        '  web:',
        '    image: nginx',
        '    volumes:',
        '      - /etc/pihole/:/etc/pihole/',
        '      - /var/run/docker.sock:/var/run/docker.sock',
        '      - ~/data:/data',
        '      - ./conf:/conf:ro',
        '      - named:/named',
        '      - { type: bind, source: /srv/x, target: /x }',
      ].join('\n'),
    );
    expect(web?.volumes).toEqual([
      './_host/etc/pihole/:/etc/pihole/',
      '/var/run/docker.sock:/var/run/docker.sock',
      '~/data:/data',
      './conf:/conf:ro',
      'named:/named',
      { type: 'bind', source: './_host/srv/x', target: '/x' },
    ]);
  });

  it('keeps comments and the keys it does not rewrite', () => {
    const text = rewriteComposeText(
      '# top comment\nservices:\n  db:\n    image: postgres # the db\n    user: postgres\n',
    );
    expect(text).toContain('# top comment');
    expect(text).toContain('user: postgres');
  });
});
