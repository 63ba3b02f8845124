// The drift bench's project: a compose file of N services and, per service, Kubernetes
// manifests (a ConfigMap, a Deployment and a Service) that differ from it here and there, with
// parity.yaml naming them as a user writes it. Deterministic, so two builds can be compared on
// the same files (`jiti bench/drift-project.ts DIR [N]` writes one).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const name = (i: number): string => `svc${String(i).padStart(3, '0')}`;

// Every 17th service runs only on the laptop; every 19th only in production (they stay in the
// manifests). The rest differ on a regular pattern: a tag, an env value, a replica count, a
// memory limit, a ConfigMap key the laptop lacks, a probe interval.
const devOnly = (i: number): boolean => i % 17 === 16;
const prodOnly = (i: number): boolean => i % 19 === 18;

function composeFile(services: number): string {
  const lines = ['services:'];
  for (let i = 0; i < services; i++) {
    if (prodOnly(i)) continue;
    const s = name(i);
    lines.push(
      `  ${s}:`,
      `    image: registry.example.com/team/${s}:1.${i % 5}.0`,
      `    command: ["serve", "--port", "8080"]`,
      '    environment:',
      `      SERVICE_NAME: ${s}`,
      `      LOG_LEVEL: ${i % 7 === 0 ? 'debug' : 'info'}`,
      `      DATABASE_URL: postgres://${s}@db:5432/${s}`,
      `      UPSTREAM_URL: http://${name((i + 1) % services)}:8080`,
      `      FEATURE_FLAGS: a,b,c`,
      `      API_TOKEN: dev-token-${i}`,
      '    ports:',
      `      - "127.0.0.1:${20000 + i}:8080"`,
      '    healthcheck:',
      '      test: ["CMD", "wget", "-q", "-O", "-", "http://127.0.0.1:8080/health"]',
      `      interval: ${i % 11 === 0 ? '5s' : '10s'}`,
      '      timeout: 2s',
      '      retries: 3',
      '    deploy:',
      '      resources:',
      `        limits: { cpus: "0.5", memory: ${i % 13 === 0 ? '256M' : '128M'} }`,
      ...(i > 0 && !prodOnly(i - 1)
        ? ['    depends_on:', `      ${name(i - 1)}: { condition: service_started }`]
        : []),
      '    volumes:',
      `      - ${s}-data:/data`,
    );
  }
  lines.push('volumes:');
  for (let i = 0; i < services; i++) if (!prodOnly(i)) lines.push(`  ${name(i)}-data: {}`);
  return `${lines.join('\n')}\n`;
}

function manifests(i: number, services: number): string {
  const s = name(i);
  return `apiVersion: v1
kind: ConfigMap
metadata: { name: ${s}-config }
data:
  LOG_LEVEL: info
  DATABASE_URL: postgres://${s}@${i % 3 === 0 ? `${s}-db.prod.example.com` : 'db'}:5432/${s}
  FEATURE_FLAGS: a,b,c${i % 5 === 0 ? '\n  CACHE_URL: redis://cache:6379/0' : ''}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${s} }
spec:
  replicas: ${i % 4 === 0 ? 3 : 1}
  selector: { matchLabels: { app: ${s} } }
  template:
    metadata: { labels: { app: ${s} } }
    spec:
      containers:
        - name: ${s}
          image: registry.example.com/team/${s}:${i % 23 === 0 ? 2 : 1}.${i % 9 === 0 ? (i % 5) + 1 : i % 5}.0
          args: ["serve", "--port", "8080"]
          ports:
            - containerPort: 8080
          envFrom:
            - configMapRef: { name: ${s}-config }
          env:
            - name: SERVICE_NAME
              value: ${s}
            - name: UPSTREAM_URL
              value: http://${name((i + 1) % services)}:8080
            - name: API_TOKEN
              value: ${i % 6 === 0 ? `prod-token-${i}` : `dev-token-${i}`}
          readinessProbe:
            httpGet: { path: /health, port: 8080 }
            periodSeconds: 10
            timeoutSeconds: 2
            failureThreshold: 3
          resources:
            requests: { cpu: 100m, memory: 64Mi }
            limits: { cpu: 500m, memory: 128Mi }
          volumeMounts:
            - { name: data, mountPath: /data }
      volumes:
        - name: data
          persistentVolumeClaim: { claimName: ${s}-data }
---
apiVersion: v1
kind: Service
metadata: { name: ${s} }
spec:
  selector: { app: ${s} }
  ports:
    - port: 80
      targetPort: 8080
`;
}

/** Writes the bench's project of `services` services into `dir` (which must not exist yet). */
export function writeDriftProject(dir: string, services: number): void {
  mkdirSync(join(dir, 'deploy/k8s'), { recursive: true });
  writeFileSync(join(dir, 'compose.yaml'), composeFile(services));
  writeFileSync(
    join(dir, 'parity.yaml'),
    'name: bench\nproduction:\n  - kubernetes: deploy/k8s\ndrift:\n  ignore: ["*.env.LOG_LEVEL"]\n',
  );
  for (let i = 0; i < services; i++) {
    if (devOnly(i)) continue;
    writeFileSync(join(dir, 'deploy/k8s', `${name(i)}.yaml`), manifests(i, services));
  }
}

// Run directly: write a project for comparing drift outputs across builds.
if (process.argv[1]?.endsWith('drift-project.ts') && process.argv[2]) {
  writeDriftProject(process.argv[2], Number(process.argv[3] ?? 200));
}
