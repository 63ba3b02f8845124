// The page's DOM as the Chromium tests read it: they compile against Node's types, which have
// no DOM, so code run in the page casts globalThis to these few members.

/** The page's globals a test reads. */
export interface InPage {
  document: {
    activeElement: InPageElement | null;
    querySelector(selector: string): InPageElement | null;
    querySelectorAll(selector: string): Iterable<InPageElement>;
  };
  getComputedStyle(element: unknown, pseudo?: string): InPageStyle;
}

/** The computed style members a test reads. */
export interface InPageStyle {
  fontSize: string;
  overflowY: string;
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
}

/** The element members a test reads. */
export interface InPageElement {
  tagName: string;
  offsetHeight: number;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  className: string;
  textContent: string | null;
  getBoundingClientRect(): { right: number; height: number };
  getAttribute(name: string): string | null;
  closest(selector: string): unknown;
  /** An input's labels (null on other elements). */
  labels?: ArrayLike<InPageElement> | null;
}
