// Metrics: per service, what says whether it is well: request rate, errors, p95 latency, breakers, consumer lag, outbox.
import { el, api, every, duration } from './dom.js';
import { badge } from './resources.js';

const Charts = [
  { key: 'requestsPerSecond', title: 'Requests', format: value => `${value.toFixed(1)}/s` },
  { key: 'errorRate', title: 'Errors (5xx)', format: value => `${(value * 100).toFixed(1)} %` },
  { key: 'p95Milliseconds', title: 'p95 latency', format: value => duration(value) },
  { key: 'consumerLag', title: 'Consumer lag', format: value => `${value} msg` },
  { key: 'outboxBacklog', title: 'Outbox backlog', format: value => `${value} msg` },
];

export function show(main) {
  const cards = el('div', { class: 'cards' });
  main.append(
    el('h1', {}, 'Metrics'),
    el('p', { class: 'hint' }, 'Each figure is the last 30 seconds; the lines, every 5-second export the services sent.'),
    cards);

  async function refresh() {
    const services = await api('/api/telemetry/health');
    cards.replaceChildren(...services.map(service => el('section', { class: 'card', 'data-service': service.service, 'aria-label': service.service },
      el('h2', {}, service.service),
      el('div', { class: 'figures' }, Charts.map(chart => figure(chart, service))),
      breakers(service.breakers))));
    if (services.length === 0) cards.append(el('p', {}, 'No metrics yet: the services export every 5 seconds.'));
  }

  return every(5000, () => refresh().catch(() => {}));
}

function figure(chart, service) {
  const value = service.current[chart.key];
  const samples = service.samples.map(sample => sample[chart.key]);
  if (value === null && samples.every(sample => sample === null)) return '';
  return el('div', { class: 'figure', 'data-metric': chart.key },
    el('span', { class: 'title' }, chart.title),
    el('span', { class: 'value' }, value === null ? '–' : chart.format(value)),
    sparkline(samples));
}

function breakers(list) {
  if (list.length === 0) return '';
  return el('div', { class: 'breakers' }, el('span', { class: 'title' }, 'Circuit breakers'),
    // "-standard" is the pipeline every HttpClient shares that kept the defaults' resilience handler.
    list.map(breaker => el('div', {}, badge(breaker.state), ` ${breaker.pipeline === '-standard' ? 'default HttpClient' : breaker.pipeline} `,
      el('small', {}, breaker.instance))));
}

// A plain SVG polyline over the last samples: the shape matters here, the figure above gives the value.
function sparkline(values) {
  const points = values.slice(-60);
  const width = 180;
  const height = 36;
  const max = Math.max(...points.filter(value => value !== null), 0) || 1;
  const step = points.length > 1 ? width / (points.length - 1) : width;
  const path = points.map((value, index) => `${(index * step).toFixed(1)},${(height - 2 - ((value ?? 0) / max) * (height - 4)).toFixed(1)}`).join(' ');
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', path);
  svg.append(line);
  return svg;
}
