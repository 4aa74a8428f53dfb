/** isIpAddress (a port's host IP) against node:net's isIP, the oracle: fixed cases and random text. */
import { isIP } from "node:net";
import { describe, expect, it } from "vitest";
import { isIpAddress } from "../src/parse/ports.js";

describe("isIpAddress agrees with node:net isIP", () => {
  const cases = [
    "127.0.0.1", "0.0.0.0", "::", "::1", "[::1]", "fd00::1", "fd00:0::1", "8080:80", "256.1.1.1", "1.2.3", "01.2.3.4",
    "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1::2::3", "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4",
    "fe80::1%eth0", "fe80::1%", "%eth0", "1.2.3.4%x", "", ":1", "1:", "1::", "12345::", "g::1", "localhost", "1.2.3.04",
  ];
  it.each(cases)("%j", (text) => expect(isIpAddress(text)).toBe(isIP(text) !== 0));

  it("on 50 000 random strings of IP characters", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const alphabet = "0123456789abcdef:.%";
    const wrong: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      let s = "";
      for (let n = 1 + Math.floor(rand() * 20); n > 0; n--) s += alphabet[Math.floor(rand() * alphabet.length)];
      if (isIpAddress(s) !== (isIP(s) !== 0)) wrong.push(s);
    }
    expect(wrong).toEqual([]);
  });
});
