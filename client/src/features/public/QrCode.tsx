import { create } from 'qrcode';
import { useMemo } from 'react';

/** Modules of white border around the symbol, as the QR standard asks for scanners. */
const QUIET_ZONE = 4;

/** One SVG path of the dark modules: sharp at any print size, no canvas, no innerHTML. */
function qrPath(text: string): { size: number; path: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++)
      if (modules.get(row, col)) parts.push(`M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
  return { size: modules.size + 2 * QUIET_ZONE, path: parts.join('') };
}

interface Props {
  text: string;
  label: string;
  className?: string;
}

/** A QR code of `text`, drawn as SVG; its CSS size decides how large it prints. */
export function QrCode({ text, label, className }: Props) {
  const { size, path } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      className={className}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
      data-qr-text={text}
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
