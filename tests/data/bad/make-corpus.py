#!/usr/bin/env python3
"""Writes the corpus of malformed files and its manifest (manifest.tsv):
file, command, extra arguments, exit status, words the error must hold.
Every file must be refused with exit status 1 and leave the database
byte for byte as it was. Run from this folder; needs ogr2ogr and zip."""
import os, subprocess, zipfile, io, shutil, struct

here = os.path.dirname(os.path.abspath(__file__))
os.chdir(here)
rows = []

def add(name, data, command="import", args="", words=""):
    mode = 'wb' if isinstance(data, bytes) else 'w'
    with open(name, mode, **({} if mode == 'wb' else {'encoding': 'utf-8', 'newline': ''})) as f:
        f.write(data)
    rows.append((name, command, args, "1", words))

H = "Cím,lat,lon,Szükséglet,Súlyosság,Felmérés\n"
GOOD = '"Tata, Jó utca 1.",47.65,18.32,lakhatas,2,2024-03-01\n'

# --- CSV: values that are not what their column says -------------------
for i, sev in enumerate(["-1", "0", "4", "9", "1.5", "2,5", "két", "", "3a", "x"]):
    if sev == "":
        continue
    add(f"csv-severity-{i}.csv", H + GOOD + f'"Tata, Rossz utca {i}.",47.65,18.32,lakhatas,{sev},2024-03-01\n',
        words="row 2")
for i, d in enumerate(["9999-12-31", "0001-01-01", "2024-13-01", "2024-02-30", "2024. marhaság 1.",
                       "2024.03-01", "március 1.", "1.3.2024", "2024/13/40", "tegnap", "2024-03-01T10:00",
                       "20240301", "2201-01-01", "1799-12-31"]):
    add(f"csv-date-{i}.csv", H + GOOD + f'"Tata, Rossz utca {i}.",47.65,18.32,lakhatas,2,{d}\n', words="row 2")
for i, (lat, lon) in enumerate([("0x2F", "18.32"), ("47.65 DROP", "18.32"), ("nan", "18.32"),
                                 ("inf", "18.32"), ("47.65", "-inf"), ("1e999", "18.32"), ("0", "0"),
                                 ("91", "18.32"), ("47.65", "181"), ("47,65,1", "18.32"), ("N47.65", "E18.32"),
                                 ("47.65", ""), ("", "18.32"), ("--47", "18"), ("47..65", "18.32")]):
    add(f"csv-coords-{i}.csv", H + GOOD + f'"Tata, Rossz utca {i}.",{lat},{lon},lakhatas,2,2024-03-01\n',
        words="row 2")
for i, cat in enumerate(["nincs ilyen", "lakhatás!", "123", "DROP TABLE need", "'; --"]):
    add(f"csv-category-{i}.csv", H + GOOD + f'"Tata, Rossz utca {i}.",47.65,18.32,"{cat}",2,2024-03-01\n',
        words="row 2")
add("csv-no-address.csv", H + GOOD + ',,,lakhatas,2,2024-03-01\n', words="row 2")
add("csv-long-field.csv", H + GOOD + '"' + "A" * 200000 + '",47.65,18.32,lakhatas,2,2024-03-01\n',
    words="row 2")
add("csv-long-key.csv", "household_key," + H + "K1," + GOOD + "K" + "9" * 5000 + "," + GOOD, words="row 2")
add("csv-key-two-addresses.csv", "household_key," + H + "K1," + GOOD +
    'K1,"Tata, Másik utca 9.",47.66,18.33,lakhatas,2,2024-03-01\n', words="row 2")
add("csv-empty.csv", "", words="")
add("csv-header-only.csv", H, words="")
add("csv-blank-lines.csv", "\n\n\n", words="")
add("csv-no-known-columns.csv", "a,b,c\n1,2,3\n", words="")
add("csv-garbage.csv", b"\x00\x01\x02\xff\xfe\x00binary\x00", words="")
add("csv-nul-in-row.csv", (H + GOOD).encode() + b'"Tata, Nul\x00utca 2.",47.65,18.32,lakhatas,2,2024-03-01\n',
    words="row 2")
