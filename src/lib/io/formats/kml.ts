// KML / KMZ via @tmcw/togeojson. Workers and Node have no DOMParser, so @xmldom/xmldom parses the XML.
import { msg, plainMsg } from '../messages';
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { decodeText } from '../text';
import { isZip, unzipBounded } from '../zip';
import { ImportError, ioNote, type FileFormat, type ImportLimits, type RawFeature, type RawLayer } from '../types';

function flattenKmlProperties(props: Record<string, unknown> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props ?? {})) {
    // togeojson wraps HTML descriptions as {"@type":"html", value}; keep the markup as plain text.
    if (v && typeof v === 'object' && !Array.isArray(v) && '@type' in v && 'value' in v) {
      out[k] = String((v as { value: unknown }).value);
    } else {
      out[k] = v;
    }
  }
  return out;
}

export function parseKmlText(text: string, file: string, format: 'kml' | 'kmz'): RawLayer {
  if (!text.trim()) throw new ImportError('empty-file', msg('io.err.empty', { file }));
  // No entity expansion: a DOCTYPE with entities is the classic XML bomb and KML never needs one.
  if (/<!ENTITY/i.test(text)) {
    throw new ImportError('xml-entities', msg('io.kml.entities', { file }));
  }
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level: string, msg: string) => {
        if (level !== 'warning') throw new Error(msg);
      },
    }).parseFromString(text, 'text/xml') as unknown as Document;
  } catch (e) {
    const m = (e as Error).message.replace(/^Reporting error "|" caused Error:.*$/gs, '');
    throw new ImportError('bad-xml', msg('io.kml.badXml', { file, detail: m.slice(0, 160) }));
  }
  const root = doc.documentElement;
  if (!root || root.localName !== 'kml') {
    throw new ImportError('not-kml', msg('io.kml.notKml', { file, root: root?.localName ?? '?' }));
  }
  // A NetworkLink points at a remote KML: never fetched (no network from files), but said so.
  const links = [...(root.getElementsByTagName('NetworkLink') as unknown as Iterable<Element>)];
  const warnings = links.length
    ? [ioNote(file, 'kml-network-link', msg('io.kml.networkLink', { file, links: links.map(linkText).join(', ') }))]
    : [];
  for (const l of links) l.parentNode?.removeChild(l);
  let fc: GeoJSON.FeatureCollection;
  try {
    fc = kml(doc) as GeoJSON.FeatureCollection;
  } catch {
    throw new ImportError('bad-kml', msg('io.kml.unreadable', { file }));
  }
  // the Document's own <name>, not the first <name> below it (a Folder's or Placemark's)
  const docEl = root.getElementsByTagName('Document')[0];
  const nameEl = docEl ? [...(docEl.childNodes as unknown as Iterable<Node>)].find((n) => (n as Element).localName === 'name') : undefined;
  const features: RawFeature[] = fc.features.map((f, index) => ({
    index,
    id: typeof f.id === 'string' || typeof f.id === 'number' ? f.id : undefined,
    geometry: f.geometry,
    properties: flattenKmlProperties(f.properties),
  }));
  return {
    name: nameEl?.textContent?.trim() || file.replace(/\.[^.]+$/, ''),
    format,
    features,
    declaredCrs: { id: 'EPSG:4326', reason: plainMsg('io.crs.kml') },
    warnings,
    rejected: [],
  };
}

function linkText(l: Element): string {
  const child = (tag: string) => l.getElementsByTagName(tag)[0]?.textContent?.trim() ?? '';
  const name = child('name');
  const href = child('href');
  return JSON.stringify(name && href ? `${name} (${href.slice(0, 120)})` : name || href.slice(0, 120) || '?');
}

export function parseKml(bytes: Uint8Array, file: string): RawLayer[] {
  return [parseKmlText(decodeText(bytes, file).text, file, 'kml')];
}

export function parseKmz(bytes: Uint8Array, file: string, limits: ImportLimits, signal?: AbortSignal): RawLayer[] {
  const entries = unzipBounded(bytes, file, limits, signal);
  const kmlNames = [...entries.keys()].filter((n) => /\.kml$/i.test(n) && !n.includes('__MACOSX'));
  // The KMZ convention: the root doc.kml, else the first .kml at the top level, else any.
  const main = kmlNames.find((n) => /^doc\.kml$/i.test(n)) ?? kmlNames.find((n) => !n.includes('/')) ?? kmlNames[0];
  if (!main) throw new ImportError('kmz-no-kml', msg('io.kml.kmzNoKml', { file }));
  return [parseKmlText(decodeText(entries.get(main) as Uint8Array, `${file}/${main}`).text, file, 'kmz')];
}

export const kmlFormat: FileFormat = {
  id: 'kml',
  label: 'KML',
  extensions: ['kml', 'kmz'],
  detect: ({ head }) => head.startsWith('<'),
  import: ({ bytes, name, ext, limits, signal }) => {
    if (isZip(bytes)) return parseKmz(bytes, name, limits, signal);
    if (ext === 'kmz') throw new ImportError('zip-corrupt', msg('io.zip.notZip', { file: name }));
    return parseKml(bytes, name);
  },
};
