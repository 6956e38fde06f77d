import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

describe('postmortem Markdown preview', () => {
  it('renders the shapes a postmortem uses: headings, lists, tables, links', () => {
    const html = renderMarkdown(
      '# Summary\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee [the runbook](https://runbooks.example/checkout).',
    );
    expect(html).toContain('<h1>Summary</h1>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<td>1</td>');
    expect(html).toContain(
      '<a href="https://runbooks.example/checkout" rel="noopener noreferrer" target="_blank">the runbook</a>',
    );
  });

  it('shows raw HTML as text instead of running it', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('leaves script links as text', () => {
    const html = renderMarkdown(
      '[click](javascript:alert(1)) and [data](data:text/html;base64,PHNjcmlwdD4=)',
    );
    expect(html).not.toContain('<a');
    expect(html).toContain('[click](javascript:alert(1))');
  });
});