add("csv-open-quote-last-row.csv", H + GOOD + '"Tata, Nyitott utca 3.,47.65,18.32,lakhatas,2,2024-03-01\n',
    words="")
add("csv-mixed-encodings.csv", (H + GOOD).encode() + '"Tata, Kőris utca 4.",47.65,18.32,lakhatas,2,2024-03-01\n'.encode('cp1250'),
    words="")
add("csv-invalid-utf8-header.csv", b"C\xedm,lat,lon,Sz\xfck\xe9glet\n" + b'"Tata, J\xf3 utca 1.",47.65,18.32,lakhatas\n' +
    "\"Tata, Jó utca 2.\",47.65,18.32,lakhatas\n".encode(), words="")
add("csv-severity-too-many-columns.csv", H + GOOD + '"Tata, Sok utca 5.",47.65,18.32,lakhatas,2,2024-03-01,x,y,z\n',
    words="")
for i, bad in enumerate(["\x1b[31mTata\x1b[0m, Szín utca 1.", "Tata,\rKocsi utca 1."]):
    pass

# --- GeoJSON --------------------------------------------------------------
feature = '{"type":"Feature","properties":{"Cím":"Tata, Fok u. 2","Szükséglet":"lakhatas"},"geometry":%s}'
def fc(geom, crs=""):
    return '{"type":"FeatureCollection",%s"features":[%s]}' % (crs, feature % geom)
point = '{"type":"Point","coordinates":[18.32,47.65]}'
add("geojson-truncated.geojson", fc(point)[:60], words="")
add("geojson-not-json.geojson", "{this is not json", words="")
add("geojson-empty-object.geojson", "{}", words="")
add("geojson-no-features.geojson", '{"type":"FeatureCollection","features":[]}', words="")
add("geojson-line.geojson", fc('{"type":"LineString","coordinates":[[18.3,47.6],[18.4,47.7]]}'), words="")
add("geojson-polygon.geojson", fc('{"type":"Polygon","coordinates":[[[18.3,47.6],[18.4,47.6],[18.4,47.7],[18.3,47.6]]]}'), words="")
add("geojson-eov-degrees.geojson",
    fc(point, '"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::23700"}},'), words="degrees")
add("geojson-point-nan.geojson", fc('{"type":"Point","coordinates":[NaN,47.65]}'), words="")
add("geojson-point-zero.geojson", fc('{"type":"Point","coordinates":[0,0]}'), words="0, 0")
add("geojson-point-huge.geojson", fc('{"type":"Point","coordinates":[1e308,1e308]}'), words="")
add("geojson-bad-category.geojson", fc(point).replace("lakhatas", "nincs ilyen"), words="")
add("geojson-binary.geojson", os.urandom(0) + b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, words="")
add("geojson-deep.geojson", "[" * 100000 + "]" * 100000, words="")

