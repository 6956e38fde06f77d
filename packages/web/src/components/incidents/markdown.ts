// Markdown to HTML for the postmortem preview. Raw HTML in the text is shown as text, never run, and
// links markdown-it does not trust (javascript:, vbscript:, file:, most data:) stay plain text, so the
// result is safe to put in the page.
import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

// Links leave the portal in a new tab and tell the target nothing about where they came from.
const defaultLinkOpen = markdown.renderer.rules.link_open;
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index]?.attrSet('rel', 'noopener noreferrer');
  tokens[index]?.attrSet('target', '_blank');
  return defaultLinkOpen
    ? defaultLinkOpen(tokens, index, options, env, self)
    : self.renderToken(tokens, index, options);
};

export function renderMarkdown(text: string): string {
  return markdown.render(text);
}
