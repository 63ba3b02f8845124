import { PARITY_FILE } from '../config/parity-file';
import type { AcceptEntry } from './accept-entry';
import { addAcceptKey, addItems, appendToDocument } from './accept-insert';
import { acceptList, findEntry } from './accept-locate';
import { AcceptText } from './accept-text';
import { updateEntry } from './accept-update';

// Writes `drift.accept` entries into parity.yaml as a text edit: the file is parsed with the
// yaml package's Document API only to find where things are (every node's source range), and
// the new lines are spliced into the original text. Everything outside the inserted or
// replaced spans stays byte-for-byte as the user wrote it: comments, blank lines, key order,
// quoting, indentation, flow or block style, CRLF line endings. The parts: accept-text.ts (the
// text, its positions and splices), accept-locate.ts (what is there), accept-update.ts (an
// entry already there), accept-insert.ts (what is not), accept-render.ts (entries as YAML).

/** The header of a parity.yaml that Parity creates to hold an accepted difference. */
export const CREATED_HEADER = [
  "# Parity settings: what Parity adds to this project's Compose files.",
  '# Created when a drift difference was accepted; edit freely (comments are kept).',
];

/** The text of parity.yaml with `entries` accepted, and what changed. */
export interface AcceptEdit {
  text: string;
  added: string[];
  updated: string[];
  unchanged: string[];
}

/**
 * The edit itself, on text: `text` with `entries` in `drift.accept`. `file` names the file in
 * messages; `create` says there is no file yet (a header comment is written). Pure, so the
 * byte-for-byte promises are testable without a disk. Expects text the parity.yaml loader
 * accepts; refuses YAML whose shape it cannot edit in place (aliases, merge keys).
 */
export function editAcceptText(
  text: string,
  entries: readonly AcceptEntry[],
  file = PARITY_FILE,
  create = false,
): AcceptEdit {
  const t = new AcceptText(text, file);
  const result: AcceptEdit = { text, added: [], updated: [], unchanged: [] };
  if (entries.length === 0) return result;
  const root = t.doc.contents;
  const fresh: AcceptEntry[] = [];
  const accept = root ? acceptList(t, root) : null;
  for (const entry of entries) {
    const existing = accept ? findEntry(t, accept, entry.path) : null;
    if (!existing) {
      fresh.push(entry);
      result.added.push(entry.path);
    } else if (updateEntry(t, existing, entry)) {
      result.updated.push(entry.path);
    } else {
      result.unchanged.push(entry.path);
    }
  }
  if (fresh.length > 0) {
    if (!root) appendToDocument(t, fresh, create ? CREATED_HEADER : []);
    else if (accept) addItems(t, accept, fresh);
    else addAcceptKey(t, root, fresh);
  }
  result.text = t.applySplices();
  return result;
}
