// Structured logs: what the services logged over OTLP, with level, trace link and attributes.
import { el, api, every, choice, setQuery, debounce, time } from './dom.js';
import { badge } from './resources.js';

const Levels = ['Trace', 'Debug', 'Information', 'Warning', 'Error', 'Critical'];

export function show(main, _path, query) {
  const filter = { service: query.get('service') ?? '', minLevel: query.get('minLevel') ?? '', text: query.get('text') ?? '', traceId: query.get('traceId') ?? '' };
  const body = el('tbody');
  const services = el('span');
  const search = el('input', {
    type: 'search', placeholder: 'Search messages and attributes', value: filter.text, 'aria-label': 'Search',
    oninput: debounce(300, () => { filter.text = search.value; refresh(); }),
  });
  const expanded = new Set();
  main.append(
    el('h1', {}, 'Structured logs'),
    el('div', { class: 'filters' },
      services,
      choice('Level', Levels, filter.minLevel, value => { filter.minLevel = value; refresh(); }, 'Any level'),
      search,
      filter.traceId ? el('span', { class: 'chip' }, `trace ${filter.traceId.slice(0, 8)}… `,
        el('button', { class: 'link', onclick: () => { filter.traceId = ''; refresh(); }, 'aria-label': 'Any trace' }, '×')) : ''),
    el('table', { class: 'logs', 'aria-label': 'Structured logs' },
      el('thead', {}, el('tr', {}, ['Time', 'Level', 'Service', 'Message', 'Trace'].map(heading => el('th', {}, heading)))),
      body));

  api('/api/telemetry/services').then(list => services.replaceChildren(
    choice('Service', list.map(service => service.name), filter.service, value => { filter.service = value; refresh(); })));

  async function refresh() {
    setQuery('logs', filter);
    const parameters = new URLSearchParams({ limit: 500 });
    for (const [key, value] of Object.entries(filter)) if (value) parameters.set(key, value);
    const logs = await api(`/api/telemetry/logs?${parameters}`);
    body.replaceChildren(...logs.flatMap(log => {
      const key = `${log.time}|${log.instance}|${log.message}`;
      const row = el('tr', { class: `level-${log.level.toLowerCase()}`, onclick: () => { expanded.has(key) ? expanded.delete(key) : expanded.add(key); refresh(); } },
        el('td', {}, time(log.time)),
        el('td', {}, badge(log.level)),
        el('td', {}, el('span', { class: 'service' }, log.instance)),
        el('td', { class: 'message' }, log.message),
        el('td', {}, log.traceId ? el('a', { href: `#/traces/${log.traceId}`, onclick: event => event.stopPropagation() }, log.traceId.slice(0, 8)) : ''));
      if (!expanded.has(key)) return [row];
      const attributes = { Category: log.category, ...log.attributes, ...(log.spanId ? { SpanId: log.spanId } : {}) };
      return [row, el('tr', { class: 'attributes' }, el('td', { colspan: 5 },
        el('dl', {}, Object.entries(attributes).flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]))))];
    }));
  }

  return every(3000, () => refresh().catch(() => {}));
}
