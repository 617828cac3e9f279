import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shellJoin, shellQuote } from "../../src/slurm/shell-quote.js";

/** The words `sh` sees when it runs `printf '%s\0' <line>`. */
function wordsSeenBySh(line: string): string[] {
  const out = execFileSync("sh", ["-c", `printf '%s\\0' ${line}`], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

describe("shellQuote", () => {
  it("leaves plain words alone and single-quotes the rest", () => {
    expect(shellQuote("train.py")).toBe("train.py");
    expect(shellQuote("--lr=0.1")).toBe("--lr=0.1");
    expect(shellQuote("/a/b,c:d@e%f+g")).toBe("/a/b,c:d@e%f+g");
    expect(shellQuote("")).toBe("''");
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote("$HOME")).toBe("'$HOME'");
  });

  it("gives sh back the very words: spaces, quotes, $, backslashes, globs, newlines, empty", () => {
    const words = [
      "python",
      "train it.py",
      "--name",
      `a 'b' "c" $HOME \\n`,
      "*",
      "",
      "x\ny",
      "`id`",
      "~",
      "#",
    ];
    expect(wordsSeenBySh(shellJoin(words))).toEqual(words);
  });

  it("round-trips arbitrary strings through sh (fast-check)", () => {
    const special = fc.constantFrom(
      "'",
      '"',
      "$",
      "\\",
      " ",
      "\t",
      "\n",
      "*",
      "?",
      "`",
      "!",
      "#",
      "~",
      ";",
      "&",
      "|",
      "(",
      "{",
      "a",
      "-",
    );
    const word = fc
      .oneof(fc.string({ unit: special, maxLength: 12 }), fc.string({ unit: "grapheme", maxLength: 6 }))
      .filter((s) => !s.includes("\0"));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (words) => {
        expect(wordsSeenBySh(shellJoin(words))).toEqual(words);
      }),
      { numRuns: 60 },
    );
  });
});
