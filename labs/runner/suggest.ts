// "Did you mean": the known names closest to what was typed.

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

export function closest(typed: string, known: readonly string[], limit = 3): string[] {
  return known
    .map((name) => ({ name, score: name.includes(typed) || typed.includes(name) ? 0 : distance(typed, name) }))
    .filter((c) => c.score <= Math.max(3, Math.floor(typed.length / 2)))
    .sort((x, y) => x.score - y.score)
    .slice(0, limit)
    .map((c) => c.name);
}
