/** An XML element as plain data; text children are escaped when rendered, so callers never escape. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}
export type XmlNode = XmlElement | string;

export function el(name: string, attributes: Record<string, string> = {}, ...children: XmlNode[]): XmlElement {
  return { name, attributes, children };
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for element content and double-quoted attribute values alike. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A UTF-8 XML document, two-space indented; an element holding only text stays on one line. */
export function renderXmlDocument(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderElement(root, '')}\n`;
}

function renderElement(element: XmlElement, indent: string): string {
  const attributes = Object.entries(element.attributes)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
  const open = `${indent}<${element.name}${attributes}`;
  if (element.children.length === 0) return `${open}/>`;
  if (element.children.every((child) => typeof child === 'string')) {
    return `${open}>${element.children.map((text) => escapeXml(text as string)).join('')}</${element.name}>`;
  }
  const inner = element.children
    .map((child) => (typeof child === 'string' ? `${indent}  ${escapeXml(child)}` : renderElement(child, `${indent}  `)))
    .join('\n');
  return `${open}>\n${inner}\n${indent}</${element.name}>`;
}
