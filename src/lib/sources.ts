// Every file a page may show, read at build time. Vite bundles them as raw text,
// so a page that names a file that does not exist fails the build.
const files = import.meta.glob<string>(['/bpf/**/*.{c,h,go}', '/labs/**/*.{ts,sh,c}', '/labs/Vagrantfile'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

export function readSource(path: string): string {
  const text = files['/' + path.replace(/^\/+/, '')];
  if (text === undefined) {
    const known = Object.keys(files).map((f) => f.slice(1)).join(', ');
    throw new Error(`No source file "${path}". Files a page can include: ${known}`);
  }
  return text;
}

export function languageOf(path: string): string {
  if (path.endsWith('.c') || path.endsWith('.h')) return 'c';
  if (path.endsWith('.go')) return 'go';
  if (path.endsWith('.ts')) return 'ts';
  if (path.endsWith('Vagrantfile')) return 'ruby';
  return 'sh';
}
