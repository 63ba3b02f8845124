import type { ServiceContext } from './normalize-service';
import type { YNode } from './yaml-tree';
import { SyntaxValueError } from './syntax/syntax-error';

/** Runs a syntax parser, turning its error into a diagnostic at the value; null then. */
export function syntax<T>(ctx: ServiceContext, node: YNode, parse: () => T): T | null {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof SyntaxValueError)) throw error;
    ctx.reader.report('error', error.message, node.pos);
    return null;
  }
}