# --- XLSX and ODS -----------------------------------------------------------
def zipped(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, d in files.items():
            z.writestr(n, d)
    return buf.getvalue()
add("xlsx-junk.xlsx", b"PK\x03\x04 this is no spreadsheet", words="")
add("xlsx-empty-zip.xlsx", zipped({}), words="")
add("xlsx-no-workbook.xlsx", zipped({"[Content_Types].xml": "<Types/>"}), words="")
add("xlsx-bad-xml.xlsx", zipped({"[Content_Types].xml": "<Types", "xl/workbook.xml": "<<<"}), words="")
add("xlsx-text.xlsx", "Cím;lat\nx;y\n", words="")
add("ods-junk.ods", b"PK\x03\x04 no", words="")
add("ods-empty-zip.ods", zipped({}), words="")
add("ods-bad-content.ods", zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document"}), words="")
add("ods-no-content.ods", zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"}), words="")

# A valid spreadsheet with one bad row, written by GDAL from a CSV.
def via_ogr(name, driver, csv_text, words="row 2"):
    src = "src-" + name + ".csv"
    with open(src, "w", encoding="utf-8") as f:
        f.write(csv_text)
    if os.path.exists(name):
        os.remove(name)
    subprocess.run(["ogr2ogr", "-f", driver, name, src, "-oo", "AUTODETECT_TYPE=NO", "-nln", "rows"], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.remove(src)
    rows.append((name, "import", "", "1", words))
for i, bad in enumerate(['"Tata, X u. 1.",47.65,18.32,lakhatas,-1,2024-03-01',
                         '"Tata, X u. 1.",47.65,18.32,nincs ilyen,2,2024-03-01',
                         '"Tata, X u. 1.",47.65,18.32,lakhatas,2,9999-12-31',
                         '"Tata, X u. 1.",0x2F,18.32,lakhatas,2,2024-03-01']):
    via_ogr(f"xlsx-bad-row-{i}.xlsx", "XLSX", H + GOOD + bad + "\n")
    via_ogr(f"ods-bad-row-{i}.ods", "ODS", H + GOOD + bad + "\n")

# --- GeoPackage -----------------------------------------------------------
via_ogr("gpkg-bad-row-0.gpkg", "GPKG", H + GOOD + '"Tata, X u. 1.",47.65,18.32,lakhatas,9,2024-03-01\n')
add("gpkg-junk.gpkg", b"SQLite format 3\x00" + os.urandom(0) + b"\x00" * 84 + b"garbage" * 10, words="")
add("gpkg-text.gpkg", "not a geopackage\n", words="")
add("gpkg-empty.gpkg", b"", words="")
with open("gpkg-bad-row-0.gpkg", "rb") as f:
    whole = f.read()
add("gpkg-truncated.gpkg", whole[: len(whole) // 3], words="")

# --- Shapefile ---------------------------------------------------------------
add("shp-junk.shp", b"\x00\x00\x27\x0a" + b"\x00" * 96, words="")
add("shp-text.shp", "hello\n", words="")
add("shp-empty.shp", b"", words="")
shp_src = "shp-src.csv"
with open(shp_src, "w", encoding="utf-8") as f:
    f.write("WKT,cim,szukseglet\n\"POINT (18.32 47.65)\",\"Tata, A u. 1\",lakhatas\n\"POINT (0 0)\",\"Tata, B u. 2\",lakhatas\n")
subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", "shp-zero-point.shp", shp_src, "-oo", "GEOM_POSSIBLE_NAMES=WKT",
                "-oo", "KEEP_GEOM_COLUMNS=NO"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.remove(shp_src)
rows.append(("shp-zero-point.shp", "import", "", "1", "0, 0"))

# --- boundaries ----------------------------------------------------------------
def boundary(name, ring, words=""):
    add(name, '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Rossz"},'
              '"geometry":{"type":"Polygon","coordinates":[%s]}}]}' % ring, "import-boundaries", "--level district", words)
boundary("boundary-open.geojson", "[[18.30,47.60],[18.40,47.60],[18.40,47.70],[18.30,47.70]]")
boundary("boundary-one-point.geojson", "[[18.30,47.60]]")
boundary("boundary-huge.geojson", "[[18.30,47.60],[1e308,47.60],[18.40,-1e308],[18.30,47.60]]")
boundary("boundary-bowtie.geojson", "[[18.30,47.60],[18.40,47.70],[18.40,47.60],[18.30,47.70],[18.30,47.60]]", "valid area")
boundary("boundary-flat.geojson", "[[18.30,47.60],[18.40,47.60],[18.50,47.60],[18.30,47.60]]")
add("boundary-points.geojson", fc(point).replace("Cím", "name"), "import-boundaries", "--level district", "not an area")
add("boundary-no-name.geojson", '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":""},'
    '"geometry":{"type":"Polygon","coordinates":[[[18.3,47.6],[18.4,47.6],[18.4,47.7],[18.3,47.6]]]}}]}',
    "import-boundaries", "--level district", "no name")
add("boundary-junk.geojson", "junk", "import-boundaries", "--level district", "")
add("boundary-empty.geojson", '{"type":"FeatureCollection","features":[]}', "import-boundaries", "--level district", "")

# --- OpenStreetMap -----------------------------------------------------------------
add("osm-junk.osm", "<osm><node", "import-osm", "", "")
add("osm-not-xml.osm", "plain text, no map\n", "import-osm", "", "")
add("osm-empty.osm", "", "import-osm", "", "")
add("osm-binary.osm.pbf", b"\x00\x00\x00\x0d\x0a\x09OSMHeader" + b"\xff" * 100, "import-osm", "", "")
add("osm-empty.osm.pbf", b"", "import-osm", "", "")
add("osm-no-map.osm", '<?xml version="1.0"?><osm version="0.6"></osm>', "import-osm", "", "")
with open(os.path.join(here, "..", "liechtenstein-2013-08-03.osm.pbf"), "rb") as f:
    pbf = f.read()
add("osm-truncated.osm.pbf", pbf[: len(pbf) // 2], "import-osm", "", "")
with open(os.path.join(here, "..", "tata-streets-synthetic.osm"), "rb") as f:
    xml = f.read()
add("osm-truncated.osm", xml[: len(xml) // 2], "import-osm", "", "")

# --- services and address registers ----------------------------------------------
SH = "Név,Szolgáltatás,Cím,lat,lon\n"
add("services-unknown-type.csv", SH + '"Próba",nincs ilyen szolgáltatás,"Tata, Fő tér 1.",47.65,18.32\n',
    "import", "--target services", "")
add("services-no-name.csv", SH + ',csaladsegites,"Tata, Fő tér 1.",47.65,18.32\n', "import", "--target services", "")
AH = "utca,házszám,település,lat,lon\n"
add("addresses-no-number.csv", AH + "Fő utca,,Tata,47.65,18.32\n", "import", "--target addresses", "")
add("addresses-bad-coords.csv", AH + "Fő utca,3,Tata,abc,18.32\n", "import", "--target addresses", "")

# --- more of the same kinds, in the other dialects tables come in ---------
SEMI = "Cím;lat;lon;Szükséglet;Súlyosság;Felmérés\n"
GOOD_SEMI = '"Tata, Jó utca 1.";47,65;18,32;lakhatas;2;2024.03.01.\n'
for i, bad in enumerate(['"Tata, X u. 1.";47,65;18,32;lakhatas;-1;2024.03.01.',
                         '"Tata, X u. 1.";47,65;18,32;lakhatas;2;2024. február 30.',
                         '"Tata, X u. 1.";0;0;lakhatas;2;2024.03.01.',
                         '"Tata, X u. 1.";47,65;18,32;ismeretlen;2;2024.03.01.',
                         '"Tata, X u. 1.";47,65 DROP;18,32;lakhatas;2;2024.03.01.',
                         '"Tata, X u. 1.";47,65;18,32;lakhatas;nagyon súlyos;2024.03.01.']):
    add(f"csv-semicolon-{i}.csv", SEMI + GOOD_SEMI + bad + "\n", words="row 2")
TAB = "Cím\tlat\tlon\tSzükséglet\tSúlyosság\n"
for i, bad in enumerate(['Tata, X u. 1.\t47.65\t18.32\tlakhatas\t7',
                         'Tata, X u. 1.\tabc\t18.32\tlakhatas\t2',
                         'Tata, X u. 1.\t47.65\t18.32\t\t2\textra']):
    add(f"tsv-bad-{i}.tsv", TAB + "Tata, Jó u. 1.\t47.65\t18.32\tlakhatas\t2\n" + bad + "\n", words="row 2")
add("csv-cp1250-bad-category.csv", ("Cím,lat,lon,Szükséglet\n" + '"Tata, Kőris u. 1.",47.65,18.32,lakhatas\n'
    + '"Tata, Kőris u. 2.",47.65,18.32,közlekedés\n').encode("cp1250"), words="row 2")
add("csv-quote-mid-file.csv", H + '"Tata, Jó utca 1.,47.65,18.32,lakhatas,2,2024-03-01\n' + GOOD + GOOD, words="")
add("csv-bom-mixed.csv", b"\xef\xbb\xbf" + H.encode() + '"Tata, Kőris utca 4.",47.65,18.32,lakhatas,2,2024-03-01\n'.encode("cp1250"), words="")
add("csv-crlf-bad-severity.csv", (H + GOOD + '"Tata, X u. 1.",47.65,18.32,lakhatas,5,2024-03-01\n').replace("\n", "\r\n"), words="row 2")
add("csv-separators-only.csv", H + ",,,,,\n", words="row 1")
for i, d in enumerate(["24.03.01", "2024.02.30.", "2024. február 30.", "2024.3.32", "0000-00-00"]):
    add(f"csv-date-more-{i}.csv", H + GOOD + f'"Tata, Rossz utca {i}.",47.65,18.32,lakhatas,2,{d}\n', words="row 2")
for i, (lat, lon) in enumerate([("47.65.1", "18.32"), ("4765", "1832"), ("1e3", "18.32"), ("47.65", "18.32e")]):
    add(f"csv-coords-more-{i}.csv", H + GOOD + f'"Tata, Rossz utca {i}.",{lat},{lon},lakhatas,2,2024-03-01\n', words="row 2")

for name in ["xlsx-bad-row-0.xlsx", "ods-bad-row-0.ods"]:
    with open(name, "rb") as f:
        whole = f.read()
    add("truncated-" + name, whole[: len(whole) // 2], words="")
via_ogr("xlsx-bad-row-4.xlsx", "XLSX", H + GOOD + '"Tata, X u. 1.",0,0,lakhatas,2,2024-03-01\n')
via_ogr("ods-bad-row-4.ods", "ODS", H + GOOD + '"Tata, X u. 1.",47.65,18.32,lakhatas,2,2024. marhaság 1.\n')
via_ogr("gpkg-bad-row-1.gpkg", "GPKG", H + GOOD + '"Tata, X u. 1.",47.65,18.32,nincs ilyen,2,2024-03-01\n')
via_ogr("gpkg-bad-row-2.gpkg", "GPKG", H + GOOD + '"Tata, X u. 1.",0x2F,18.32,lakhatas,2,2024-03-01\n')
via_ogr("gpkg-bad-row-3.gpkg", "GPKG", H + GOOD + '"Tata, X u. 1.",47.65,18.32,lakhatas,2,1799-01-01\n')

add("geojson-multipoint.geojson", fc('{"type":"MultiPoint","coordinates":[[18.32,47.65],[18.33,47.66]]}'), words="")
add("geojson-collection.geojson", fc('{"type":"GeometryCollection","geometries":[]}'), words="")
add("geojson-string-coords.geojson", fc('{"type":"Point","coordinates":["18.32","47.65"]}'), words="")
add("geojson-utf16.geojson", fc(point).encode("utf-16"), words="")

shutil.copy("shp-zero-point.shp", "shp-alone.shp")
rows.append(("shp-alone.shp", "import", "", "1", ""))

add("osm-bad-chars.osm", '<?xml version="1.0"?><osm version="0.6"><node id="1" lat="x" lon="y"/>\x00</osm>', "import-osm", "", "")
add("osm-html.osm", "<html><body>Not Found</body></html>", "import-osm", "", "")
add("osm-third.osm.pbf", pbf[: len(pbf) // 3], "import-osm", "", "")
add("osm-tail.osm.pbf", pbf[len(pbf) // 2:], "import-osm", "", "")

add("boundary-multi-bowtie.geojson", '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Rossz"},'
    '"geometry":{"type":"MultiPolygon","coordinates":[[[[18.3,47.6],[18.4,47.6],[18.4,47.7],[18.3,47.6]]],'
    '[[[18.5,47.6],[18.6,47.7],[18.6,47.6],[18.5,47.7],[18.5,47.6]]]]}}]}', "import-boundaries", "--level district", "valid area")
add("boundary-lines.geojson", '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Út"},'
    '"geometry":{"type":"LineString","coordinates":[[18.3,47.6],[18.4,47.7]]}}]}', "import-boundaries", "--level district", "not an area")
add("boundary-eov-huge.geojson", '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::23700"}},'
    '"features":[{"type":"Feature","properties":{"name":"Rossz"},"geometry":{"type":"Polygon","coordinates":'
    '[[[600000,200000],[1e300,200000],[600000,1e300],[600000,200000]]]}}]}', "import-boundaries", "--level district", "")
add("boundary-table.csv", "name,population\nTata,23000\n", "import-boundaries", "--level district", "")

with open("manifest.tsv", "w", encoding="utf-8") as f:
    f.write("# file\tcommand\targuments\texit status\twords of the error\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
print(len(rows), "files")
