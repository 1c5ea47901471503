import Flatbush from 'flatbush';
import { LRUCache } from 'lru-cache';
import { bufferedTileBox, TILE_LAYERS, type Box, type TileLayer } from './tile-geometry.ts';

export interface CachedTile {
  layer: TileLayer;
  z: number;
  x: number;
  y: number;
  /** Opaque validator derived from the tile's bytes: the same content always has the same ETag. */
  etag: string;
  /** The encoded tile (Mapbox Vector Tile); empty when no feature meets the tile. */
  raw: Buffer;
  /** The same, gzipped once when stored; undefined when that would not be smaller. */
  gzip: Buffer | undefined;
}

// Bytes a cache entry costs beyond its buffers (key, object, LRU bookkeeping), roughly.
const ENTRY_OVERHEAD = 200;

/**
 * Encoded tiles in memory, bounded in bytes, keyed by layer/z/x/y. Entries leave by age (least
 * recently used first) or when a change touches their extent (see evict). Each layer has an
 * epoch that moves on every eviction of it, so a tile encoded from data older than an eviction
 * is not stored (it could predate the change that caused it).
 */
export class TileCache {
  private readonly lru: LRUCache<string, CachedTile> | undefined;
  private readonly epochs = new Map<TileLayer, number>(TILE_LAYERS.map((l) => [l, 0]));

  constructor(maxBytes: number) {
    this.lru =
      maxBytes > 0
        ? new LRUCache<string, CachedTile>({
            maxSize: maxBytes,
            sizeCalculation: (t) => t.raw.length + (t.gzip?.length ?? 0) + ENTRY_OVERHEAD,
          })
        : undefined;
  }

  static key(layer: TileLayer, z: number, x: number, y: number): string {
    return `${layer}/${z}/${x}/${y}`;
  }

  get(layer: TileLayer, z: number, x: number, y: number): CachedTile | undefined {
    return this.lru?.get(TileCache.key(layer, z, x, y));
  }

  epoch(layer: TileLayer): number {
    return this.epochs.get(layer)!;
  }

  /** Stores a tile unless its layer was evicted from since `epoch` (taken before it was encoded). */
  set(tile: CachedTile, epoch: number): boolean {
    if (!this.lru || epoch !== this.epoch(tile.layer)) return false;
    this.lru.set(TileCache.key(tile.layer, tile.z, tile.x, tile.y), tile);
    return true;
  }

  /**
   * Drops every tile of the layer, at every zoom, whose extent grown by the tile buffer meets one
   * of the boxes (EPSG:3857). Returns how many tiles went.
   */
  evict(layer: TileLayer, boxes: readonly Box[]): number {
    if (boxes.length === 0) return 0;
    this.epochs.set(layer, this.epoch(layer) + 1);
    if (!this.lru || this.lru.size === 0) return 0;
    const index = new Flatbush(boxes.length);
    for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
    index.finish();
    const doomed: string[] = [];
    for (const [key, tile] of this.lru.entries()) {
      if (tile.layer !== layer) continue;
      const [minX, minY, maxX, maxY] = bufferedTileBox(tile.z, tile.x, tile.y);
      if (index.search(minX, minY, maxX, maxY).length > 0) doomed.push(key);
    }
    for (const key of doomed) this.lru.delete(key);
    return doomed.length;
  }

  /** Drops everything (the change log could not be followed). */
  clear(): void {
    for (const layer of TILE_LAYERS) this.epochs.set(layer, this.epoch(layer) + 1);
    this.lru?.clear();
  }

  get size(): number {
    return this.lru?.size ?? 0;
  }

  get bytes(): number {
    return this.lru?.calculatedSize ?? 0;
  }
}
