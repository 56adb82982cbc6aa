// "did you mean …?" for misspelled keys, rule ids, option names and severities.

const MAX_DISTANCE = 3;
/** Shorter inputs than this make prefix and word matches meaningless ("w" is a prefix of too much). */
const MIN_PREFIX_LENGTH = 3;

/**
 * The closest candidate, case-insensitively: by edit distance (≤ 3, and at most half the longer word), else one that
 * starts with the input (or the reverse), else one containing every hyphenated word of the input.
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const hay = candidate.toLowerCase();
    let score = levenshtein(needle, hay);
    // Half the longer word keeps "x" from being "corrected" to "off".
    const allowed = Math.min(MAX_DISTANCE, Math.floor(Math.max(needle.length, hay.length) / 2));
    if (score > allowed) {
      if (needle.length < MIN_PREFIX_LENGTH) continue;
      const prefix = hay.startsWith(needle) || needle.startsWith(hay);
      // Rule ids are hyphenated words: "sync-chain" and "timeout" name "sync-call-chain" and "missing-timeout".
      if (!prefix && !sharesAllWords(needle, hay)) continue;
      // Ranks after every close edit.
      score = MAX_DISTANCE + 1 + Math.abs(hay.length - needle.length);
    }
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function sharesAllWords(needle: string, hay: string): boolean {
  const words = new Set(hay.split('-'));
  return needle.split('-').every((word) => word !== '' && words.has(word));
}

/** `; did you mean "x"?` or '' — ready to append to a message. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const match = closestMatch(input, candidates);
  return match === undefined ? '' : `; did you mean "${match}"?`;
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** `"a", "b" or "c"` */
export function quotedList(values: readonly string[], conjunction = 'or'): string {
  const quoted = values.map((value) => `"${value}"`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} ${conjunction} ${quoted.at(-1)}`;
}
