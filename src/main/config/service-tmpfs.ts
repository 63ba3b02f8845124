import type { Field, VolumeMount } from '../../shared/model';
import type { ServiceContext } from './normalize-service';
import { syntax } from './service-syntax';
import { parseBytes } from './syntax/bytes';
import type { YNode } from './yaml-tree';

/**
 * `tmpfs: /run` or `tmpfs: [/run, "/tmp:rw,noexec,size=64m,mode=1777"]`: memory-backed mounts,
 * kept with the other mounts so they compare with Kubernetes' emptyDir of medium Memory (size
 * and mode read for that), and with their option string as written, which the container gets
 * whole, as Compose passes it (HostConfig.Tmpfs).
 */
export function tmpfsMounts(node: YNode | undefined, ctx: ServiceContext): Field<VolumeMount>[] {
  return ctx.reader.stringList(node, 'tmpfs').flatMap(({ value, node: item }) => {
    const [target = '', options = ''] = value.split(/:(.*)/s);
    if (!target.startsWith('/')) {
      ctx.reader.report(
        'error',
        `found "${value}" for tmpfs, expected an absolute container path, optionally with options ("/tmp:rw,noexec,size=64m")`,
        item.pos,
      );
      return [];
    }
    const option = (key: string): string | undefined =>
      options
        .split(',')
        .find((o) => o.startsWith(`${key}=`))
        ?.slice(key.length + 1);
    const size = option('size');
    const mode = option('mode');
    if (mode !== undefined && !/^[0-7]+$/.test(mode)) {
      ctx.reader.report(
        'error',
        `found mode "${mode}" in tmpfs "${value}", expected an octal mode like 1777`,
        item.pos,
      );
      return [];
    }
    const sizeBytes = size ? syntax(ctx, item, () => parseBytes(size)) : null;
    if (size && sizeBytes === null) return [];
    const mount: VolumeMount = {
      type: 'tmpfs',
      source: null,
      target,
      readOnly: options.split(',').includes('ro'),
      tmpfs: {
        ...(sizeBytes !== null ? { size: sizeBytes } : {}),
        ...(mode ? { mode: Number.parseInt(mode, 8) } : {}),
        options,
      },
    };
    return [{ value: mount, source: item.pos }];
  });
}
