/**
 * Less than this (metres) from the stored place is the same place, for stations and members'
 * homes: coordinates written back to 6 decimals (11 cm at most), or converted to GCJ-02 (高德,
 * 腾讯) and back, come home within a few centimetres; a real move is metres.
 */
export const SAME_PLACE_M = 0.5;
