#!/usr/bin/python3
"""The benchmark's peer: Mapnik (python3-mapnik) draws the same tiles of an
OpenStreetMap extract with a style comparable to ours (land use, water,
buildings, roads with casings, street names along the lines from zoom 16,
major road names from 14, place names), PNG encoding included.

Usage: bench-mapnik.py EXTRACT.osm.pbf LON LAT BLOCK ZMIN ZMAX
Prints "median_ms N" and one "z<zoom>_median_ms N" per zoom; exit 77 when
Mapnik is not installed."""

import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

try:
    import mapnik
except ImportError:
    print("python3-mapnik is not installed", file=sys.stderr)
    sys.exit(77)

MERC = "+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs"

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<Map srs="+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs" background-color="#f2efe9">
  <Style name="areas">
    <Rule><Filter>[landuse] = 'farmland' or [landuse] = 'meadow'</Filter><PolygonSymbolizer fill="#eef0d5"/></Rule>
    <Rule><Filter>[landuse] = 'residential'</Filter><PolygonSymbolizer fill="#e3e0dc"/></Rule>
    <Rule><Filter>[landuse] = 'industrial' or [landuse] = 'commercial'</Filter><PolygonSymbolizer fill="#ebdbe8"/></Rule>
    <Rule><Filter>[landuse] = 'cemetery'</Filter><PolygonSymbolizer fill="#aacbaf"/></Rule>
    <Rule><Filter>[landuse] = 'grass' or [leisure] = 'park'</Filter><PolygonSymbolizer fill="#cdebb0"/></Rule>
    <Rule><Filter>[landuse] = 'forest' or [natural] = 'wood'</Filter><PolygonSymbolizer fill="#add19e"/></Rule>
    <Rule><Filter>[natural] = 'water' or [landuse] = 'reservoir'</Filter><PolygonSymbolizer fill="#aad3df"/></Rule>
  </Style>
  <Style name="waterways">
    <Rule><Filter>[waterway] = 'river'</Filter><LineSymbolizer stroke="#aad3df" stroke-width="7"/></Rule>
    <Rule><Filter>[waterway] = 'stream'</Filter><LineSymbolizer stroke="#aad3df" stroke-width="2.5"/></Rule>
  </Style>
  <Style name="buildings">
    <Rule><Filter>not ([building] = null)</Filter>
      <PolygonSymbolizer fill="#d9d0c9"/><LineSymbolizer stroke="#c4b6ab" stroke-width="0.7"/></Rule>
  </Style>
  <Style name="casings">
    <Rule><Filter>[highway] = 'primary' or [highway] = 'trunk' or [highway] = 'motorway'</Filter><LineSymbolizer stroke="#a06b00" stroke-width="13" stroke-linecap="round"/></Rule>
    <Rule><Filter>[highway] = 'secondary' or [highway] = 'tertiary'</Filter><LineSymbolizer stroke="#8f8f8f" stroke-width="11" stroke-linecap="round"/></Rule>
    <Rule><Filter>[highway] = 'residential' or [highway] = 'unclassified' or [highway] = 'living_street'</Filter><LineSymbolizer stroke="#aaaaaa" stroke-width="9" stroke-linecap="round"/></Rule>
    <Rule><Filter>[highway] = 'service'</Filter><LineSymbolizer stroke="#b5b5b5" stroke-width="5" stroke-linecap="round"/></Rule>
  </Style>
  <Style name="roads">
    <Rule><Filter>[highway] = 'footway' or [highway] = 'path' or [highway] = 'track' or [highway] = 'cycleway'</Filter><LineSymbolizer stroke="#fa8072" stroke-width="1.2" stroke-dasharray="2,2"/></Rule>
    <Rule><Filter>[highway] = 'service'</Filter><LineSymbolizer stroke="#ffffff" stroke-width="3.5" stroke-linecap="round"/></Rule>
    <Rule><Filter>[highway] = 'residential' or [highway] = 'unclassified' or [highway] = 'living_street'</Filter><LineSymbolizer stroke="#ffffff" stroke-width="7" stroke-linecap="round"/></Rule>
    <Rule><Filter>[highway] = 'secondary' or [highway] = 'tertiary'</Filter><LineSymbolizer stroke="#f7fabf" stroke-width="9" stroke-linecap="round"/></Rule>
    <Rule><Filter>[highway] = 'primary' or [highway] = 'trunk' or [highway] = 'motorway'</Filter><LineSymbolizer stroke="#fcd6a4" stroke-width="11" stroke-linecap="round"/></Rule>
    <Rule><Filter>[railway] = 'rail'</Filter><LineSymbolizer stroke="#8a8a8a" stroke-width="2.5"/></Rule>
  </Style>
  <Style name="road-names">
    <Rule><Filter>[highway] = 'primary' or [highway] = 'trunk' or [highway] = 'secondary'</Filter><MaxScaleDenominator>35000</MaxScaleDenominator>
      <TextSymbolizer face-name="DejaVu Sans Book" size="9" fill="#333333" halo-fill="rgba(255,255,255,0.85)" halo-radius="1.2" placement="line" spacing="340" max-char-angle-delta="20">[name]</TextSymbolizer></Rule>
    <Rule><Filter>[highway] = 'residential' or [highway] = 'unclassified' or [highway] = 'tertiary' or [highway] = 'living_street' or [highway] = 'service'</Filter><MaxScaleDenominator>9000</MaxScaleDenominator>
      <TextSymbolizer face-name="DejaVu Sans Book" size="9.5" fill="#333333" halo-fill="rgba(255,255,255,0.85)" halo-radius="1.2" placement="line" spacing="340" max-char-angle-delta="20">[name]</TextSymbolizer></Rule>
  </Style>
  <Style name="places">
    <Rule><Filter>[place] = 'town' or [place] = 'village' or [place] = 'suburb' or [place] = 'hamlet'</Filter>
      <TextSymbolizer face-name="DejaVu Sans Bold" size="10" fill="#222222" halo-fill="rgba(255,255,255,0.85)" halo-radius="1.2">[name]</TextSymbolizer></Rule>
  </Style>
