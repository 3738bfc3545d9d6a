import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/notebook/display.js';
import { renderMarkdown } from '../../src/notebook/markdown.js';

describe('notebook markdown', () => {
  it('renders headings one level under the page title, paragraphs, lists, quotes and code', () => {
    const html = renderMarkdown(['# Title', '', 'One line', 'and its **bold** `code` and *em*.', '', '- a', '  continued', '- b', '', '1. first', '2. second', '', '> quoted', '', '```', 'x < 1', '```'].join('\n'));
    expect(html).toBe(
      [
        '<h2>Title</h2>',
        '<p>One line and its <strong>bold</strong> <code>code</code> and <em>em</em>.</p>',
        '<ul><li>a continued</li><li>b</li></ul>',
        '<ol><li>first</li><li>second</li></ol>',
        '<blockquote><p>quoted</p></blockquote>',
        '<pre><code>x &lt; 1</code></pre>',
      ].join('\n'),
    );
  });

  it('keeps snake_case and code spans literal', () => {
    expect(renderMarkdown('rsi_buy_max and `a*b*c` and 2 * 3 * 4')).toBe('<p>rsi_buy_max and <code>a*b*c</code> and 2 * 3 * 4</p>');
  });

  it('escapes hostile text, and links only to the web, anchors and relative files', () => {
    const html = renderMarkdown('<script>alert(1)</script> [ok](https://example.org/a?b=1&c=2) [rel](sweep/x.html) [bad](javascript:alert(1)) [q](x" onclick="y)');
    expect(html).not.toMatch(/<script|href="javascript|onclick="/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="https://example.org/a?b=1&amp;c=2">ok</a>');
    expect(html).toContain('<a href="sweep/x.html">rel</a>');
    expect(html).toContain('[bad](javascript:alert(1))');
  });
});

describe('table values', () => {
  it('formats numbers for reading and keeps them sortable', () => {
    expect(formatValue(24029.65519)).toEqual({ text: '24,029.66', sort: 24029.65519 });
    expect(formatValue(-0.123456)).toEqual({ text: '-0.1235', sort: -0.123456 });
    expect(formatValue(NaN)).toEqual({ text: '–' });
    expect(formatValue(Infinity)).toEqual({ text: '∞', sort: Infinity });
    expect(formatValue(true)).toEqual({ text: 'yes' });
    expect(formatValue(null)).toEqual({ text: '' });
    expect(formatValue({ a: 1 })).toEqual({ text: '{"a":1}' });
  });
});
