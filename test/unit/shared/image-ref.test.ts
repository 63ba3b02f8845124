import { describe, expect, it } from 'vitest';
import { parseImageRef } from '../../../src/shared/image-ref';

describe('parseImageRef', () => {
  it.each([
    ['redis', 'docker.io', 'library/redis', 'latest', null],
    ['redis:7.2-alpine', 'docker.io', 'library/redis', '7.2-alpine', null],
    ['bitnami/redis:7', 'docker.io', 'bitnami/redis', '7', null],
    ['registry.example.com/shop/api:2.3.0', 'registry.example.com', 'shop/api', '2.3.0', null],
    ['localhost:5000/app', 'localhost:5000', 'app', 'latest', null],
    ['localhost/app:dev', 'localhost', 'app', 'dev', null],
    ['ghcr.io/o/r@sha256:abc', 'ghcr.io', 'o/r', null, 'sha256:abc'],
    ['postgres:16@sha256:def', 'docker.io', 'library/postgres', '16', 'sha256:def'],
  ])('%s', (raw, registry, repository, tag, digest) => {
    expect(parseImageRef(raw)).toEqual({ raw, registry, repository, tag, digest });
  });
});
