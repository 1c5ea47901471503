/**
 * The largest PostgreSQL `integer` (int4). Ids, versions and offsets are stored or compared as
 * one, so a bigger number is refused at the edge (400) rather than by the database (500).
 */
export const INT4_MAX = 2_147_483_647;
