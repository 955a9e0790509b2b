import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { LatLon } from '../neo4j/neo4j-values';

/** A ring of [longitude, latitude] points (GeoJSON order), closed or not. */
type Ring = [number, number][];

export const DENMARK_OUTLINE_FILE = join(projectRoot(), 'seed', 'data', 'denmark-outline.geojson');

interface OutlineFile {
  features: { geometry: { type: string; coordinates: Ring[][] } }[];
}

/** The outer rings of the MultiPolygon in the file (holes are not used: the outline has none). */
export function readOutline(file: string = DENMARK_OUTLINE_FILE): Ring[] {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as OutlineFile;
  const rings: Ring[] = [];
  for (const feature of parsed.features) {
    if (feature.geometry.type !== 'MultiPolygon') {
      throw new Error(`${file}: expected a MultiPolygon, got ${feature.geometry.type}`);
    }
    for (const polygon of feature.geometry.coordinates) {
      rings.push(polygon[0]);
    }
  }
  if (rings.length === 0) {
    throw new Error(`${file}: no polygon`);
  }
  return rings;
}

/** Ray casting (even-odd): is the point inside the ring? Points on an edge may go either way. */
export function insideRing(p: LatLon, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p.latitude !== yj > p.latitude) {
      const x = xi + ((p.latitude - yi) * (xj - xi)) / (yj - yi);
      if (p.longitude < x) {
        inside = !inside;
      }
    }
  }
  return inside;
}

let outline: Ring[] | undefined;

/**
 * Whether a position lies in Denmark (without Greenland and the Faroe Islands): inside the
 * generalised outline in seed/data/denmark-outline.geojson (land and a few km of sea; see the
 * README there for its source and accuracy). Read once.
 */
export function insideDenmark(p: LatLon): boolean {
  if (!Number.isFinite(p.latitude) || !Number.isFinite(p.longitude)) {
    return false;
  }
  outline ??= readOutline();
  return outline.some((ring) => insideRing(p, ring));
}
