/**
 * Quoting for the POSIX shell, so that the sbatch script runs exactly the words the user gave
 * after `--`, spaces, quotes, `$`, backslashes and newlines included.
 */

/** Characters that need no quoting in any POSIX shell, in any position. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One word, quoted for the shell when it needs to be: left as it is when it holds only
 * `A-Za-z0-9_@%+=:,./-`, otherwise in single quotes (inside which nothing is special), each
 * `'` written as `'\''`. The empty string becomes `''`.
 * @example shellQuote("it's") // 'it'\''s'
 */
export function shellQuote(word: string): string {
  if (PLAIN.test(word)) return word;
  return `'${word.replace(/'/g, "'\\''")}'`;
}

/**
 * A command line of several words, each quoted by {@link shellQuote}, separated by spaces.
 * @example shellJoin(["python", "train.py", "--name", "a b"]) // python train.py --name 'a b'
 */
export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(" ");
}
