// Placing boxes of one column as near as possible to where they want to be, in a fixed order and with fixed gaps:
// least squares under order constraints, solved by merging blocks (pool adjacent violators). Used by layout.ts.

interface Block {
  first: number;
  count: number;
  /** Sum over the block's items of (desired top − offset of the item inside the block). */
  sum: number;
  /** Height from the block's top to the bottom of its last item. */
  extent: number;
}

/**
 * Tops for items in the given order: `gaps[i]` is the least space between item i and item i+1. Each run of items pushed
 * together sits where its members' wishes balance out, so no item is pushed further than it must be.
 */
export function placeInOrder(desired: readonly number[], heights: readonly number[], gaps: readonly number[]): number[] {
  const blocks: Block[] = [];
  desired.forEach((wish, index) => {
    let block: Block = { first: index, count: 1, sum: wish, extent: heights[index]! };
    for (;;) {
      const previous = blocks[blocks.length - 1];
      if (!previous) break;
      const gap = gaps[block.first - 1]!;
      const previousTop = previous.sum / previous.count;
      if (previousTop + previous.extent + gap <= block.sum / block.count) break;
      blocks.pop();
      // Items of the later block now sit (previous.extent + gap) further down inside the merged block.
      const shift = previous.extent + gap;
      block = { first: previous.first, count: previous.count + block.count, sum: previous.sum + block.sum - block.count * shift, extent: shift + block.extent };
    }
    blocks.push(block);
  });
  const tops: number[] = [];
  for (const block of blocks) {
    let y = block.sum / block.count;
    for (let index = block.first; index < block.first + block.count; index++) {
      tops.push(y);
      y += heights[index]! + (gaps[index] ?? 0);
    }
  }
  return tops;
}
