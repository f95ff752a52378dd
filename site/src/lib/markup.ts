/**
 * The one place where text becomes markup. Names, notes and labels come from the data (an
 * indicator or area name may hold `<`, `&` or quotes): everything written into an SVG or HTML
 * string goes through escapeXml, and every SVG drawn on linkedom's document is serialised by
 * svgMarkup, whose output is valid both as XML (the chart and map files, resvg's PNG) and as
 * HTML (inline in a page). linkedom's outerHTML follows HTML's rules and leaves `<` and `&` raw
 * in attribute values, which an XML reader refuses.
 */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text safe in an element's content and in a quoted attribute value, in XML and HTML alike. */
export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c]);

/** Same rules; the name says where it is used. */
export const escapeHtml = escapeXml;

/** A DOM node of linkedom (the subset svgMarkup reads). */
interface MarkupNode {
  nodeType: number;
  localName?: string;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<MarkupNode>;
  attributes?: ArrayLike<{ name: string; value: string }>;
}

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

/**
 * An element and its subtree as markup with every attribute value and text escaped. Comments
 * are dropped; an element without children is written self-closed (valid in XML and in SVG
 * inside HTML).
 */
export function svgMarkup(node: MarkupNode): string {
  if (node.nodeType === TEXT || node.nodeType === CDATA) return escapeXml(node.textContent ?? "");
  if (node.nodeType !== ELEMENT) return "";
  // localName keeps SVG's case (clipPath, linearGradient) where nodeName may not.
  const name = node.localName ?? node.nodeName;
  const attributes = Array.from(node.attributes ?? [], (a) => ` ${a.name}="${escapeXml(a.value)}"`).join("");
  const children = Array.from(node.childNodes, svgMarkup).join("");
  return children ? `<${name}${attributes}>${children}</${name}>` : `<${name}${attributes}/>`;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Name a drawn SVG as one accessible image: the inner aria labels Plot writes are dropped, the
 * root gets aria-label and a <title> and <desc> as its first children (tooltip and description).
 */
export function nameSvg(svg: Element, title: string, description: string): void {
  for (const element of Array.from(svg.querySelectorAll("[aria-label], [aria-description]"))) {
    element.removeAttribute("aria-label");
    element.removeAttribute("aria-description");
  }
  svg.setAttribute("aria-label", title);
  const document = svg.ownerDocument;
  const titleElement = document.createElementNS(SVG_NS, "title");
  titleElement.textContent = title;
  const desc = document.createElementNS(SVG_NS, "desc");
  desc.textContent = description;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(titleElement, svg.firstChild);
}
