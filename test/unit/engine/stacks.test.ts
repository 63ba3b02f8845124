import { readFileSync } from 'node:fs';
import type { ContainerInfo } from 'dockerode';
import { describe, expect, it } from 'vitest';
import { groupStacks } from '../../../src/main/engine/stacks';

// Captured from a real engine (GET /containers/json) while docker-compose 1.29 ran
// examples/shop under the project name "shop"; its working folder rewritten to a made-up one.
const shop = JSON.parse(
  readFileSync(
    new URL('../../fixtures/engine/containers-shop-compose-v1.json', import.meta.url),
    'utf8',
  ),
) as ContainerInfo[];

function withChanges(info: ContainerInfo, changes: Partial<ContainerInfo>): ContainerInfo {
  return { ...structuredClone(info), ...changes };
}

describe('groupStacks', () => {
  it('groups the example stack under its project, services in name order', () => {
    const [stack, ...rest] = groupStacks(shop);
    expect(rest).toEqual([]);
    expect(stack?.project).toBe('shop');
    expect(stack?.configFiles).toEqual(['compose.yaml']);
    expect(stack?.workingDir).toMatch(/examples\/shop$/);
    expect(stack?.containers.map((c) => `${c.service}#${c.number}`)).toEqual([
      'api#1',
      'web#1',
      'worker#1',
    ]);
  });

  it('reads health from the status text and keeps only published ports', () => {
    const containers = groupStacks(shop)[0]?.containers ?? [];
    const api = containers.find((c) => c.service === 'api');
    const worker = containers.find((c) => c.service === 'worker');
    expect(api?.health).toBe('healthy');
    expect(api?.name).toBe('shop_api_1');
    expect(api?.ports).toEqual([
      { hostIp: '127.0.0.1', hostPort: 18081, containerPort: 8081, protocol: 'tcp' },
    ]);
    expect(worker?.health).toBe('none');
    expect(worker?.ports).toEqual([]);
  });

  it('shows a port published on both address families once, by its IPv4 address', () => {
    const web = shop.find((info) => info.Labels['com.docker.compose.service'] === 'web')!;
    const dual = withChanges(web, {
      Ports: [
        { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
        { IP: '', PrivatePort: 443, PublicPort: 0, Type: 'tcp' },
      ],
    });
    expect(groupStacks([dual])[0]?.containers[0]?.ports).toEqual([
      { hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
    ]);
  });

  it('separates projects, and reports stopped, starting and unhealthy containers', () => {
    const api = shop.find((info) => info.Labels['com.docker.compose.service'] === 'api')!;
    const other = (project: string, status: string, state: string): ContainerInfo =>
      withChanges(api, {
        Id: `${project}-id`,
        State: state,
        Status: status,
        Labels: { ...api.Labels, 'com.docker.compose.project': project },
      });
    const stacks = groupStacks([
      other('zeta', 'Exited (137) 5 seconds ago', 'exited'),
      other('alpha', 'Up 1 second (health: starting)', 'running'),
      other('beta', 'Up 2 minutes (unhealthy)', 'running'),
    ]);
    expect(stacks.map((s) => [s.project, s.containers[0]?.state, s.containers[0]?.health])).toEqual(
      [
        ['alpha', 'running', 'starting'],
        ['beta', 'running', 'unhealthy'],
        ['zeta', 'exited', 'none'],
      ],
    );
  });

  it('ignores containers without a project label', () => {
    const unlabelled = withChanges(shop[0]!, { Labels: {} });
    expect(groupStacks([unlabelled])).toEqual([]);
  });
});
