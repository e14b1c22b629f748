// A value as text for the browser kernel's cell results and console output, in the spirit of Node's
// util.inspect (which tslab uses): strings quoted inside structures, arrays and objects on one line,
// typed arrays named, at most 100 items and 2 levels deep.

/** `value` as Node would print it, roughly. */
export function inspect(value: unknown, depth = 0, top = true): string {
  if (typeof value === "string") return top ? value : `'${value.replace(/'/g, "\\'")}'`;
  if (typeof value === "function") return `[Function: ${value.name || "(anonymous)"}]`;
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || typeof value !== "object") return String(value);
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`;
  if (depth > 2) return Array.isArray(value) ? "[Array]" : "[Object]";
  const items = (list: unknown[]): string => {
    const shown = list.slice(0, 100).map((v) => inspect(v, depth + 1, false));
    if (list.length > 100) shown.push(`... ${list.length - 100} more items`);
    return shown.length ? `[ ${shown.join(", ")} ]` : "[]";
  };
  if (Array.isArray(value)) return items(value);
  if (ArrayBuffer.isView(value) && "length" in value) {
    const list = Array.from(value as unknown as ArrayLike<unknown>);
    return `${value.constructor.name}(${list.length}) ${items(list)}`;
  }
  if (value instanceof Map) return `Map(${value.size}) {${[...value].map(([k, v]) => ` ${inspect(k, depth + 1, false)} => ${inspect(v, depth + 1, false)}`).join(",")} }`;
  if (value instanceof Set) return `Set(${value.size}) ${items([...value])}`;
  const entries = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`}: ${inspect(v, depth + 1, false)}`);
  const name = value.constructor && value.constructor !== Object ? `${value.constructor.name} ` : "";
  return entries.length ? `${name}{ ${entries.join(", ")} }` : `${name}{}`;
}
