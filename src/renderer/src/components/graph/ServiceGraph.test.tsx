import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ServiceView } from '../../../../shared/projects';
import { container, shopServices } from '../../testing/fixtures';
import { MIRROR_CAPTION, ServiceGraph } from './ServiceGraph';

function nodeBox(service: string): string {
  const node = document.querySelector<HTMLElement>(`[data-service="${service}"]`);
  return `${node?.style.left} ${node?.style.top}`;
}

describe('ServiceGraph', () => {
  it('shows each service as a button named by its state and health', () => {
    render(<ServiceGraph services={shopServices(true)} selected={null} onSelect={vi.fn()} />);
    expect(screen.getByRole('button', { name: 'Service api, running, healthy' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Service web, running' })).toBeTruthy();
    const worker = screen.getByRole('button', { name: 'Service worker, running' });
    // The image is the node's description, outside the button's name (which holds only what
    // the button shows, for speech input), and in its tooltip.
    expect(worker.textContent).toBe('worker running');
    expect(worker.getAttribute('title')).toBe('worker\nbusybox:1.37');
    const description = document.getElementById(worker.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toBe('busybox:1.37');
  });

  it('names a scaled service with the replicas it shows', () => {
    const services = shopServices(true).map((s) =>
      s.name === 'worker'
        ? {
            ...s,
            containers: [
              container('worker'),
              container('worker', { id: 'worker-2', number: 2, state: 'exited' }),
            ],
          }
        : s,
    );
    render(<ServiceGraph services={services} selected={null} onSelect={vi.fn()} />);
    const worker = screen.getByRole('button', { name: 'Service worker, running, 1/2 running' });
    expect(worker.textContent).toBe('worker running (1/2)');
  });

  it('links published ports on loopback', () => {
    render(<ServiceGraph services={shopServices(true)} selected={null} onSelect={vi.fn()} />);
    const link = screen.getByRole('link', { name: '18081→8081' });
    expect(link.getAttribute('href')).toBe('http://127.0.0.1:18081/');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer');
  });

  it('draws depends_on edges labelled with their condition', () => {
    const { container: root } = render(
      <ServiceGraph services={shopServices()} selected={null} onSelect={vi.fn()} />,
    );
    const labels = [...root.querySelectorAll('.graph-edge')].map(
      (edge) => `${edge.getAttribute('data-edge')} ${edge.querySelector('text')?.textContent}`,
    );
    expect(labels).toEqual(['web->api service_started', 'worker->api service_healthy']);
  });

  it('names an edge whose label is not shown in its tooltip', () => {
    // Nine edges: only the conditions other than service_started are labelled.
    const names = ['db', ...Array.from({ length: 9 }, (_, i) => `svc-${i}`)];
    const services = names.map((name, i) => ({
      ...shopServices()[2],
      name,
      containers: [],
      dependsOn:
        i === 0
          ? []
          : [
              {
                service: 'db',
                condition: i === 1 ? ('service_healthy' as const) : ('service_started' as const),
                required: i !== 2,
              },
            ],
    })) as ServiceView[];
    const { container: root } = render(
      <ServiceGraph services={services} selected={null} onSelect={vi.fn()} />,
    );
    const edge = (from: string) => root.querySelector(`[data-edge="${from}->db"]`);
    expect(edge('svc-0')?.querySelector('text')?.textContent).toBe('service_healthy');
    expect(edge('svc-0')?.querySelector('title')).toBeNull();
    expect(edge('svc-1')?.querySelector('text')).toBeNull();
    expect(edge('svc-1')?.querySelector('title')?.textContent).toBe(
      'svc-1 depends on db (service_started, optional)',
    );
    expect(edge('svc-2')?.querySelector('title')?.textContent).toBe(
      'svc-2 depends on db (service_started)',
    );
  });

  it('keeps every node in place when states change', () => {
    const { rerender } = render(
      <ServiceGraph services={shopServices(false)} selected={null} onSelect={vi.fn()} />,
    );
    const before = ['api', 'web', 'worker'].map(nodeBox);
    const changed = shopServices(true).map((s) =>
      s.name === 'api' ? { ...s, containers: [container('api', { health: 'unhealthy' })] } : s,
    );
    rerender(<ServiceGraph services={changed} selected="api" onSelect={vi.fn()} />);
    expect(['api', 'web', 'worker'].map(nodeBox)).toEqual(before);
    expect(screen.getByRole('button', { name: 'Service api, running, unhealthy' })).toHaveProperty(
      'ariaPressed',
      'true',
    );
  });

  it('selects a service on click', () => {
    const onSelect = vi.fn();
    render(<ServiceGraph services={shopServices()} selected={null} onSelect={onSelect} />);
    fireEvent.click(screen.getByRole('button', { name: 'Service web, not created' }));
    expect(onSelect).toHaveBeenCalledWith('web');
  });

  it('zooms with the buttons and the wheel, and fits with F', () => {
    render(<ServiceGraph services={shopServices()} selected={null} onSelect={vi.fn()} />);
    const zoom = () => screen.getByLabelText('Zoom level').textContent;
    expect(zoom()).toBe('100%');
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(zoom()).toBe('125%');
    fireEvent.click(screen.getByRole('button', { name: 'Zoom out' }));
    fireEvent.click(screen.getByRole('button', { name: 'Zoom out' }));
    expect(zoom()).toBe('80%');
    fireEvent.wheel(screen.getByRole('group', { name: 'Service graph' }), { deltaY: -200 });
    expect(Number.parseInt(zoom() ?? '', 10)).toBeGreaterThan(80);
    // jsdom lays nothing out: a zero-sized viewport fits at 100%.
    fireEvent.keyDown(window, { key: 'f' });
    expect(zoom()).toBe('100%');
    expect(
      screen.getByRole('button', { name: 'Fit graph' }).getAttribute('aria-keyshortcuts'),
    ).toBe('F');
  });

  it('is one tab stop whose arrows, Home and End move between the services', () => {
    render(<ServiceGraph services={shopServices(true)} selected={null} onSelect={vi.fn()} />);
    const api = screen.getByRole('button', { name: 'Service api, running, healthy' });
    const web = screen.getByRole('button', { name: 'Service web, running' });
    const worker = screen.getByRole('button', { name: 'Service worker, running' });
    // api above, web and worker side by side below it.
    const stops = () => [api, web, worker].map((b) => b.tabIndex);
    expect(stops()).toEqual([0, -1, -1]);
    // Port links of the nodes Tab skips are skipped too.
    expect(screen.getByRole('link', { name: '18081→8081' }).tabIndex).toBe(0);
    expect(screen.getByRole('link', { name: '18080→8080' }).tabIndex).toBe(-1);
    api.focus();
    fireEvent.keyDown(api, { key: 'ArrowDown' });
    const below = document.activeElement;
    expect([web, worker]).toContain(below);
    fireEvent.keyDown(below ?? api, { key: 'ArrowRight' });
    fireEvent.keyDown(document.activeElement ?? api, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(web);
    fireEvent.keyDown(web, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(worker);
    expect(stops()).toEqual([-1, -1, 0]);
    fireEvent.keyDown(worker, { key: 'Home' });
    expect(document.activeElement).toBe(api);
    fireEvent.keyDown(api, { key: 'End' });
    expect(document.activeElement).toBe(worker);
    fireEvent.keyDown(worker, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(api);
    expect(stops()).toEqual([0, -1, -1]);
  });

  it('leaves the page shortcuts and Enter to work on a node', () => {
    const onSelect = vi.fn();
    render(<ServiceGraph services={shopServices()} selected={null} onSelect={onSelect} />);
    const web = screen.getByRole('button', { name: 'Service web, not created' });
    web.focus();
    // An arrow is the graph's: no shortcut of the page sees it.
    const seen = vi.fn();
    window.addEventListener('keydown', seen);
    fireEvent.keyDown(web, { key: 'ArrowLeft' });
    window.removeEventListener('keydown', seen);
    expect(seen).not.toHaveBeenCalled();
    // Enter still presses the button (a native button clicks on Enter; jsdom only on click).
    fireEvent.click(document.activeElement ?? web);
    expect(onSelect).toHaveBeenCalledTimes(1);
    // F still fits from a node.
    fireEvent.click(screen.getByRole('button', { name: 'Zoom in' }));
    expect(screen.getByLabelText('Zoom level').textContent).toBe('125%');
    web.focus();
    fireEvent.keyDown(web, { key: 'f' });
    expect(screen.getByLabelText('Zoom level').textContent).toBe('100%');
  });

  it('says so over the graph while the project mirrors production', () => {
    const { rerender } = render(
      <ServiceGraph services={shopServices()} selected={null} onSelect={vi.fn()} />,
    );
    expect(screen.queryByText(MIRROR_CAPTION)).toBeNull();
    rerender(
      <ServiceGraph services={shopServices()} selected={null} onSelect={vi.fn()} mirroring />,
    );
    const caption = screen.getByText(MIRROR_CAPTION);
    expect(caption.textContent).toBe("Mirroring production — services run production's values");
    const graph = screen.getByRole('group', { name: 'Service graph' });
    expect(graph.getAttribute('aria-describedby')).toBe(caption.id);
  });
});
