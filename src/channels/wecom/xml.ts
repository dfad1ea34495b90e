/**
 * Reads WeCom's callback XML: one flat `<xml>` element whose children are `<Tag><![CDATA[…]]></Tag>`
 * or `<Tag>123</Tag>`. Written here rather than taken from an XML library: the format is this one
 * level and nothing else, and the libraries that run in a Worker are tens of kilobytes for a parser of
 * documents we never receive. Nested elements (a card event's SelectedItems) are kept as raw text.
 */
export function readFlatXml(xml: string): Record<string, string> {
  const body = /<xml>([\s\S]*)<\/xml>/.exec(xml)?.[1];
  if (body === undefined) throw new Error("not a WeCom XML message");
  const fields: Record<string, string> = {};
  const element = /<([A-Za-z_][\w.-]*)>([\s\S]*?)<\/\1>/g;
  for (let match = element.exec(body); match; match = element.exec(body)) {
    fields[match[1]!] = textOf(match[2]!);
  }
  return fields;
}

function textOf(raw: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  if (cdata) return cdata[1]!;
  return raw
    .trim()
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}
