import { describe, expect, it } from "vitest";
import { smtpEndpoint } from "./smtp-transport";

describe("smtpEndpoint", () => {
  it("names host and port for the log, never the credentials, with nodemailer's default ports", () => {
    expect(smtpEndpoint("smtp://gantry:s3cret@mail.example.org:2525")).toBe("mail.example.org:2525");
    expect(smtpEndpoint("smtp://gantry:s3cret@mail.example.org")).toBe("mail.example.org:587");
    expect(smtpEndpoint("smtps://gantry:s3cret@mail.example.org/?tls.rejectUnauthorized=false")).toBe("mail.example.org:465");
  });
});
