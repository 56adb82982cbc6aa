// Text widths for laying out the HTML graph before any browser has measured anything. The widths per character are
// DejaVu Sans's (the widest of the usual fallback sans fonts, and what headless Chromium on Debian uses), rounded up,
// so a label sized here fits in whatever font the reader's system picks.

const NARROW = new Set([...`iljI.,:;|!'\``]);
const THIN = new Set([...'frt/\\()[]{}- ']);
const WIDE = new Set([...'mwMW@%']);

export function textWidth(text: string, fontSize: number, bold = false): number {
  let ems = 0;
  for (const char of text) {
    if (NARROW.has(char)) ems += 0.32;
    else if (THIN.has(char)) ems += 0.44;
    else if (WIDE.has(char)) ems += 1.0;
    else if (/[A-Z]/.test(char)) ems += 0.78;
    else if (/[0-9]/.test(char)) ems += 0.66;
    else if (char.charCodeAt(0) > 0x2e7f) ems += 1.0; // CJK and other full-width characters
    else ems += 0.64;
  }
  return Math.ceil(ems * fontSize * (bold ? 1.1 : 1));
}

/** The longest prefix that fits in `maxWidth`, with an ellipsis when cut; the full text stays in titles and the panel. */
export function truncateToWidth(text: string, maxWidth: number, fontSize: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const chars = [...text];
  let kept = chars.length;
  while (kept > 1 && textWidth(`${chars.slice(0, kept).join('')}…`, fontSize, bold) > maxWidth) kept--;
  return `${chars.slice(0, kept).join('')}…`;
}
