// Where things are in a .tf file, since hcl2json gives no positions: one linear pass that knows
// strings (with ${…}), comments and heredocs well enough to find each top-level `resource` / `data`
// block's lines, and the comments in or right above each. Attribute lines are then looked up inside
// the block's lines.

export interface BlockPlace {
  /** `resource` or `data`. */
  keyword: string;
  type: string;
  name: string;
  /** 1-based, the header line and the line of the closing brace. */
  start: number;
  end: number;
}

export interface PlacedComment {
  text: string;
  line: number;
}

export interface Layout {
  lines: string[];
  blocks: BlockPlace[];
  comments: PlacedComment[];
}

const header = /^\s*(resource|data)\s+"([^"]+)"\s+"([^"]+)"/;

export function layoutOf(text: string): Layout {
  const lines = text.split('\n');
  const blocks: BlockPlace[] = [];
  const comments: PlacedComment[] = [];
  let depth = 0;
  let open: BlockPlace | null = null;
  let heredoc: string | null = null;
  let blockComment = false;
  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (heredoc !== null) {
      if (line.trim() === heredoc) heredoc = null;
      return;
    }
    if (depth === 0 && !blockComment) {
      const match = header.exec(line);
      if (match)
        open = {
          keyword: match[1] as string,
          type: match[2] as string,
          name: match[3] as string,
          start: lineNo,
          end: lineNo,
        };
    }
    let quote = false;
    let interpolation = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (blockComment) {
        if (c === '*' && line[i + 1] === '/') {
          blockComment = false;
          i++;
        }
      } else if (quote) {
        if (c === '\\') i++;
        else if (c === '$' && line[i + 1] === '{') {
          interpolation++;
          i++;
        } else if (c === '}' && interpolation > 0) interpolation--;
        else if (c === '"' && interpolation === 0) quote = false;
      } else if (c === '"') {
        quote = true;
      } else if (c === '#' || (c === '/' && line[i + 1] === '/')) {
        comments.push({ text: line.slice(i + (c === '#' ? 1 : 2)), line: lineNo });
        break;
      } else if (c === '/' && line[i + 1] === '*') {
        blockComment = true;
        i++;
      } else if (c === '<' && line[i + 1] === '<') {
        const marker = /^<<-?\s*([A-Za-z_]\w*)\s*$/.exec(line.slice(i));
        if (marker) {
          heredoc = marker[1] as string;
          break;
        }
      } else if (c === '{') {
        depth++;
      } else if (c === '}') {
        depth = Math.max(0, depth - 1);
        if (depth === 0 && open) {
          open.end = lineNo;
          blocks.push(open);
          open = null;
        }
      }
    }
  });
  return { lines, blocks, comments };
}

/** The block a comment speaks for: the one it is in, else the next one below it. */
export function blockOfComment(layout: Layout, line: number): BlockPlace | undefined {
  return (
    layout.blocks.find((b) => b.start <= line && line <= b.end) ?? layout.blocks.find((b) => b.start > line)
  );
}

/**
 * The line of `key = …` or `key {` inside the block (the `nth` such line, counting from 0), or the
 * block's header line when it is not written (a missing attribute is reported at its block).
 */
export function lineOfKey(
  layout: Layout,
  block: BlockPlace,
  key: string,
  nth = 0,
  from = block.start,
): number {
  const pattern = new RegExp(`^\\s*"?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?\\s*(=|\\{)`);
  let seen = 0;
  for (let line = from; line <= block.end; line++) {
    if (pattern.test(layout.lines[line - 1] ?? '')) {
      if (seen === nth) return line;
      seen++;
    }
  }
  return from;
}
