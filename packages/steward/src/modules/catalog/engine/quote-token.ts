// Quoting what a catalog file wrote, in a problem message. Problems are shown to everyone who can
// sign in, so a message carries no more of a file than the short token it is about: JSON-quoted (a
// quote or control character cannot break the message) and cut at 60 characters.
export const maxQuotedLength = 60;

export function quoteToken(text: string): string {
  return JSON.stringify(text.length > maxQuotedLength ? `${text.slice(0, maxQuotedLength - 1)}…` : text);
}

/** Longest message a problem keeps: a last guard should a message be built from much of a file. */
export const maxMessageLength = 600;

export function cappedMessage(message: string): string {
  return message.length > maxMessageLength ? `${message.slice(0, maxMessageLength - 1)}…` : message;
}
