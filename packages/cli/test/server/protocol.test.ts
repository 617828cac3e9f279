import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeRequest, LineFramer, parseRequest, parseResponse } from "../../src/server/protocol.js";

const field = fc.string({ unit: "grapheme", maxLength: 30 }).filter((s) => !s.includes("\0"));

describe("server protocol", () => {
  it("a request survives encoding and parsing, and is incomplete until its last byte (property)", () => {
    fc.assert(
      fc.property(
        field,
        field,
        fc.array(field, { maxLength: 6 }),
        fc.dictionary(fc.stringMatching(/^[A-Z_]{1,12}$/), field, { maxKeys: 4 }),
        (token, cwd, argv, env) => {
          const bytes = encodeRequest({ token, cwd, argv, env });
          expect(parseRequest(bytes)).toEqual({ token, cwd, argv, env: { ...env } });
          for (let cut = 0; cut < bytes.length; cut++)
            expect(parseRequest(bytes.subarray(0, cut))).toBeNull();
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  it("what bash's printf '%s\\0' sends parses (arguments with quotes, spaces and newlines)", () => {
    const argv = ["ask", "--search-space", '{"x": {"name": "FloatDistribution"}}', "two\nlines", ""];
    const z = "\u0000";
    const bytes = Buffer.from(
      `tok${z}/tmp/a b${z}${argv.length}${z}${argv.join(z)}${z}1${z}TUNELAB_STUDY=s=1${z}`,
    );
    expect(parseRequest(bytes)).toEqual({
      token: "tok",
      cwd: "/tmp/a b",
      argv,
      env: { TUNELAB_STUDY: "s=1" },
    });
  });

  it("a count that is not a number is refused", () => {
    const z = "\u0000";
    expect(() => parseRequest(Buffer.from(`t${z}/${z}x${z}`))).toThrow(/bad argument count/);
    expect(() => parseRequest(Buffer.from(`t${z}/${z}0${z}1${z}NOEQUALS${z}`))).toThrow(
      /bad environment entry/,
    );
  });

  it("the framer sends whole lines, and the unfinished last piece at the end", () => {
    const sent: string[] = [];
    const f = new LineFramer("o", (l) => sent.push(l));
    f.write("a");
    f.write("b\nc\n\nd");
    f.end();
    expect(sent).toEqual(["o ab\n", "o c\n", "o \n", "O d\n"]);
    expect(parseResponse(`${sent.join("")}e oops\nx 3\n`)).toEqual({
      kind: "ran",
      stdout: "ab\nc\n\nd",
      stderr: "oops\n",
      code: 3,
    });
    expect(parseResponse("f wrong token\n")).toEqual({ kind: "declined", reason: "wrong token" });
    expect(parseResponse("o half")).toEqual({ kind: "cut" });
  });
});
