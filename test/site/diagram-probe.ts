// Runs inside the page (passed to page.evaluate, so it must not use anything
// from its module scope): measures every diagram (figure svg[role=img]) the way
// a reader sees it — its rendered size, and for every text label the colour it
// is painted in against what is really behind it (the shapes under the label,
// composited over the page background), as a WCAG contrast ratio.

export interface LabelMeasure {
  text: string;
  /** Effective text colour and backdrop, as rgb(r g b). */
  color: string;
  backdrop: string;
  ratio: number;
  width: number;
  height: number;
}

export interface DiagramMeasure {
  /** The figure's id, or its position on the page when it has none. */
  name: string;
  width: number;
  height: number;
  hidden: boolean;
  labels: LabelMeasure[];
}

export interface PageMeasure {
  /** Starlight's theme as applied: <html data-theme>. */
  theme: string;
  diagrams: DiagramMeasure[];
}

export function probeDiagrams(): PageMeasure {
  type Rgba = [number, number, number, number];
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;

  // Let the browser parse any CSS colour (rgb, hsl, oklch, color-mix...) by painting it.
  const parse = (color: string): Rgba => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = 'rgba(0, 0, 0, 0)';
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r!, g!, b!, a! / 255];
  };
  const over = (top: Rgba, below: Rgba): Rgba => {
    const a = top[3];
    return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
  };
  const luminance = ([r, g, b]: Rgba): number => {
    const channel = (v: number): number => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const ratio = (a: Rgba, b: Rgba): number => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (hi + 0.05) / (lo + 0.05);
  };
  const show = ([r, g, b]: Rgba): string => `rgb(${Math.round(r)} ${Math.round(g)} ${Math.round(b)})`;
  const opacity = (style: CSSStyleDeclaration): number => Number(style.opacity || '1');

  /** The colour behind a point, from the painted layers under it (top first), ignoring text. */
  const backdropAt = (x: number, y: number): Rgba => {
    const layers: Rgba[] = [];
    for (const element of document.elementsFromPoint(x, y)) {
      if (element instanceof SVGTextContentElement) continue;
      const style = getComputedStyle(element);
      let layer: Rgba | undefined;
      if (element instanceof SVGGeometryElement) {
        // A shape drawn with fill:none is only hit on its stroke: not a backdrop for text.
        if (style.fill === 'none' || style.fill.startsWith('url(')) continue;
        const fill = parse(style.fill);
        layer = [fill[0], fill[1], fill[2], fill[3] * Number(style.fillOpacity || '1') * opacity(style)];
      } else if (!(element instanceof SVGElement) || element instanceof SVGSVGElement) {
        layer = parse(style.backgroundColor);
      }
      if (!layer || layer[3] === 0) continue;
      layers.push(layer);
      if (layer[3] >= 1) break;
    }
    return layers.reduceRight<Rgba>((below, top) => over(top, below), [255, 255, 255, 1]);
  };

  const diagrams = [...document.querySelectorAll<SVGSVGElement>('figure svg[role="img"]')].map((svg, index) => {
    svg.scrollIntoView({ block: 'center', inline: 'center' });
    const box = svg.getBoundingClientRect();
    const style = getComputedStyle(svg);
    const labels = [...svg.querySelectorAll<SVGTextElement>('text')]
      .filter((text) => (text.textContent ?? '').trim() !== '')
      .map((text): LabelMeasure => {
        text.scrollIntoView({ block: 'center', inline: 'center' });
        const rect = text.getBoundingClientRect();
        const textStyle = getComputedStyle(text);
        const backdrop = backdropAt(rect.left + rect.width / 2, rect.top + rect.height / 2);
        const painted = parse(textStyle.fill);
        const color = over([painted[0], painted[1], painted[2], painted[3] * Number(textStyle.fillOpacity || '1') * opacity(textStyle)], backdrop);
        return {
          text: (text.textContent ?? '').trim().replace(/\s+/g, ' '),
          color: show(color),
          backdrop: show(backdrop),
          ratio: Math.round(ratio(color, backdrop) * 100) / 100,
          width: rect.width,
          height: rect.height,
        };
      });
    return {
      name: svg.closest('figure')?.id || `figure #${index + 1}`,
      width: box.width,
      height: box.height,
      hidden: style.display === 'none' || style.visibility !== 'visible' || Number(style.opacity) === 0,
      labels,
    };
  });
  return { theme: document.documentElement.dataset['theme'] ?? '(none)', diagrams };
}
