// A value as text for the browser kernel's cell results and console output, in the spirit of Node's
// util.inspect (which tslab uses): strings quoted inside structures, arrays and objects on one line,
// typed arrays named, at most 100 items and 2 levels deep.

/** `value` as Node would print it, roughly. */
export function inspect(value: unknown, depth = 0, top = true): string {
  if (typeof value === "string") return top ? value : `'${value.replace(/'/g, "\\'")}'`;
  if (typeof value === "function") return `[Function: ${value.name || "(anonymous)"}]`;
  if (typeof value === "bigint") return `${value}n`;
  if (Object.is(value, -0)) return "-0";
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

/** console.log's arguments as one line of text, as Node's util.format gives it: a first string's %s, %d, %i, %f, %j, %o, %O, %c and %% are filled from the arguments that follow, the rest are appended. */
export function format(args: unknown[]): string {
  let rest = args;
  let head = "";
  if (typeof args[0] === "string" && args.length > 1) {
    rest = args.slice(1);
    head = args[0].replace(/%([sdifjoOc%])/g, (spec, kind: string) => {
      if (kind === "%") return "%";
      if (rest.length === 0) return spec;
      const v = rest.shift();
      if (kind === "s") return typeof v === "string" ? v : typeof v === "object" && v !== null ? inspect(v, 1, false) : inspect(v);
      if (kind === "d") return typeof v === "bigint" ? `${v}n` : inspect(Number(v));
      if (kind === "i") return typeof v === "bigint" ? `${v}n` : inspect(parseInt(String(v), 10));
      if (kind === "f") return inspect(parseFloat(String(v)));
      if (kind === "j") return JSON.stringify(v) ?? "undefined";
      if (kind === "c") return "";
      return inspect(v, 0, false);
    });
    if (rest.length === 0) return head;
  }
  const tail = rest.map((a) => (typeof a === "string" ? a : inspect(a))).join(" ");
  return head === "" && rest === args ? tail : `${head} ${tail}`;
}
