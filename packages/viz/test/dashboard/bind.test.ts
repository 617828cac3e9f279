import { describe, expect, it } from "vitest";
import { checkBind, hostAllowed, isLoopback } from "../../src/dashboard/index.js";

describe("isLoopback / checkBind / hostAllowed", () => {
  it("knows loopback addresses and names", () => {
    for (const h of ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"])
      expect(isLoopback(h)).toBe(true);
    for (const h of ["0.0.0.0", "192.168.1.2", "::", "example.com", "127.0.0.1.evil.com"])
      expect(isLoopback(h)).toBe(false);
  });

  it("refuses a non-loopback bind without allowRemote, and warns with it", () => {
    expect(checkBind("127.0.0.1", false)).toBeNull();
    expect(() => checkBind("0.0.0.0", false)).toThrow(
      /dashboard: host "0\.0\.0\.0" is not a loopback address \(127\.0\.0\.1, ::1, localhost\); serving other machines needs allowRemote/,
    );
    expect(checkBind("0.0.0.0", true)).toMatch(
      /^warning: the dashboard listens on 0\.0\.0\.0, reachable from other machines/,
    );
  });

  it("answers only loopback Host headers with its port on loopback (no DNS rebinding)", () => {
    expect(hostAllowed("127.0.0.1:8080", 8080, false)).toBe(true);
    expect(hostAllowed("localhost:8080", 8080, false)).toBe(true);
    expect(hostAllowed("[::1]:8080", 8080, false)).toBe(true);
    expect(hostAllowed("127.0.0.1:8081", 8080, false)).toBe(false);
    expect(hostAllowed("evil.example:8080", 8080, false)).toBe(false);
    expect(hostAllowed(undefined, 8080, false)).toBe(false);
    expect(hostAllowed("evil.example:8080", 8080, true)).toBe(true);
  });
});
