// Traces: the newest traces, filtered by service, status and duration; one trace as a waterfall of its spans.
import { el, api, every, choice, setQuery, debounce, duration, time } from './dom.js';
import { badge } from './resources.js';

export function show(main, path, query) {
  if (path[0]) {
    showTrace(main, path[0]);
    return () => {};
  }
  return showList(main, query);
}

function showList(main, query) {
  const filter = { service: query.get('service') ?? '', status: query.get('status') ?? '', minDurationMs: query.get('minDurationMs') ?? '' };
  const body = el('tbody');
  const services = el('span');
  const minDuration = el('input', {
    type: 'number', min: 0, placeholder: 'ms', value: filter.minDurationMs, 'aria-label': 'Minimum duration (ms)',
    oninput: debounce(300, () => { filter.minDurationMs = minDuration.value; refresh(); }),
  });
  main.append(
    el('h1', {}, 'Traces'),
    el('div', { class: 'filters' },
      services,
      choice('Status', ['error', 'ok'], filter.status, value => { filter.status = value; refresh(); }),
      el('label', {}, 'At least ', minDuration, ' ms')),
    el('table', { class: 'traces', 'aria-label': 'Traces' },
      el('thead', {}, el('tr', {}, ['Time', 'Name', 'Services', 'Spans', 'Duration'].map(heading => el('th', {}, heading)))),
      body));

  api('/api/telemetry/services').then(list => services.replaceChildren(
    choice('Service', list.map(service => service.name), filter.service, value => { filter.service = value; refresh(); })));

  async function refresh() {
    setQuery('traces', filter);
    const parameters = new URLSearchParams({ limit: 200 });
    if (filter.service) parameters.set('service', filter.service);
    if (filter.status) parameters.set('error', filter.status === 'error');
    if (filter.minDurationMs) parameters.set('minDurationMs', filter.minDurationMs);
    const traces = await api(`/api/telemetry/traces?${parameters}`);
    const longest = Math.max(1, ...traces.map(trace => trace.durationMs));
    body.replaceChildren(...traces.map(trace => el('tr', { class: trace.hasError ? 'error' : '', 'data-trace': trace.traceId },
      el('td', {}, time(trace.start)),
      el('td', {}, el('a', { href: `#/traces/${trace.traceId}` }, trace.name), trace.hasError ? [' ', badge('Error')] : ''),
      el('td', {}, trace.services.map(service => el('span', { class: 'service' }, service))),
      el('td', { class: 'number' }, trace.spanCount),
      el('td', { class: 'duration' },
        el('span', { class: 'bar', style: `width:${Math.max(1, 100 * trace.durationMs / longest)}%` }),
        duration(trace.durationMs)))));
  }

  return every(3000, () => refresh().catch(() => {}));
}

async function showTrace(main, traceId) {
  main.append(el('p', {}, el('a', { href: '#/traces' }, '← All traces')));
  let spans;
  try {
    spans = await api(`/api/telemetry/traces/${encodeURIComponent(traceId)}`);
  } catch (error) {
    main.append(el('p', { class: 'error' }, error.message));
    return;
  }

  const start = Math.min(...spans.map(span => Date.parse(span.start)));
  const end = Math.max(...spans.map(span => Date.parse(span.start) + span.durationMs));
  const total = Math.max(end - start, 0.001);
  const services = [...new Set(spans.map(span => span.service))];
  const details = el('section', { class: 'span-details', 'aria-label': 'Span details' }, el('p', { class: 'hint' }, 'Choose a span to see its attributes.'));

  main.append(
    el('h1', {}, spans.find(span => !spans.some(parent => parent.spanId === span.parentSpanId))?.name ?? traceId),
    el('p', { class: 'summary' },
      `${spans.length} spans across ${services.length} services · ${duration(total)} · `,
      el('code', {}, traceId), ' · ', el('a', { href: `#/logs?traceId=${traceId}` }, 'Its structured logs')),
    el('ol', { class: 'waterfall', 'aria-label': 'Waterfall' },
      ordered(spans).map(({ span, depth }) => {
        const offset = 100 * (Date.parse(span.start) - start) / total;
        const width = Math.max(0.3, 100 * span.durationMs / total);
        return el('li', {
          class: span.status === 'Error' ? 'error' : '', 'data-service': span.service, 'data-span': span.spanId,
          onclick: event => { select(event.currentTarget); showDetails(details, span); },
        },
        el('span', { class: 'label', style: `padding-left:${depth * 14}px` },
          el('span', { class: `service color-${services.indexOf(span.service) % 8}` }, span.service), ' ', span.name),
        el('span', { class: 'track' },
          el('span', { class: `bar color-${services.indexOf(span.service) % 8}`, style: `left:${offset}%;width:${width}%` }),
          // Near the right edge the duration goes before the bar, not off the page.
          offset + width > 85
            ? el('span', { class: 'span-duration before', style: `right:${100 - offset}%` }, duration(span.durationMs))
            : el('span', { class: 'span-duration', style: `left:${offset + width}%` }, duration(span.durationMs))));
      })),
    details);
}

// Depth-first from the roots, children by start: a parent's row is followed by its children's, as in any waterfall.
function ordered(spans) {
  const ids = new Set(spans.map(span => span.spanId));
  const children = new Map();
  for (const span of spans) {
    const parent = ids.has(span.parentSpanId) ? span.parentSpanId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(span);
  }
  const result = [];
  const visit = (parent, depth) => {
    for (const span of (children.get(parent) ?? []).sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
      result.push({ span, depth });
      visit(span.spanId, depth + 1);
    }
  };
  visit(null, 0);
  return result;
}

function select(row) {
  for (const selected of row.parentElement.querySelectorAll('.selected')) selected.classList.remove('selected');
  row.classList.add('selected');
}

function showDetails(details, span) {
  const fields = [
    ['Service', `${span.service} (${span.instance})`], ['Kind', span.kind],
    ['Status', span.statusMessage ? `${span.status}: ${span.statusMessage}` : span.status],
    ['Start', time(span.start)], ['Duration', duration(span.durationMs)], ['Span id', span.spanId], ['Scope', span.scope],
    ...Object.entries(span.attributes),
  ];
  details.replaceChildren(
    el('h2', {}, span.name),
    el('dl', {}, fields.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)])),
    span.events.length === 0 ? '' : [el('h3', {}, 'Events'), el('ul', {}, span.events.map(event => el('li', {}, `${time(event.time)} ${event.name} `,
      Object.entries(event.attributes).map(([name, value]) => el('div', { class: 'attribute' }, el('b', {}, name), ' ', value)))))]);
}
