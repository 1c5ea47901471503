/** The bounding box of the positions added so far; empty until the first one. */
export class Extent {
  xmin = Infinity;
  ymin = Infinity;
  xmax = -Infinity;
  ymax = -Infinity;

  add(x: number, y: number): void {
    if (x < this.xmin) this.xmin = x;
    if (x > this.xmax) this.xmax = x;
    if (y < this.ymin) this.ymin = y;
    if (y > this.ymax) this.ymax = y;
  }

  include(other: Extent): void {
    if (other.isEmpty()) return;
    this.add(other.xmin, other.ymin);
    this.add(other.xmax, other.ymax);
  }

  isEmpty(): boolean {
    return this.xmin > this.xmax;
  }
}
