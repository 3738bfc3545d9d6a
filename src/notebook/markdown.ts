import { escapeHtml } from '../report/escape.js';

/*
 * The markdown notebooks are written in: headings, paragraphs, bullet and numbered lists (a line
 * indented under an item continues it), block quotes, fenced code, and inline `code`, **bold**,
 * *italic* and [links](url). Everything is escaped first; only these constructs become tags.
 */

/** Links go to the web, to an anchor or to a relative file: never to a script. */
const SAFE_HREF = /^(https?:\/\/|#|\.{0,2}\/|[\w-]+(\/|\.html?|\.md|$))/i;

function inline(text: string): string {
  const codes: string[] = [];
  // Code spans first, so nothing inside them is read as emphasis or a link.
  let html = escapeHtml(text).replace(/`([^`]+)`/g, (_, code: string) => `\u0000${codes.push(code) - 1}\u0000`);
  html = html
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?![*\w])/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (all, label: string, href: string) => (SAFE_HREF.test(href) ? `<a href="${href}">${label}</a>` : all));
  return html.replace(/\u0000(\d+)\u0000/g, (_, i: string) => `<code>${codes[Number(i)]}</code>`);
}

type ListKind = 'ul' | 'ol';
const ITEM: Record<ListKind, RegExp> = { ul: /^\s{0,3}[-*]\s+(.*)$/, ol: /^\s{0,3}\d+[.)]\s+(.*)$/ };

function listKind(line: string): ListKind | null {
  if (ITEM.ul.test(line)) return 'ul';
  if (ITEM.ol.test(line)) return 'ol';
  return null;
}

/** Markdown to HTML (block by block). */
export function renderMarkdown(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  const blank = (l: string | undefined) => l === undefined || l.trim() === '';
  while (i < lines.length) {
    const line = lines[i]!;
    if (blank(line)) {
      i++;
      continue;
    }
    const fence = /^\s*```/.exec(line);
    if (fence) {
      const end = lines.findIndex((l, j) => j > i && /^\s*```\s*$/.test(l));
      const stop = end < 0 ? lines.length : end;
      out.push(`<pre><code>${escapeHtml(lines.slice(i + 1, stop).join('\n'))}</code></pre>`);
      i = stop + 1;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(6, heading[1]!.length + 1); // the page's own title is the h1
      out.push(`<h${level}>${inline(heading[2]!.trim())}</h${level}>`);
      i++;
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i]!)) quoted.push(lines[i++]!.replace(/^\s*>\s?/, ''));
      out.push(`<blockquote>${renderMarkdown(quoted.join('\n'))}</blockquote>`);
      continue;
    }
    const kind = listKind(line);
    if (kind) {
      const items: string[] = [];
      while (i < lines.length && listKind(lines[i]!) === kind) {
        const parts = [ITEM[kind].exec(lines[i++]!)![1]!];
        while (i < lines.length && !blank(lines[i]) && !listKind(lines[i]!) && /^\s{2,}/.test(lines[i]!)) parts.push(lines[i++]!.trim());
        items.push(`<li>${inline(parts.join(' '))}</li>`);
      }
      out.push(`<${kind}>${items.join('')}</${kind}>`);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !blank(lines[i]) && !/^(#{1,6}\s|\s*```|\s*>)/.test(lines[i]!) && !listKind(lines[i]!)) para.push(lines[i++]!.trim());
    out.push(`<p>${inline(para.join(' '))}</p>`);
  }
  return out.join('\n');
}
