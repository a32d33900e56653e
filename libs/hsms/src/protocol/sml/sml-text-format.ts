// Quoted text of A, J and C2 items. The printer always uses double quotes. Inside them:
//   \"  \\           the quote and the backslash
//   \n  \r  \t       line feed, carriage return, tab
//   \xHH             any other character below 0x20, and 0x7F (all types); 0x80..0xFF in A and J
//                    (bytes ASCII and JIS X 0201 leave undefined: equipment quirks, kept visible);
//                    0x80..0x9F (C1 controls) in C2
//   \uHHHH           in C2 only: U+2028, U+2029, U+FEFF and unpaired surrogates
// Everything else is printed as itself (J's half-width katakana, C2's Unicode text).

const ESCAPED_IN_A = /["\\\x00-\x1f\x7f-\xff]/g;
const ESCAPED_IN_J = /["\\\x00-\x1f\x7f-\xff]/g;
const ESCAPED_IN_C2 = /["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Escapes of the 256 single-byte characters, built once: an 8 MB A item can need millions of them. */
const BYTE_ESCAPES: readonly string[] = Array.from({ length: 256 }, (_, code) => {
  const ch = String.fromCharCode(code);
  return NAMED_ESCAPES[ch] ?? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
});

function escapeCharacter(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? BYTE_ESCAPES[code]! : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `text` in double quotes, escaped as the comment above describes for an item of `type`. */
export function quoteSmlText(type: 'A' | 'J' | 'C2', text: string): string {
  if (type === 'A') return quoteLatin1(text);
  return `"${text.replace(type === 'J' ? ESCAPED_IN_J : ESCAPED_IN_C2, escapeCharacter)}"`;
}

const NEEDS_ESCAPE_IN_A = new RegExp(ESCAPED_IN_A.source); // not global: test() keeps no lastIndex
const ESCAPE_BYTES: readonly (Buffer | undefined)[] = BYTE_ESCAPES.map((escaped, code) =>
  NEEDS_ESCAPE_IN_A.test(String.fromCharCode(code)) ? Buffer.from(escaped, 'latin1') : undefined,
);

/**
 * A's text (every character 0x00..0xFF) quoted into one buffer: the same output as a replace with
 * ESCAPED_IN_A, without a callback per escaped character, so a binary-ish 8 MB A item prints quickly.
 */
function quoteLatin1(text: string): string {
  let size = 2;
  for (let i = 0; i < text.length; i++) size += ESCAPE_BYTES[text.charCodeAt(i)]?.length ?? 1;
  const out = Buffer.allocUnsafe(size);
  let o = 0;
  out[o++] = 0x22; // '"'
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const escaped = ESCAPE_BYTES[code];
    if (escaped === undefined) out[o++] = code;
    else o += escaped.copy(out, o);
  }
  out[o] = 0x22;
  return out.toString('latin1');
}
