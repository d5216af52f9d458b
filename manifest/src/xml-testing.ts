import { parseStringPromise } from 'xml2js';
import type { AddinConfig } from './config.js';
import { outlookXmlManifest } from './xml.js';

// xml2js (strict sax underneath) shape: attributes under `$`, text under `_`, children as arrays.
export interface XmlObject {
  $?: Record<string, string>;
  _?: string;
  [child: string]: unknown;
}

export function children(node: XmlObject, name: string): XmlObject[] {
  const value = node[name] ?? [];
  const list = (Array.isArray(value) ? value : [value]) as Array<XmlObject | string>; // the root is not wrapped
  return list.map((child) => (typeof child === 'string' ? { _: child } : child));
}

/** Follows a path of element names, each of which must occur exactly once. */
export function only(node: XmlObject, ...path: string[]): XmlObject {
  return path.reduce((current, name) => {
    const found = children(current, name);
    if (found.length !== 1) throw new Error(`expected one <${name}>, found ${found.length}`);
    return found[0]!;
  }, node);
}

export function attr(node: XmlObject, name: string): string | undefined {
  return node.$?.[name];
}

export function text(node: XmlObject): string | undefined {
  return node._;
}

/** Every `resid` anywhere below `node`. */
export function resids(node: unknown): string[] {
  if (typeof node !== 'object' || node === null) return [];
  if (Array.isArray(node)) return node.flatMap(resids);
  const object = node as XmlObject;
  const own = object.$?.resid ? [object.$.resid] : [];
  return [...own, ...Object.entries(object).flatMap(([key, value]) => (key === '$' ? [] : resids(value)))];
}

/** Parses a generated XML manifest (strictly: malformed XML throws) and finds its main parts. */
export async function parseXmlManifest(config: AddinConfig) {
  const root = only((await parseStringPromise(outlookXmlManifest(config))) as XmlObject, 'OfficeApp');
  const v11 = only(root, 'VersionOverrides', 'VersionOverrides');
  const resources = only(v11, 'Resources');
  const resource = (resid: string | undefined): string | undefined =>
    ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings']
      .flatMap((group) => children(resources, group).flatMap((g) => Object.values(g).flat() as XmlObject[]))
      .find((entry) => entry.$?.id === resid)?.$?.DefaultValue;
  const host = only(v11, 'Hosts', 'Host');
  const [commandSurface, launchEvent] = children(only(host, 'DesktopFormFactor'), 'ExtensionPoint');
  return { root, v11, host, commandSurface: commandSurface!, launchEvent: launchEvent!, resource };
}
