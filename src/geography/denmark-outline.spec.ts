import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../common/project-root';
import { insideDenmark, insideOutline, insideRing, readOutline } from './denmark-outline';

const at = (latitude: number, longitude: number) => ({ latitude, longitude });

describe('insideDenmark', () => {
  it.each([
    ['Malmö', 55.605, 13.004],
    ['Flensburg', 54.794, 9.447],
    ['Kiel', 54.323, 10.123],
    ['Gothenburg', 57.709, 11.975],
    ['Helsingborg', 56.047, 12.695],
    ['Ven', 55.91, 12.69],
    ['List on Sylt', 55.017, 8.433],
    ['Puttgarden on Fehmarn', 54.5, 11.22],
    ['Berlin', 52.52, 13.4],
    ['the middle of the Kattegat', 57.0, 11.3],
    ['the North Sea', 56.0, 7.9],
    ['Tórshavn (Faroe Islands)', 62.01, -6.77],
    ['Glücksburg, across the Flensburg Fjord', 54.835, 9.55],
    ['Harrislee, 2 km south of the land border', 54.8, 9.39],
  ])('refuses %s', (_name, lat, lon) => {
    expect(insideDenmark(at(lat, lon))).toBe(false);
  });

  it.each([
    ['Skagen', 57.721, 10.584],
    ['Grenen', 57.745, 10.64],
    ['Læsø (Byrum)', 57.255, 11.0],
    ['Anholt', 56.717, 11.517],
    ['Christiansø', 55.32, 15.188],
    ['Bornholm (Rønne)', 55.104, 14.707],
    ['Bornholm (Nexø)', 55.06, 15.13],
    ['Bornholm (Dueodde)', 54.993, 15.075],
    ['Gedser', 54.575, 11.93],
    ['Rømø', 55.15, 8.52],
    ['Helsingør', 56.036, 12.611],
    ['Dragør', 55.593, 12.672],
    ['Tønder', 54.933, 8.864],
    ['Sønderborg', 54.909, 9.792],
    ['Padborg, at the land border', 54.826, 9.36],
    ['Fanø (Nordby)', 55.445, 8.4],
    ['Samsø (Tranebjerg)', 55.84, 10.6],
  ])('accepts %s', (_name, lat, lon) => {
    expect(insideDenmark(at(lat, lon))).toBe(true);
  });

  it('accepts the position of every municipality in seed/data', () => {
    const rows = readFileSync(join(projectRoot(), 'seed', 'data', 'municipalities.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(rows).toHaveLength(98);
    const outside = rows.filter(([, , , lat, lon]) => !insideDenmark(at(Number(lat), Number(lon))));
    expect(outside).toEqual([]);
  });

  it('refuses positions that are not numbers', () => {
    expect(insideDenmark(at(Number.NaN, 10))).toBe(false);
    expect(insideDenmark(at(56, Number.POSITIVE_INFINITY))).toBe(false);
  });
});

describe('the outline file', () => {
  it("is GISCO's MultiPolygon with every island, the additions and the land border", () => {
    const outline = readOutline();
    expect(outline.marginKm).toBe(2);
    // 29 parts from the source (no island dropped) and 2 added by hand.
    expect(outline.parts).toHaveLength(31);
    for (const { rings } of outline.parts) {
      for (const ring of rings) {
        expect(ring[0]).toEqual(ring[ring.length - 1]);
      }
    }
    // The land border's 4 edges carry no margin; every other edge does.
    const edges = outline.parts.flatMap(({ rings }) => rings.map((r) => r.length - 1));
    const coast = outline.parts.flatMap(({ coast }) => coast);
    expect(edges.reduce((a, b) => a + b, 0) - coast.length).toBe(4);
  });

  it('gives the margin at sea, not across the land border', () => {
    const outline = readOutline();
    // 1 km off the west coast of Jutland, at Blåvand: in; 5 km off: out.
    expect(insideOutline(at(55.56, 8.09), outline)).toBe(true);
    expect(insideOutline(at(55.56, 8.02), outline)).toBe(false);
    // 1 km north and south of the land border between Tønder and Padborg: in, out.
    expect(insideOutline(at(54.906, 8.814), outline)).toBe(true);
    expect(insideOutline(at(54.888, 8.814), outline)).toBe(false);
  });

  it('uses ray casting', () => {
    const square: [number, number][] = [
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ];
    expect(insideRing(at(1, 1), square)).toBe(true);
    expect(insideRing(at(3, 1), square)).toBe(false);
  });
});
