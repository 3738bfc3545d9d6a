import { enterStatement } from './session.js';

/**
 * A literate-TypeScript notebook (`*.nb.ts`) is a TypeScript module whose prose sits in markdown
 * blocks — a line `/*md`, the markdown, a line `*\/` — at the top level. Each block starts a cell:
 * its prose, then the code up to the next block. Code before the first block is a cell without prose.
 */
export interface NotebookCell {
  /** 0-based position in the notebook. */
  index: number;
  /** 1-based source line where the cell starts. */
  line: number;
  markdown: string;
  code: string;
  /** The prose's first heading, else "cell N". */
  title: string;
}

export class NotebookSyntaxError extends Error {}

const OPEN = /^\/\*md\s*$/;
const CLOSE = /^\s*\*\/\s*$/;

interface Block {
  /** 0-based line of `/*md` and of its `*\/`; null for the code-only first cell. */
  open: number | null;
  close: number | null;
  markdown: string;
}

function markdownBlocks(lines: readonly string[], file: string): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!OPEN.test(lines[i]!)) continue;
    const end = lines.findIndex((l, j) => j > i && CLOSE.test(l));
    if (end < 0) throw new NotebookSyntaxError(`${file}:${i + 1}: markdown block "/*md" is never closed by a line "*/"`);
    blocks.push({ open: i, close: end, markdown: lines.slice(i + 1, end).join('\n').trim() });
    i = end;
  }
  return blocks;
}

const titleOf = (markdown: string, index: number): string => /^#{1,6}\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? `cell ${index + 1}`;

/** The cells of a notebook's source, in order. */
export function parseNotebook(source: string, file: string): NotebookCell[] {
  const lines = source.split('\n');
  const blocks = markdownBlocks(lines, file);
  const firstOpen = blocks[0]?.open ?? lines.length;
  if (lines.slice(0, firstOpen).some((l) => l.trim() !== '')) blocks.unshift({ open: null, close: null, markdown: '' });
  return blocks.map((b, index) => {
    const from = b.close === null ? 0 : b.close + 1;
    const to = blocks[index + 1]?.open ?? lines.length;
    return {
      index,
      line: (b.open ?? 0) + 1,
      markdown: b.markdown,
      code: lines.slice(from, to).join('\n').replace(/^\s*\n/, '').trimEnd(),
      title: titleOf(b.markdown, index),
    };
  });
}

/**
 * The module that runs: the notebook with each markdown block replaced by the statement that
 * tells the runner a cell starts (the block's other lines left empty), so every line keeps its
 * number and errors point into the notebook.
 */
export function executableSource(source: string, file: string): string {
  const lines = source.split('\n');
  const blocks = markdownBlocks(lines, file);
  let cell = 0;
  const firstOpen = blocks[0]?.open ?? lines.length;
  if (lines.slice(0, firstOpen).some((l) => l.trim() !== '')) lines[0] = enterStatement(cell++) + lines[0];
  for (const b of blocks) {
    for (let i = b.open!; i <= b.close!; i++) lines[i] = '';
    lines[b.open!] = enterStatement(cell++);
  }
  return lines.join('\n');
}
