// A progress line on stderr for long scans: rewritten in place a few times a second on a terminal,
// and otherwise (CI logs) a line every few seconds, and nothing at all for a scan that ends quickly.

export interface Progress {
  tick(done: number, total: number): void;
  end(): void;
}

export function progressLine(stream: NodeJS.WriteStream, what: string, now = () => Date.now()): Progress {
  const tty = stream.isTTY === true;
  const every = tty ? 200 : 5000;
  const started = now();
  let last = started;
  let shown = false;
  return {
    tick(done, total) {
      const at = now();
      if (at - last < every || at - started < 1000) return;
      last = at;
      shown = true;
      const line = `${what}: ${done}/${total} files`;
      stream.write(tty ? `\r${line}` : `${line}\n`);
    },
    end() {
      if (shown && tty) stream.write('\r\u001b[K');
    },
  };
}
