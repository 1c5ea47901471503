// The map's colours for data: ColorBrewer 5-class sequential palettes, light (low) to dark (high).
// No reds: Party red (style.ts PARTY_RED) is reserved for stations and the current selection.

export const YL_GN_BU = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;
export const PU_BU = ['#f1eef6', '#bdc9e1', '#74a9cf', '#2b8cbe', '#045a8d'] as const;
export const YL_OR_BR = ['#ffffd4', '#fed98e', '#fe9929', '#d95f0e', '#993404'] as const;
/** ColorBrewer Purples, for the hexagon heatmap. */
export const HEAT_PALETTE = ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'] as const;
/** A grid without a value for the chosen metric. */
export const NO_DATA_COLOR = '#d9d9d9';
/**
 * ColorBrewer BrBG, 7 classes, for a value against a range: far below (dark teal) … within
 * (neutral) … far above (dark brown).
 */
export const BR_BG_DIVERGING = ['#01665e', '#5ab4ac', '#c7eae5', '#f5f5f5', '#f6e8c3', '#d8b365', '#8c510a'] as const;
