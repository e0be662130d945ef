// Ganeti's "nice" order of names (utils.NiceSort, Haskell's niceSortKey), in which queries return nodes, instances and
// groups: a name is split into runs of digits and runs of other characters; digit runs compare as numbers, other runs
// as strings (code points), a number sorts before a string at the same position and a shorter key before a longer
// one. "node2" < "node10", "inst-9" < "inst-10".
//
// The key is encoded as one string so that plain string comparison gives that order: a digit run is \u0001, its
// length without leading zeros (one character) and the digits; any other run is \u0002, the run and a \u0000 end mark
// (names contain no control characters). Keys are cached by name, since names rarely change and a query at 10,000
// instances would otherwise rebuild them all each time.
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const CACHE_LIMIT = 200_000;
const keys = new Map<string, string>();

const isDigit = (code: number) => code >= DIGIT_0 && code <= DIGIT_9;

export function niceSortKey(name: string): string {
  const cached = keys.get(name);
  if (cached !== undefined) return cached;
  let key = "";
  let start = 0;
  while (start < name.length) {
    const digits = isDigit(name.charCodeAt(start));
    let end = start + 1;
    while (end < name.length && isDigit(name.charCodeAt(end)) === digits) end++;
    if (digits) {
      let first = start;
      while (first < end - 1 && name.charCodeAt(first) === DIGIT_0) first++;
      key += `\u0001${String.fromCharCode(32 + end - first)}${name.slice(first, end)}`;
    } else {
      key += `\u0002${name.slice(start, end)}\u0000`;
    }
    start = end;
  }
  if (keys.size >= CACHE_LIMIT) keys.clear();
  keys.set(name, key);
  return key;
}

/** Sorts in place, by Ganeti's nice order of each item's name; items with equal keys keep their order. */
export function niceSortBy<T>(items: T[], nameOf: (item: T) => string): T[] {
  const keyed = items.map((item) => ({ key: niceSortKey(nameOf(item)), item }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 0; i < keyed.length; i++) items[i] = keyed[i]!.item;
  return items;
}

export const niceSort = (names: string[]): string[] => niceSortBy([...names], (name) => name);
