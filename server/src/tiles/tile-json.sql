-- The extent of a tile layer's features in WGS84 degrees, for its TileJSON `bounds` (Web Mercator
-- keeps axis order, so the corners of the extent are enough). $1 text: layer. Output: west, south,
-- east, north (null when the layer is empty).
select ST_XMin(e) as west, ST_YMin(e) as south, ST_XMax(e) as east, ST_YMax(e) as north
from (select ST_Transform(ST_SetSRID(ST_Extent(extent)::geometry, 3857), 4326) as e
      from tile_feature where layer = $1 and band = 0) x;
