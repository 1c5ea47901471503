/** A table's order: the column and whether it runs from the largest. */
export interface TableSort<K extends string> {
  key: K;
  desc: boolean;
}

/** The rows in the table's order, empty values (null) last whichever the direction. */
export function sortRows<K extends string, T extends Record<K, string | number | null>>(rows: readonly T[], sort: TableSort<K>): T[] {
  const dir = sort.desc ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * dir;
  });
}
