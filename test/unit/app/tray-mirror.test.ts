import { describe, expect, it } from 'vitest';
import { trayMenu } from '../../../src/main/app/tray-menu';
import type { TrayProject } from '../../../src/main/app/tray-state';

const SERVICES = { total: 3, running: 3, healthy: 0, unhealthy: 1, starting: 0, exited: 0 };

function labels(projects: TrayProject[]): string[] {
  return trayMenu({ engine: { reachable: true }, projects }).flatMap((item) =>
    item.type === 'submenu' ? [item.label] : [],
  );
}

describe('the tray and the Mirror production switch', () => {
  it("says in a project's label that it mirrors production, and only then", () => {
    const shop = { id: '/p/shop', name: 'shop', state: 'running', services: SERVICES } as const;
    expect(
      labels([
        { ...shop, driftCount: 0, actions: [], mirroring: true },
        { ...shop, id: '/p/blog', name: 'blog', driftCount: 2, actions: [] },
      ]),
    ).toEqual([
      'shop — running (1 unhealthy), mirroring production',
      'blog — running (1 unhealthy)',
    ]);
  });
});
