// Just enough shell reading for the RUN checks: a command line split into simple commands at `&&`,
// `||`, `;` and `|` (outside quotes), each with its words, and whether a real pipe is there. Linear.

export interface ShellCommand {
  /** Words, quotes kept off; leading VAR=value assignments dropped. */
  words: string[];
}

export interface ShellLine {
  commands: ShellCommand[];
  hasPipe: boolean;
}

export function readShell(text: string): ShellLine {
  const commands: ShellCommand[] = [];
  let words: string[] = [];
  let word = '';
  let quote: string | null = null;
  let hasPipe = false;
  const endWord = () => {
    if (word !== '') words.push(word);
    word = '';
  };
  const endCommand = () => {
    endWord();
    const start = words.findIndex((w) => !/^\w+=/.test(w));
    if (start !== -1) commands.push({ words: words.slice(start) });
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === quote) quote = null;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
    } else if (c === ' ' || c === '\t' || c === '\n') {
      endWord();
    } else if (c === '&' && text[i + 1] === '&') {
      endCommand();
      i++;
    } else if (c === '|') {
      if (text[i + 1] === '|') i++;
      else hasPipe = true;
      endCommand();
    } else if (c === ';' || c === '(' || c === ')') {
      endCommand();
    } else {
      word += c;
    }
  }
  endCommand();
  return { commands, hasPipe };
}

/** The program a command runs, looking through `sudo`, `env` and `exec` (and their options). */
export function programOf(command: ShellCommand): { program: string | undefined; args: string[] } {
  const words = command.words;
  let i = 0;
  while (words[i] === 'sudo' || words[i] === 'env' || words[i] === 'exec') {
    i++;
    while (words[i]?.startsWith('-')) i++;
  }
  return { program: words[i], args: words.slice(i + 1) };
}
