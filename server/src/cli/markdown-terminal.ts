// Light markdown styling for `seamlint explain` in a terminal: enough to scan a rule's docs, not a renderer.
import pc from 'picocolors';

export function styleMarkdown(markdown: string, color: boolean): string {
  if (!color) return markdown;
  const colors = pc.createColors(true);
  let inFence = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) {
        inFence = !inFence;
        return colors.dim(line);
      }
      if (inFence) return colors.cyan(line);
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      if (heading) return heading[1]!.length === 1 ? colors.bold(colors.underline(heading[2]!)) : colors.bold(heading[2]!);
      return line
        .replace(/`([^`]+)`/g, (_, code: string) => colors.cyan(code))
        .replace(/\*\*([^*]+)\*\*/g, (_, strong: string) => colors.bold(strong));
    })
    .join('\n');
}
