/**
 * Button data: every inline button the bot makes carries `v1:<kind>:<arg>:…`, built and read only
 * here. Each kind declares its arguments as a zod tuple, so a handler receives typed arguments and a
 * press whose data do not parse (forged, cut, from a kind that no longer exists) matches no handler
 * and gets the fallback's one answer ("this button is out of date").
 *
 * Telegram carries at most 64 bytes of callback data; `encodeButton` refuses more, and
 * test/callback-data.test.ts builds every kind with its longest realistic arguments.
 *
 * Buttons sent before the prefix existed (the same `<kind>:<arg>` without `v1:`, still in users'
 * chats and in queued reminder messages) decode as version 1: the shapes are the same, so accepting
 * them costs nothing. Any other prefix (`v2:` from a newer build, say) is refused.
 */
import { z } from "zod";
import { LOCALES } from "../domain/locale.js";

export const BUTTON_PREFIX = "v1:";
export const CALLBACK_DATA_MAX_BYTES = 64;

// Argument shapes. Nothing here may contain ":", the separator.
const id = z.string().regex(/^[\w-]{1,40}$/);
const slug = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);
const word = z.string().regex(/^\w{1,40}$/);
const count = z.string().regex(/^\d{1,6}$/).transform(Number);
const anchor = z.string().regex(/^[A-Za-z0-9-]{1,40}$/);

const none = z.tuple([]);

/** Every kind of button, with its arguments. The names are the wire names: keep them short and stable. */
export const BUTTON_KINDS = {
  // navigation and onboarding
  "nav:register": none,
  "nav:invite": none,
  "nav:progress": none,
  "nav:next": none,
  lang: z.tuple([z.enum(LOCALES)]),
  // checklist: open a step, record it, correct one field
  step: z.tuple([slug]),
  rec: z.tuple([slug]),
  "fix:list": none,
  fix: z.tuple([slug, word]),
  // plan settings
  plan: z.tuple([z.enum(["party", "election", "seats", "profile", "custom"])]),
  // documents and sources
  doc: z.tuple([slug]),
  src: z.tuple([slug, anchor]),
  // reminders
  "rem:show": none,
  "rem:snooze": z.tuple([count]),
  "rem:set": z.union([z.tuple([z.enum(["mute", "unmute", "resume"])]), z.tuple([z.literal("snooze"), count])]),
  // candidates
  "cand:add": none,
  "cand:import": none,
  "cand:slate": none,
  "cand:scores": none,
  "cand:list": z.tuple([count]),
  "cand:view": z.tuple([id]),
  "cand:edit": z.tuple([id]),
  "cand:ef": z.tuple([id, word]),
  "cand:wd": z.tuple([id]),
  "cand:wdy": z.tuple([id, count]),
  "cand:wdn": z.tuple([id]),
  "cadd:fix": z.tuple([word]),
  "score:record": none,
  "score:lots": none,
  // supervision
  "sup:new": none,
  "sup:inv": z.tuple([z.enum(["below", "member"]), id]),
  "sup:leave": z.tuple([id]),
  "sup:leave-ok": z.tuple([id]),
  "ov:u": z.tuple([id, count]),
  "ov:t": z.tuple([id]),
  "ov:rel": z.tuple([id]),
  "ov:rel-ok": z.tuple([id]),
  "ov:n": z.tuple([id]),
  "ov:xlsx": z.tuple([id]),
  "ov:csv": z.tuple([id]),
  // privacy
  "priv:ask": none,
  "priv:keep": none,
  "priv:erase": z.tuple([id]),
  // dialogs: a choice (index or "d" for the default) and a multi-pick action
  dlg: z.tuple([id, id, z.string().regex(/^(\d{1,4}|d)$/)]),
  dlp: z.tuple([id, id, z.string().regex(/^(\d{1,4}|p\d{1,4}|all|none|ok)$/)]),
} as const;

export type ButtonKind = keyof typeof BUTTON_KINDS;
/** The arguments a handler receives (numbers already numbers). */
export type ButtonArgs<K extends ButtonKind> = z.output<(typeof BUTTON_KINDS)[K]>;
export type DecodedButton = { [K in ButtonKind]: { kind: K; args: ButtonArgs<K> } }[ButtonKind];

// Longest names first, so that `fix:list` is tried before `fix` and `ov:rel-ok` before `ov:rel`.
const KINDS_BY_LENGTH = (Object.keys(BUTTON_KINDS) as ButtonKind[]).sort((a, b) => b.length - a.length);

export const byteLength = (data: string): number => new TextEncoder().encode(data).length;

/** The callback data of one button. Throws on arguments that would not decode or exceed Telegram's limit: a bug, found by the tests. */
export function encodeButton<K extends ButtonKind>(kind: K, ...args: ButtonArgs<K>): string {
  const data = [BUTTON_PREFIX + kind, ...(args as readonly (string | number)[]).map(String)].join(":");
  const decoded = decodeButton(data);
  if (!decoded || decoded.kind !== kind) throw new Error(`button ${kind}: arguments do not round-trip`);
  if (byteLength(data) > CALLBACK_DATA_MAX_BYTES) throw new Error(`button ${kind}: ${byteLength(data)} bytes > ${CALLBACK_DATA_MAX_BYTES}`);
  return data;
}

/** The kind and typed arguments of a press, or undefined for anything this build did not make. */
export function decodeButton(data: string | undefined): DecodedButton | undefined {
  if (data === undefined || byteLength(data) > CALLBACK_DATA_MAX_BYTES) return undefined;
  let body = data;
  if (data.startsWith(BUTTON_PREFIX)) body = data.slice(BUTTON_PREFIX.length);
  else if (/^v\d+:/.test(data)) return undefined; // another version: not ours to guess
  for (const kind of KINDS_BY_LENGTH) {
    if (body !== kind && !body.startsWith(`${kind}:`)) continue;
    const rest = body.slice(kind.length + 1);
    const parsed = BUTTON_KINDS[kind].safeParse(rest === "" ? [] : rest.split(":"));
    if (parsed.success) return { kind, args: parsed.data } as DecodedButton;
  }
  return undefined;
}
