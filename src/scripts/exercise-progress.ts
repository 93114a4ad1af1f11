// Fills the page's ExerciseProgress badges from `npm start`'s /api/exercises/progress,
// and again whenever a "Check my program" run finishes (run-panel.ts says so).
async function refresh(): Promise<void> {
  const badges = [...document.querySelectorAll<HTMLElement>('[data-exercise-progress]')];
  if (badges.length === 0 || !document.querySelector('meta[name="xdp-labs-server"]')) return;
  const response = await fetch('/api/exercises/progress', { credentials: 'same-origin' }).catch(() => undefined);
  if (!response?.ok) return;
  const progress = (await response.json()) as Record<string, string>;
  for (const badge of badges) {
    const status = progress[badge.dataset['exerciseProgress'] ?? ''];
    if (!status) continue;
    const words = JSON.parse(badge.dataset['words'] ?? '{}') as Record<string, string>;
    badge.textContent = words[status] ?? status;
    badge.dataset['status'] = status;
    badge.hidden = false;
  }
}

document.addEventListener('xdp-labs:progress-changed', () => void refresh());
void refresh();
