/**
 * Reads one DTE out of the SII's XML (a bare `<DTE>`, a `<Documento>`, or an `EnvioDTE`/`EnvioBOLETA` envelope holding
 * exactly one DTE) into the SII-tag JSON the normalizer already accepts. No DTD or entity is ever resolved.
 */
import { load } from 'src/common/html/cheerio';

/** The few members of htmlparser2's DOM nodes this reader uses. */
interface XmlNode {
  type: string;
  name?: string;
  data?: string;
  children?: XmlNode[];
}
type Element = XmlNode & { name: string; children: XmlNode[] };

/** The document roots the SII schema allows inside `<DTE>`. */
const DOCUMENT_ROOTS = ['Documento', 'Liquidacion', 'Exportaciones'];

/** Why an XML text could not be read as one DTE; the message is meant for the person who sent it. */
export class DteXmlError extends Error {}

type XmlValue = string | XmlObject | XmlValue[];
interface XmlObject {
  [tag: string]: XmlValue;
}

function localName(element: Element): string {
  const name = element.name;
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

function isElement(node: XmlNode): node is Element {
  return node.type === 'tag' && typeof node.name === 'string' && Array.isArray(node.children);
}

function elementChildren(node: Element): Element[] {
  return node.children.filter(isElement);
}

function textOf(node: XmlNode): string {
  if (node.type === 'text') return node.data ?? '';
  return (node.children ?? []).map(textOf).join('');
}

/** Elements with element children become objects (repeated tags become arrays); leaves become their trimmed text. */
function toJson(node: Element): XmlValue {
  const children = elementChildren(node);
  if (children.length === 0) return textOf(node).trim();
  const result: XmlObject = {};
  for (const child of children) {
    const tag = localName(child);
    const value = toJson(child);
    const existing = result[tag];
    if (existing === undefined) result[tag] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else result[tag] = [existing, value];
  }
  return result;
}

function findAll(nodes: readonly XmlNode[], names: readonly string[], found: Element[] = []): Element[] {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (names.includes(localName(node))) found.push(node);
    else findAll(node.children, names, found);
  }
  return found;
}

/** Far above a signed EnvioDTE (about 10 levels) and far below what the recursive reader or the DOM builder handle. */
export const MAX_XML_DEPTH = 40;
/** An EnvioDTE with one 60-line document and its signatures is well under 200 KB. */
export const MAX_XML_CHARS = 512 * 1024;

const MARKUP = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][^>]*>|<(\/)?[^>]*?(\/)?>/g;

/** True when elements nest deeper than `limit`; one linear pass over the text, stopping as soon as it is exceeded. */
export function nestsDeeperThan(xml: string, limit: number): boolean {
  let depth = 0;
  for (const match of xml.matchAll(MARKUP)) {
    const text = match[0];
    if (text.startsWith('<!') || text.startsWith('<?')) continue;
    if (match[1]) depth--;
    else if (!match[2] && ++depth > limit) return true;
  }
  return false;
}

/** Refuses, before any parsing, an XML too large or too deeply nested to be a DTE (parsing those overflows the stack or holds the event loop). */
function assertReadableSize(xml: string): void {
  if (xml.length > MAX_XML_CHARS) throw new DteXmlError(`dte_xml is ${xml.length} characters; a DTE is at most ${MAX_XML_CHARS}`);
  if (nestsDeeperThan(xml, MAX_XML_DEPTH)) throw new DteXmlError(`dte_xml nests elements more than ${MAX_XML_DEPTH} levels deep; a DTE has about 10`);
}

/** The DTE in the XML as `{root, Encabezado, Detalle, Referencia, DscRcgGlobal, TED, ...}`; throws DteXmlError when there is not exactly one. */
export function parseDteXml(xml: string): Record<string, unknown> {
  if (typeof xml !== 'string' || xml.trim() === '') throw new DteXmlError('dte_xml is empty');
  if (!xml.trimStart().startsWith('<')) throw new DteXmlError('dte_xml is not XML (it must start with "<")');
  assertReadableSize(xml);
  const $ = load(xml, { xml: { xmlMode: true, decodeEntities: true } });
  const root = $.root().toArray()[0] as unknown as XmlNode;
  const documents = findAll(root.children ?? [], DOCUMENT_ROOTS);
  if (documents.length === 0) throw new DteXmlError('dte_xml holds no DTE: expected a <Documento>, <Liquidacion> or <Exportaciones> element');
  if (documents.length > 1) throw new DteXmlError(`dte_xml holds ${documents.length} DTEs; send one document per request`);
  const document = documents[0];
  const body = toJson(document);
  if (typeof body !== 'object' || Array.isArray(body)) throw new DteXmlError(`<${localName(document)}> in dte_xml is empty`);
  return { root: localName(document), ...body };
}
