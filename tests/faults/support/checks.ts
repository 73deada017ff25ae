/** A fault script's verdicts: each printed as it is made, the exit code set from all of them. */
export function faultChecks() {
  const failures: string[] = [];
  return {
    check(ok: boolean, what: string): void {
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
      if (!ok) failures.push(what);
    },
    /** Prints the summary line and sets the process's exit code (1 when any check failed). */
    finish(): void {
      console.log(failures.length ? `\n${failures.length} check(s) failed` : '\nall checks passed');
      process.exitCode = failures.length ? 1 : 0;
    },
  };
}
