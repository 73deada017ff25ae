// A progress bar on stderr: redrawn in place on a terminal, otherwise a plain line whenever
// another tenth is done (logs and CI output stay short and readable).
const WIDTH = 10;

export interface Progress {
  tick(): void;
  /** Clears the in-place bar so the next line starts clean. */
  done(): void;
}

export function progressBar(
  total: number,
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): Progress {
  let count = 0;
  let lastFilled = -1;
  const render = () => {
    const filled = total === 0 ? WIDTH : Math.floor((count / total) * WIDTH);
    return {
      filled,
      text: `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${count}/${total} ${label}`,
    };
  };
  const draw = () => {
    const { filled, text } = render();
    if (stream.isTTY) stream.write(`\r\x1b[K  ${text}`);
    else if (filled !== lastFilled || count === total) stream.write(`  ${text}\n`);
    lastFilled = filled;
  };
  draw();
  return {
    tick() {
      count++;
      draw();
    },
    done() {
      if (stream.isTTY) stream.write('\r\x1b[K');
    },
  };
}
