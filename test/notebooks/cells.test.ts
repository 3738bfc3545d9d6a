import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { executableSource, NotebookSyntaxError, parseNotebook } from '../../src/notebook/cells.js';
import { enterStatement } from '../../src/notebook/session.js';

const source = ["import { show } from '../src/index.js';", '/*md', '# Title', '', 'Some *prose*.', '*/', 'const a = 1;', '', '/*md', '## Second', '*/', 'console.log(a);', '/*md', 'Closing words.', '*/'].join('\n');

describe('notebook cells', () => {
  it('splits prose blocks and the code after each; code before the first block is a cell of its own', () => {
    const cells = parseNotebook(source, 'x.nb.ts');
    expect(cells.map((c) => [c.index, c.line, c.title, c.markdown, c.code])).toEqual([
      [0, 1, 'cell 1', '', "import { show } from '../src/index.js';"],
      [1, 2, 'Title', '# Title\n\nSome *prose*.', 'const a = 1;'],
      [2, 9, 'Second', '## Second', 'console.log(a);'],
      [3, 13, 'cell 4', 'Closing words.', ''],
    ]);
  });

  it('runs the same code with a cell marker where each cell starts, every line at its own number', () => {
    const lines = executableSource(source, 'x.nb.ts').split('\n');
    expect(lines).toHaveLength(source.split('\n').length);
    expect(lines[0]).toBe(enterStatement(0) + "import { show } from '../src/index.js';");
    expect(lines[1]).toBe(enterStatement(1));
    expect(lines.slice(2, 6)).toEqual(['', '', '', '']);
    expect(lines[6]).toBe('const a = 1;');
    expect(lines[8]).toBe(enterStatement(2));
    expect(lines[11]).toBe('console.log(a);');
    expect(lines[12]).toBe(enterStatement(3));
  });

  it('names the file and line of a block that is never closed', () => {
    expect(() => parseNotebook('const a = 1;\n/*md\n# Oops\nno end', 'notebooks/x.nb.ts')).toThrow(new NotebookSyntaxError('notebooks/x.nb.ts:2: markdown block "/*md" is never closed by a line "*/"'));
  });
});

describe('the notebooks in notebooks/', () => {
  const dir = fileURLToPath(new URL('../../notebooks/', import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.nb.ts'));

  it.each(files)('%s imports only the public API (src/index.ts) and node built-ins', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(specifiers.length).toBeGreaterThan(0);
    for (const s of specifiers) expect(s === '../src/index.js' || s!.startsWith('node:')).toBe(true);
    expect(text).not.toMatch(/\bimport\s*\(/);
  });

  it.each(files)('%s starts with a titled prose block', (file) => {
    const cells = parseNotebook(readFileSync(join(dir, file), 'utf8'), file);
    expect(cells[0]!.markdown).toMatch(/^# \S/);
    expect(cells.length).toBeGreaterThanOrEqual(4);
  });
});
