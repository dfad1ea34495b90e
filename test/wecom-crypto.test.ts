import { describe, expect, it } from "vitest";
import { openWecomMessage, REPLAY_WINDOW_SECONDS, replayGuard, wecomSignature } from "../src/channels/wecom/crypto.js";
import { readFlatXml } from "../src/channels/wecom/xml.js";
import { parseConfig } from "../src/config/env.js";
import { TEST_WECOM, wecomEncrypt, wecomSign } from "./fixtures/wecom-server.js";

const config = { token: TEST_WECOM.token, aesKey: TEST_WECOM.aesKey, corpId: TEST_WECOM.corpId };
const now = 1_764_800_000;

/** A callback sealed with Node's crypto (the fixture), the way WeCom seals it. */
function sealed(message: string, options: { timestamp?: number; corpId?: string } = {}) {
  const timestamp = String(options.timestamp ?? now);
  const nonce = "1372623149";
  const encrypt = wecomEncrypt(
    { aesKey: TEST_WECOM.aesKey, corpId: options.corpId ?? TEST_WECOM.corpId },
    message,
  );
  return {
    params: { msgSignature: wecomSign(TEST_WECOM.token, timestamp, nonce, encrypt), timestamp, nonce },
    encrypt,
  };
}

describe("WeCom callback crypto (Web Crypto) against Node's crypto", () => {
  it("signs as sha1 of the sorted token, timestamp, nonce and payload", async () => {
    expect(wecomSignature("QDG6eK", "1409659589", "263014780", "P9nAzCzyDtyTWESHep1vC5X9xho")).toBe(
      wecomSign("QDG6eK", "1409659589", "263014780", "P9nAzCzyDtyTWESHep1vC5X9xho"),
    );
  });

  it("decrypts messages of every padding length (1 to 32 bytes), Chinese included", async () => {
    // The plaintext is 20 + message + 18 (corp id) bytes; these lengths cover every remainder mod 32.
    for (let length = 0; length < 70; length++) {
      const message = `<xml><Content><![CDATA[${"团".repeat(length % 3)}${"a".repeat(length)}]]></Content></xml>`;
      const { params, encrypt } = sealed(message);
      expect(openWecomMessage(config, params, encrypt, now)).toBe(message);
    }
  });

  it("refuses a wrong signature, a stale or future timestamp, another corp's payload and a tampered one", async () => {
    const message = "<xml><Content>hi</Content></xml>";
    const good = sealed(message);
    expect(() =>
      openWecomMessage(config, { ...good.params, msgSignature: "0".repeat(40) }, good.encrypt, now),
    ).toThrow("wrong signature");
    expect(() => openWecomMessage({ ...config, token: "other" }, good.params, good.encrypt, now)).toThrow(
      "wrong signature",
    );
    const stale = sealed(message, { timestamp: now - REPLAY_WINDOW_SECONDS - 1 });
    expect(() => openWecomMessage(config, stale.params, stale.encrypt, now)).toThrow("replay window");
    const future = sealed(message, { timestamp: now + REPLAY_WINDOW_SECONDS + 1 });
    expect(() => openWecomMessage(config, future.params, future.encrypt, now)).toThrow("replay window");
    // Within the window, either side, it is taken.
    const late = sealed(message, { timestamp: now - REPLAY_WINDOW_SECONDS });
    expect(openWecomMessage(config, late.params, late.encrypt, now)).toBe(message);
    const other = sealed(message, { corpId: "wwotherorg0000000" });
    expect(() => openWecomMessage(config, other.params, other.encrypt, now)).toThrow("another corp");
    // A payload changed in transit (and re-signed, as only the token holder could) does not decrypt.
    const bytes = Buffer.from(good.encrypt, "base64");
    bytes[bytes.length - 1]! ^= 0xff;
    const tampered = bytes.toString("base64");
    const resigned = {
      ...good.params,
      msgSignature: wecomSign(TEST_WECOM.token, good.params.timestamp, good.params.nonce, tampered),
    };
    expect(() => openWecomMessage(config, resigned, tampered, now)).toThrow();
  });
});

describe("the replay guard", () => {
  it("when full, forgets the oldest signatures first and keeps refusing the recent ones; past the window, forgets all", () => {
    const guard = replayGuard(300, 3);
    for (const [i, signature] of ["a", "b", "c", "d"].entries()) guard.remember(signature, 1000 + i);
    expect(["a", "b", "c", "d"].map((sig) => guard.seen(sig, 1004))).toEqual([false, true, true, true]);
    guard.remember("e", 1400);
    expect(["b", "c", "d", "e"].map((sig) => guard.seen(sig, 1400))).toEqual([false, false, false, true]);
  });
});

describe("WeCom's flat XML", () => {
  it("reads CDATA and plain fields, entities decoded", () => {
    const fields = readFlatXml(
      "<xml><ToUserName><![CDATA[ww1]]></ToUserName><CreateTime>1348831860</CreateTime><Content><![CDATA[a <b> & c]]></Content><Title>x &amp; y</Title></xml>",
    );
    expect(fields).toEqual({
      ToUserName: "ww1",
      CreateTime: "1348831860",
      Content: "a <b> & c",
      Title: "x & y",
    });
    expect(() => readFlatXml("<html></html>")).toThrow();
  });
});

describe("WeCom configuration", () => {
  const full = {
    WECOM_CORP_ID: TEST_WECOM.corpId,
    WECOM_AGENT_ID: "1000002",
    WECOM_SECRET: "s",
    WECOM_TOKEN: TEST_WECOM.token,
    WECOM_AES_KEY: TEST_WECOM.aesKey,
  };
  it("is all five values or none, each checked, in one line naming the variable", () => {
    expect(parseConfig({}).wecom).toBeUndefined();
    expect(parseConfig(full).wecom).toMatchObject({
      corpId: TEST_WECOM.corpId,
      agentId: 1000002,
      apiRoot: "https://qyapi.weixin.qq.com",
    });
    expect(() => parseConfig({ ...full, WECOM_SECRET: "" })).toThrow(
      "Configuration error: WECOM_SECRET is required when any WECOM_* variable is set",
    );
    expect(() => parseConfig({ ...full, WECOM_AES_KEY: "short" })).toThrow(
      /WECOM_AES_KEY must be the 43-character EncodingAESKey \(got "sh…"\)/,
    );
    expect(() => parseConfig({ ...full, WECOM_AGENT_ID: "abc" })).toThrow(
      "WECOM_AGENT_ID must be the application's numeric AgentId",
    );
  });
});
