#!/bin/sh
# Writes the files of tests/fixtures/survey/ with GDAL's ogr2ogr (not with our own writer): the
# Shapefiles from demo-grids.geojson (three grids of the demo district as the app exports them). Needs
# gdal-bin; the tests read the committed zips and need no GDAL. Rerun after changing the source.
#
# The 7 parameters are illustrative, of the size Beijing 1954 and Xian 1980 have in Jiangsu;
# they are not any survey's real parameters.
set -eu
cd "$(dirname "$0")/../tests/fixtures/survey"
SOURCE=demo-grids.geojson
BEIJING_1954_TOWGS84=-15.2,150.6,94.8,0.11,-0.32,-0.45,1.8
XIAN_1980_TOWGS84=-24.6,118.9,81.7,0.21,-0.47,-0.58,2.6
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# GDAL's OGC WKT1 of an EPSG system, with the parameters as its datum's TOWGS84. Without the
# AUTHORITY codes: with them GDAL takes the system for EPSG's own and ignores the TOWGS84.
with_towgs84() {
  gdalsrsinfo -o wkt1 --single-line "$1" | sed 's/,AUTHORITY\["EPSG","[0-9]*"\]//g' | sed "s/\(SPHEROID\[[^]]*\]\)/\1,TOWGS84[$2]/"
}

# A zip of one layer; fixed dates so that a rerun gives the same bytes.
pack() {
  /usr/bin/python3 - "$1" "$WORK/$2" <<'EOF'
import sys, zipfile, glob, os
out, stem = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:
    for path in sorted(glob.glob(stem + '.*')):
        info = zipfile.ZipInfo(os.path.basename(path), date_time=(2024, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, open(path, 'rb').read())
EOF
}

# Grids in Beijing 1954 / 3-degree Gauss-Kruger CM 120E (EPSG:2437), English field names (the
# DBF cuts communityCode and leaderPhone to 10 letters). With the TOWGS84 in the .prj, as GDAL
# writes OGC WKT1 (its ESRI .prj would drop it):
BEIJING=$(with_towgs84 EPSG:2437 "$BEIJING_1954_TOWGS84")
ogr2ogr -f 'ESRI Shapefile' -lco ENCODING=UTF-8 -s_srs EPSG:4326 -t_srs "$BEIJING" "$WORK/beijing1954.shp" "$SOURCE"
mkdir "$WORK/with" "$WORK/without"
ogr2ogr -f 'ESRI Shapefile' -lco ENCODING=UTF-8 "$WORK/with/grids-beijing1954-gk3-towgs84.shp" "$WORK/beijing1954.shp"
printf '%s' "$BEIJING" > "$WORK/with/grids-beijing1954-gk3-towgs84.prj"
WORK="$WORK/with" pack grids-beijing1954-gk3-towgs84.zip grids-beijing1954-gk3-towgs84
# … and the same coordinates with the .prj ogr2ogr writes for EPSG:2437 (ESRI WKT, no TOWGS84):
ogr2ogr -f 'ESRI Shapefile' -lco ENCODING=UTF-8 -a_srs EPSG:2437 "$WORK/without/grids-beijing1954-gk3.shp" "$WORK/beijing1954.shp"
WORK="$WORK/without" pack grids-beijing1954-gk3.zip grids-beijing1954-gk3

# Beijing 1954 longitude/latitude (EPSG:4214), TOWGS84 in the .prj.
BEIJING_GEOGRAPHIC=$(with_towgs84 EPSG:4214 "$BEIJING_1954_TOWGS84")
mkdir "$WORK/geographic"
ogr2ogr -f 'ESRI Shapefile' -lco ENCODING=UTF-8 -s_srs EPSG:4326 -t_srs "$BEIJING_GEOGRAPHIC" "$WORK/geographic/grids-beijing1954-lonlat-towgs84.shp" "$SOURCE"
printf '%s' "$BEIJING_GEOGRAPHIC" > "$WORK/geographic/grids-beijing1954-lonlat-towgs84.prj"
WORK="$WORK/geographic" pack grids-beijing1954-lonlat-towgs84.zip grids-beijing1954-lonlat-towgs84

# Xian 1980 / 3-degree Gauss-Kruger CM 120E (EPSG:2385), ESRI .prj without TOWGS84.
ogr2ogr -f 'ESRI Shapefile' -lco ENCODING=UTF-8 -s_srs EPSG:4326 -t_srs "$(with_towgs84 EPSG:2385 "$XIAN_1980_TOWGS84")" "$WORK/xian1980.shp" "$SOURCE"
ogr2ogr -f 'ESRI Shapefile' -lco ENCODING=UTF-8 -a_srs EPSG:2385 "$WORK/grids-xian1980-gk3.shp" "$WORK/xian1980.shp"
pack grids-xian1980-gk3.zip grids-xian1980-gk3

# CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549), UTF-8 DBF with the README's Chinese field
# names, cut by the DBF to 10 bytes (网格编码 is 12), and a column the import does not read (备注).
ogr2ogr -f 'ESRI Shapefile' -lco ENCODING=UTF-8 -s_srs EPSG:4326 -t_srs EPSG:4549 -dialect SQLite -sql \
  "SELECT geometry, code AS 网格编码, name AS 网格名称, communityCode AS 社区编码, households AS 户数, population AS 人口, leaderName AS 网格长, leaderPhone AS 联系电话, '2024年测绘' AS 备注 FROM \"demo-grids\"" \
  "$WORK/grids-chinese-fields.shp" "$SOURCE"
pack grids-chinese-fields.zip grids-chinese-fields

# A workbook with a note on its first sheet and the stations on the second (GDAL's XLSX writer:
# one sheet per layer), and a member roster CSV without coordinate columns.
printf '说明,日期\n站点数据在“站点”工作表,2024-01-01\n' > "$WORK/note.csv"
printf '名称,类型,地址,经度,纬度\nGDAL工作簿站甲,党群服务站,无锡市梁溪区测试路1号,120.2975,31.5806\nGDAL工作簿站乙,党员之家,无锡市梁溪区测试路2号,120.3012,31.5791\n' > "$WORK/stations.csv"
rm -f stations-two-sheets.xlsx
ogr2ogr -f XLSX stations-two-sheets.xlsx "$WORK/note.csv" -nln 说明
ogr2ogr -f XLSX -update stations-two-sheets.xlsx "$WORK/stations.csv" -nln 站点
printf '姓名,状态,电话\n格式甲,正式党员,13900000011\n格式乙,预备党员,13900000012\n' > "$WORK/roster.csv"
rm -f members-no-coordinates.csv
ogr2ogr -f CSV members-no-coordinates.csv "$WORK/roster.csv"
