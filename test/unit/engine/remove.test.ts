import type { ContainerInfo } from 'dockerode';
import { describe, expect, it } from 'vitest';
import { planRemoval } from '../../../src/main/engine/remove';

function container(name: string, service: string, state: string): ContainerInfo {
  return {
    Id: `id-${name}`,
    Names: [`/${name}`],
    State: state,
    Labels: { 'com.docker.compose.service': service },
  } as unknown as ContainerInfo;
}

const CONTAINERS = [
  container('shop-web-1', 'web', 'running'),
  container('shop-api-2', 'api', 'exited'),
  container('shop-api-1', 'api', 'running'),
  container('shop-db-1', 'db', 'created'),
  container('shop-old-1', 'old', 'exited'),
];
const names = (targets: { name: string }[]) => targets.map((t) => t.name);

describe('planRemoval', () => {
  it('removes every stopped container of the project (orphans too) and keeps running ones', () => {
    const plan = planRemoval(CONTAINERS, {});
    expect(names(plan.remove)).toEqual(['shop-api-2', 'shop-db-1', 'shop-old-1']);
    expect(names(plan.skipped)).toEqual(['shop-api-1', 'shop-web-1']);
  });

  it('only the services named', () => {
    const plan = planRemoval(CONTAINERS, { services: ['api'] });
    expect(names(plan.remove)).toEqual(['shop-api-2']);
    expect(names(plan.skipped)).toEqual(['shop-api-1']);
  });

  it('with stop, the running ones too, marked to be stopped first', () => {
    const plan = planRemoval(CONTAINERS, { services: ['api', 'web'], stop: true });
    expect(plan.remove.map((t) => [t.name, t.running])).toEqual([
      ['shop-api-1', true],
      ['shop-api-2', false],
      ['shop-web-1', true],
    ]);
    expect(plan.skipped).toEqual([]);
  });
});
