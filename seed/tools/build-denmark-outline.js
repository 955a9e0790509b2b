'use strict';
// Builds seed/data/denmark-outline.geojson, the outline `near` is checked against, from Eurostat
// GISCO's NUTS 2021 country boundaries (see seed/data/README.md for the source and its terms).
//
//   node seed/tools/build-denmark-outline.js [input] [--tolerance-km=0.25] [--out=file]
//
// input: a GeoJSON FeatureCollection of NUTS level-0 regions in WGS 84 with the feature `id` "DK",
// by default seed/tools/nuts2json-2021-4326-10M-DK.json: that feature exactly as it is in
// Eurostat's Nuts2json `pub/v2/2021/4326/10M/nutsrg_0.json` (1:10 million); the whole file may be
// given instead. Every ring is simplified with Douglas–Peucker (tolerance in km, on a local
// equirectangular projection) and no island is dropped. Two parts below the scale of 1:10 million
// are added (ADDITIONS below), and the land border with Germany is written as a line of its own
// so the check can leave a margin at sea only.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_INPUT = path.join(__dirname, 'nuts2json-2021-4326-10M-DK.json');
const DEFAULT_OUT = path.join(ROOT, 'seed', 'data', 'denmark-outline.geojson');
const DEFAULT_TOLERANCE_KM = 0.25;
/** How far off the coast a position still counts (the generalised coast is ~1 km off in places). */
const COAST_MARGIN_KM = 2;

/** The land border's ends in the source: Kupfermühle (Flensburg Fjord) and the west coast. */
const BORDER_EAST = [9.422, 54.832];
const BORDER_WEST = [8.634, 54.911];

/**
 * Parts too small for 1:10 million, placed by hand from their well-known positions (not from the
 * source): Ertholmene (Christiansø, Frederiksø, Græsholm), which belongs to no municipality and is
 * not in the source at all, and the tip of Skagen Odde (Skagen, Grenen), which the source's
 * generalisation cuts off about 6 km short of Grenen.
 */
const ADDITIONS = [
  {
    name: 'Ertholmene (added by hand)',
    ring: [
      [15.172, 55.313],
      [15.2, 55.313],
      [15.205, 55.333],
      [15.176, 55.336],
      [15.172, 55.313],
    ],
  },
  {
    name: 'Skagen Odde, tip (added by hand)',
    ring: [
      [10.4, 57.665],
      [10.55, 57.735],
      [10.645, 57.752],
      [10.658, 57.742],
      [10.6, 57.712],
      [10.51, 57.64],
      [10.46, 57.6],
      [10.4, 57.665],
    ],
  },
];

function args(argv) {
  const out = { input: DEFAULT_INPUT, toleranceKm: DEFAULT_TOLERANCE_KM, out: DEFAULT_OUT };
  for (const arg of argv) {
    if (arg.startsWith('--tolerance-km=')) {
      out.toleranceKm = Number(arg.slice('--tolerance-km='.length));
    } else if (arg.startsWith('--out=')) {
      out.out = path.resolve(arg.slice('--out='.length));
    } else {
      out.input = path.resolve(arg);
    }
  }
  if (!(out.toleranceKm >= 0)) {
    throw new Error('--tolerance-km must be a number ≥ 0');
  }
  return out;
}

/** Kilometres on a plane tangent at latitude `lat0` (good enough over a few hundred km). */
function projector(lat0) {
  const kx = 111.32 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110.574;
  return ([lon, lat]) => [lon * kx, lat * ky];
}

