import { selects, type K8sService } from './service-ports';

interface Entry {
  at: number;
  service: K8sService;
}

// One label as a map key; the key's length first, so no key and value can pass for another pair.
const labelKey = (key: string, value: string | undefined): string =>
  `${key.length}:${key}=${value ?? ''}`;

/**
 * The Services of the inputs, looked up by a pod's labels: each Service is filed under the first
 * label of its selector, which every pod it selects carries, so a workload looks at the few
 * Services that share one of its labels instead of at every Service of the inputs.
 */
export class ServiceIndex {
  private readonly byLabel = new Map<string, Entry[]>();

  constructor(services: readonly K8sService[]) {
    services.forEach((service, at) => {
      // An ExternalName Service, or one without a selector, selects no pod (see selects).
      if (service.type === 'ExternalName') return;
      for (const key in service.selector) {
        const filed = labelKey(key, service.selector[key]);
        const entries = this.byLabel.get(filed);
        if (entries) entries.push({ at, service });
        else this.byLabel.set(filed, [{ at, service }]);
        break;
      }
    });
  }

  /** The Services that select a pod with these labels in this namespace, in the inputs' order. */
  selecting(namespace: string | null, labels: Record<string, string>): K8sService[] {
    const found: Entry[] = [];
    // A Service is filed under one label, and a pod has one value per label: no Service twice.
    for (const key in labels) {
      for (const entry of this.byLabel.get(labelKey(key, labels[key])) ?? []) {
        if (selects(entry.service, namespace, labels)) found.push(entry);
      }
    }
    return found.sort((a, b) => a.at - b.at).map((entry) => entry.service);
  }
}
