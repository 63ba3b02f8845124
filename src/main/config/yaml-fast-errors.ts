/** Thrown from the js-yaml listener when the text needs the yaml library's reading. */
export class NeedsLibrary extends Error {}