function segmentDistance(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t =
    length2 === 0
      ? 0
      : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker on points[from..to], keeping both ends; marks the kept indices. */
function douglasPeucker(points, from, to, toleranceKm, keep) {
  keep[from] = true;
  keep[to] = true;
  let farthest = -1;
  let distance = toleranceKm;
  for (let i = from + 1; i < to; i++) {
    const d = segmentDistance(points[i], points[from], points[to]);
    if (d > distance) {
      distance = d;
      farthest = i;
    }
  }
  if (farthest >= 0) {
    douglasPeucker(points, from, farthest, toleranceKm, keep);
    douglasPeucker(points, farthest, to, toleranceKm, keep);
  }
}

const same = (a, b) => a[0] === b[0] && a[1] === b[1];

/**
 * Simplifies a closed ring; vertices equal to one of `pins` are always kept (the ends of the land
 * border). A ring that would fall below 4 points is kept whole: no island is lost.
 */
function simplifyRing(ring, toleranceKm, pins) {
  const project = projector(ring[0][1]);
  const points = ring.map(project);
  const keep = new Array(ring.length).fill(false);
  const anchors = [0];
  ring.forEach((vertex, i) => {
    if (i > 0 && i < ring.length - 1 && pins.some((pin) => same(pin, vertex))) {
      anchors.push(i);
    }
  });
  anchors.push(ring.length - 1);
  for (let k = 0; k + 1 < anchors.length; k++) {
    douglasPeucker(points, anchors[k], anchors[k + 1], toleranceKm, keep);
  }
  const simplified = ring.filter((_, i) => keep[i]);
  return simplified.length >= 4 ? simplified : ring;
}

/** The vertices of the land border, from the east end to the west end, as in the ring. */
function landBorder(polygons) {
  for (const polygon of polygons) {
    const ring = polygon[0];
    const east = ring.findIndex((v) => same(v, BORDER_EAST));
    const west = ring.findIndex((v) => same(v, BORDER_WEST));
    if (east >= 0 && west > east) {
      return ring.slice(east, west + 1);
    }
  }
  throw new Error('the land border with Germany was not found in the input');
}

function main() {
  const { input, toleranceKm, out } = args(process.argv.slice(2));
  const source = JSON.parse(fs.readFileSync(input, 'utf8'));
  const denmark = source.features.find((f) => f.properties && f.properties.id === 'DK');
  if (!denmark || denmark.geometry.type !== 'MultiPolygon') {
    throw new Error(`${input}: no MultiPolygon with id DK`);
  }
  const pins = [BORDER_EAST, BORDER_WEST];
  const polygons = denmark.geometry.coordinates.map((polygon) =>
    polygon.map((ring) => simplifyRing(ring, toleranceKm, pins)),
  );
  const border = landBorder(polygons);
  for (const addition of ADDITIONS) {
    polygons.push([addition.ring]);
  }
  const before = denmark.geometry.coordinates.flat(2).length;
  const after = polygons.flat(2).length;
  const outline = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {
          name: 'Danmark',
          source:
            'Eurostat GISCO, NUTS 2021, level 0, 1:10 million, WGS 84 (Nuts2json pub/v2/2021/4326/10M/nutsrg_0.json, id DK), © EuroGeographics for the administrative boundaries',
          simplification: `Douglas-Peucker, ${toleranceKm} km; ${before} → ${after - ADDITIONS.flatMap((a) => a.ring).length} vertices`,
          additions: ADDITIONS.map((a) => a.name),
          coastMarginKm: COAST_MARGIN_KM,
          built: 'node seed/tools/build-denmark-outline.js (see seed/data/README.md)',
        },
        geometry: { type: 'MultiPolygon', coordinates: polygons },
      },
      {
        type: 'Feature',
        properties: {
          name: 'land border with Germany',
          note: 'no margin is allowed across it',
        },
        geometry: { type: 'LineString', coordinates: border },
      },
    ],
  };
  // One ring per line: small, and a diff shows which part changed.
  const text = JSON.stringify(outline, null, 1)
    .replace(/\[\s+(-?[\d.]+),\s+(-?[\d.]+)\s+\]/g, '[$1, $2]')
    .replace(/\],\s+\[(-?[\d.]+), /g, '], [$1, ');
  fs.writeFileSync(out, `${text}\n`);
  console.log(
    `${path.relative(ROOT, out)}: ${polygons.length} parts, ${after} vertices (${before} in the input), ${fs.statSync(out).size} bytes`,
  );
}

main();
