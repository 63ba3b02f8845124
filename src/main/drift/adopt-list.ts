import { isMap, isScalar, visit, type Document, type YAMLSeq } from 'yaml';
import { columnOf, insertAfter, keyStart, serviceKeyStart } from './adopt-yaml';
import { AdoptRefusedError } from './adopt-value';

/** A list Adopt writes (cap_add, cap_drop): production's items, and where the laptop has it. */
export interface AdoptListTarget {
  service: string;
  key: string;
  items: string[];
  /** Offset in the text of the laptop's list; null to add the key under the service. */
  offset: number | null;
}

type Refuse = (offset: number, message: string) => AdoptRefusedError;

// Capability names and the like: written plain, never read as anything but a string.
const PLAIN_ITEM = /^[A-Za-z_][\w.-]*$/;

/**
 * The text with the laptop's list replaced by production's items, in the style it is written
 * (`[A, B]` stays on its line; a block list keeps its indentation, an item a line), or added
 * under the service as a flow list when the laptop writes none.
 */
export function editListText(
  doc: Document,
  text: string,
  target: AdoptListTarget,
  eol: string,
  refuse: Refuse,
): string {
  const bad = target.items.find((item) => !PLAIN_ITEM.test(item));
  if (bad !== undefined)
    throw new AdoptRefusedError(`"${bad}" is not a plain name: edit it by hand`);
  const flow = `[${target.items.join(', ')}]`;
  if (target.offset === null) return addKey(doc, text, target, flow, eol, refuse);
  let found: YAMLSeq | null = null;
  const at = target.offset;
  visit(doc, {
    Seq(_key, node) {
      if (node.range?.[0] === at) found = node;
    },
  });
  const seq = found as YAMLSeq | null;
  if (!seq?.range)
    throw refuse(at, `found no list for ${target.key} where the project was read from`);
  if (!seq.items.every((item) => isScalar(item) && !String(item.value).includes('$'))) {
    throw refuse(
      at,
      `${target.key} is written through interpolation or nested values: edit it by hand`,
    );
  }
  if (seq.flow) return `${text.slice(0, at)}${flow}${text.slice(seq.range[1])}`;
  const last = seq.items[seq.items.length - 1];
  const end = isScalar(last) && last.range ? last.range[1] : seq.range[1];
  const indent = ' '.repeat(columnOf(text, at));
  const block = target.items.map((item) => `- ${item}`).join(`${eol}${indent}`);
  return `${text.slice(0, at)}${block}${text.slice(end)}`;
}

function addKey(
  doc: Document,
  text: string,
  target: AdoptListTarget,
  flow: string,
  eol: string,
  refuse: Refuse,
): string {
  const services = doc.get('services', true);
  const service = isMap(services) ? services.get(target.service, true) : null;
  if (!isMap(service) || service.flow || !service.range) {
    throw refuse(0, `found no block mapping for service ${target.service}`);
  }
  const indent = columnOf(text, keyStart(service.items[0]?.key));
  const fallback = columnOf(text, serviceKeyStart(doc, target.service)) + 2;
  const pad = ' '.repeat(service.items.length > 0 ? indent : fallback);
  return insertAfter(text, service.range[1], [`${pad}${target.key}: ${flow}`], eol);
}
