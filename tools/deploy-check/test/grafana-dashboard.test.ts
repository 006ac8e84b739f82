import { describe, expect, it } from 'vitest';
import { ofKind } from '../src/kube-queries.ts';
import { metricsInCode, metricsInQuery } from '../src/metrics-in-code.ts';
import { KUBECTL, kubectlAvailable, renderOverlay } from '../src/render-overlay.ts';
import { requireTool } from '../src/require-tool.ts';

const run = requireTool(KUBECTL, kubectlAvailable(), 'kubectl (.ci/run installs it when missing)');

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string }[];
  panels?: Panel[];
}

/** The prod overlay's Grafana dashboard (k8s/components/monitoring) and what its panels query. */
describe.runIf(run)('the Grafana dashboard', () => {
  const objects = run ? renderOverlay('prod') : [];
  const maps = ofKind(objects, 'ConfigMap').filter((map) => map.metadata.labels?.grafana_dashboard === '1');
  const dashboard = JSON.parse(Object.values(maps[0]?.data ?? { missing: '{}' })[0] as string) as {
    panels: Panel[];
    templating: { list: { query?: string | { query: string } }[] };
  };
  const panels = dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
  const queries = [
    ...panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr }))),
    ...dashboard.templating.list.flatMap((v) =>
      typeof v.query === 'object' ? [{ panel: 'variables', expr: v.query.query }] : [],
    ),
  ];
  const registered = metricsInCode();

  it('is one ConfigMap labelled for Grafana’s sidecar, with panels that query Prometheus', () => {
    expect(maps).toHaveLength(1);
    expect(queries.length).toBeGreaterThan(20);
  });

  it('queries only metrics the code registers', () => {
    // The scan itself finds the host's, the kit's and model-sim's metrics.
    expect(registered.get('host_turns_total')).toBe('Counter');
    expect(registered.get('mcp_tool_calls_total')).toBe('Counter');
    for (const { panel, expr } of queries) {
      for (const name of metricsInQuery(expr, registered)) expect(registered.has(name), `${panel}: ${name}`).toBe(true);
    }
    expect(metricsInQuery('rate(host_turns_totl[5m])', registered).every((name) => registered.has(name))).toBe(false);
  });

  it('shows chat turns, time to first token, tool errors, the queue, the record, discovery and rate limiting', () => {
    const queried = new Set(queries.flatMap(({ expr }) => metricsInQuery(expr, registered)));
    for (const name of [
      'host_turns_total',
      'host_turn_ttft_seconds',
      'host_tool_calls_total',
      'host_turn_queue_wait_seconds',
      'host_worker_running_turns',
      'host_record_backlog',
      'host_record_writes_total',
      'host_record_dropped_total',
      'host_discovery_name_conflicts',
    ]) {
      expect(queried.has(name), name).toBe(true);
    }
    expect(queries.some(({ expr }) => /host_chat_requests_total\{[^}]*status="429"/.test(expr))).toBe(true);
  });
});
