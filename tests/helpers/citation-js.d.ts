// citation-js 0.7 (the last line whose engines allow Node 20) ships no types: the part the
// citation tests use, a reader of BibTeX and CSL-JSON into CSL-JSON items.
declare module "@citation-js/core" {
  export class Cite {
    constructor(input: unknown);
    /** The items read, as CSL-JSON. */
    data: Array<Record<string, any>>;
  }
}
declare module "@citation-js/plugin-bibtex";