</Map>
"""

LAYERS = [
    ("areas", "multipolygons", "areas"),
    ("waterways", "lines", "waterways"),
    ("buildings", "multipolygons", "buildings"),
    ("casings", "lines", "casings"),
    ("roads", "lines", "roads"),
    ("road-names", "lines", "road-names"),
    ("places", "points", "places"),
]


def tile_bounds(z, x, y):
    n = 2 ** z
    size = 2 * math.pi * 6378137.0
    res = size / n
    west = -size / 2 + x * res
    north = size / 2 - y * res
    return west, north - res, west + res, north


def main():
    if len(sys.argv) != 7:
        print(__doc__, file=sys.stderr)
        return 2
    extract, lon, lat, block, zmin, zmax = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), \
        int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    work = tempfile.mkdtemp(prefix="sm-bench-mapnik-")
    try:
        gpkg = os.path.join(work, "extract.gpkg")
        subprocess.run(["ogr2ogr", "-q", "-f", "GPKG", "-t_srs", "EPSG:3857", gpkg, extract],
                       check=True, env=dict(os.environ, OSM_USE_CUSTOM_INDEXING="NO"))
        m = mapnik.Map(256, 256)
        mapnik.load_map_from_string(m, STYLE)
        for name, layer, style in LAYERS:
            lyr = mapnik.Layer(name, MERC)
            lyr.datasource = mapnik.Ogr(file=gpkg, layer=layer)
            lyr.styles.append(style)
            m.layers.append(lyr)
        medians = {}
        every = []
        for z in range(zmin, zmax + 1):
            n = 2 ** z
            cx = (lon + 180) / 360 * n
            cy = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * n
            x0, y0 = int(cx) - block // 2 + 1, int(cy) - block // 2 + 1
            times = []
            for rep in range(2):
                for y in range(y0, y0 + block):
                    for x in range(x0, x0 + block):
                        t0 = time.perf_counter()
                        m.zoom_to_box(mapnik.Box2d(*tile_bounds(z, x, y)))
                        image = mapnik.Image(256, 256)
                        mapnik.render(m, image)
                        image.tostring("png")
                        if rep == 1:
                            times.append((time.perf_counter() - t0) * 1000)
            medians[z] = statistics.median(times)
            every.extend(times)
        print("median_ms %.3f" % statistics.median(every))
        for z, v in medians.items():
            print("z%d_median_ms %.3f" % (z, v))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
