import { registerEnumType } from "type-graphql";

export enum CitationFormat {
  TEXT = "TEXT",
  BIBTEX = "BIBTEX",
  CSL_JSON = "CSL_JSON",
}
registerEnumType(CitationFormat, {
  name: "CitationFormat",
  description: "Format of a citation of a dataset (an indicator) of the portal.",
  valuesConfig: {
    TEXT: { description: "One plain-text reference (author-date style) to paste into an article or a report." },
    BIBTEX: { description: "One BibTeX/biblatex `@misc` entry (UTF-8) for LaTeX and reference managers." },
    CSL_JSON: { description: "CSL-JSON: a JSON array with one item of type `dataset` (Zotero, Pandoc, citeproc)." },
  },
});
