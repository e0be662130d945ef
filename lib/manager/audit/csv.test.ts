import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv";

describe("CSV cells", () => {
  it("quotes what RFC 4180 requires and nothing else", () => {
    expect(csvLine(["plain", "a,b", 'say "hi"', "two\r\nlines", "lf\nonly", "", null, undefined, 42])).toBe(
      'plain,"a,b","say ""hi""","two\r\nlines","lf\nonly",,,,42\r\n',
    );
  });

  it("turns what a spreadsheet would run as a formula into text", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\",\"x\")")).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell("+1+1")).toBe("'+1+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("=1,2")).toBe("\"'=1,2\"");
    // Only the first character matters, and numbers are numbers.
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("ada@example.org")).toBe("ada@example.org");
    expect(csvCell(-1)).toBe("-1");
  });
});
