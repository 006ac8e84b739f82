import { h } from '@shopchat/chat-views';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartType,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Only the parts of Chart.js the console draws (tree-shaken bundle): bars and lines on category axes.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

const COLOURS = ['#1d4ed8', '#b45309', '#047857', '#7c3aed'];

export interface ChartSpec {
  title: string;
  type: Extract<ChartType, 'bar' | 'line'>;
  labels: string[];
  series: { label: string; data: (number | null)[] }[];
  /** How a value is written in the table under the chart. */
  format: (value: number) => string;
  yMax?: number;
}

/**
 * A chart in a figure: the canvas is an image with a text summary for screen readers, and the same
 * numbers are in a table under it (collapsed), so nothing is only in pixels.
 */
export function chartFigure(spec: ChartSpec): HTMLElement {
  const canvas = h('canvas', {
    role: 'img',
    'aria-label': `${spec.title}: chart; the numbers are in the table below.`,
  });
  const figure = h(
    'figure',
    { class: 'chart' },
    h('h2', {}, spec.title),
    canvas,
    h(
      'details',
      {},
      h('summary', {}, `${spec.title}: the numbers`),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, ''), ...spec.series.map((s) => h('th', { scope: 'col' }, s.label))),
        ),
        h(
          'tbody',
          {},
          ...spec.labels.map((label, i) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, label),
              ...spec.series.map((s) => {
                const value = s.data[i];
                return h('td', {}, value === null || value === undefined ? '—' : spec.format(value));
              }),
            ),
          ),
        ),
      ),
    ),
  );
  // Drawn once the figure is in the page (Chart.js measures its parent).
  queueMicrotask(() =>
    requestAnimationFrame(
      () =>
        new Chart(canvas, {
          type: spec.type,
          data: {
            labels: spec.labels,
            datasets: spec.series.map((s, i) => ({
              label: s.label,
              data: s.data,
              backgroundColor: COLOURS[i % COLOURS.length],
              borderColor: COLOURS[i % COLOURS.length],
              spanGaps: true,
            })),
          },
          options: {
            animation: false,
            maintainAspectRatio: false,
            scales: { y: { beginAtZero: true, ...(spec.yMax !== undefined ? { max: spec.yMax } : {}) } },
            plugins: { legend: { display: spec.series.length > 1 } },
          },
        }),
    ),
  );
  return figure;
}
